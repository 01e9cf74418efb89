"""Notifications: who is told, immediately or in the daily digest, one-click unsubscribe."""

import datetime
import itertools

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance import services
from personal import notifications
from personal.models import Kind, Notification, NotificationSettings
from ris_portal.models import OutboxMail
from tests.conftest import client_for
from tests.factories import MembershipFactory, NeedFactory, RoadmapFactory
from tests.governance.factories import MeetingFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

_rounds = itertools.count(1)


def _open_round(cast):
    """Staff open a round for board A (the service notifies its members)."""
    return services.review_round_open(
        body=cast.board_a,
        title=f"Runde {next(_rounds)}",
        deadline=timezone.now() + datetime.timedelta(days=7),
        created_by=cast.staff,
        needs=[NeedFactory(theme__field=cast.field_a)],
    )


def _digest(user):
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"delivery": NotificationSettings.Delivery.DIGEST}
    )


def test_a_new_round_notifies_each_member_immediately_but_not_the_staff_who_opened_it(
    cast, django_capture_on_commit_callbacks
):
    MembershipFactory(body=cast.board_a, user=cast.staff)  # staff is a member too
    with django_capture_on_commit_callbacks(execute=True):
        round_ = _open_round(cast)
    note = Notification.objects.get(kind=Kind.ROUND_OPENED)
    assert note.user == cast.board and note.url == round_.get_absolute_url()
    assert not Notification.objects.filter(user=cast.staff).exists()  # own action
    assert [m.to for m in mail.outbox] == [[cast.board.email]]
    body = mail.outbox[0].body
    assert round_.title in mail.outbox[0].subject and "/benachrichtigungen/abbestellen/" in body
    assert note.emailed_at is not None or Notification.objects.get(pk=note.pk).emailed_at


def test_digest_users_get_one_summary_a_day_after_the_digest_hour(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    _digest(cast.board)
    with django_capture_on_commit_callbacks(execute=True):
        _open_round(cast)
        _open_round(cast)
    assert mail.outbox == []  # nothing immediately
    early = timezone.localtime().replace(hour=5, minute=0) + datetime.timedelta(days=1)
    assert notifications.digests_send(now=early) == 0
    later = early.replace(hour=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.digests_send(now=later) == 1
        assert notifications.digests_send(now=later + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [cast.board.email]
    assert "2 neue Benachrichtigungen" in digest.subject
    assert digest.body.count("Neue Priorisierungsrunde: Runde") == 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_digest_that_was_not_sent_is_caught_up_by_the_next_run(
    cast, settings, django_capture_on_commit_callbacks
):
    """The digest is queued with the notifications' marking in one transaction: a run that
    dies before the commit leaves everything waiting for the next run."""
    _digest(cast.board)
    _open_round(cast)
    later = timezone.localtime().replace(hour=23)
    original = notifications.send_templated_mail

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    notifications.send_templated_mail = crash
    try:
        with pytest.raises(RuntimeError):
            notifications.digests_send(now=later)
    finally:
        notifications.send_templated_mail = original
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1
    assert NotificationSettings.objects.get(user=cast.board).last_digest_on is None
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.digests_send(now=later) == 1
    assert len(mail.outbox) == 1


def test_unsubscribing_a_kind_by_its_signed_link_stops_only_that_kind(
    client, cast, django_capture_on_commit_callbacks
):
    token = notifications.unsubscribe_token(user_id=cast.board.pk, kind=Kind.ROUND_OPENED)
    url = reverse("personal:unsubscribe", kwargs={"token": token})
    page = client.get(url)  # a GET (mail scanners) changes nothing
    assert "Abbestellen" in page.content.decode()
    assert notifications.settings_for(cast.board).emails_kind(Kind.ROUND_OPENED)
    assert "keine E-Mails" in client.post(url).content.decode()
    assert not notifications.settings_for(cast.board).emails_kind(Kind.ROUND_OPENED)
    tampered = reverse("personal:unsubscribe", kwargs={"token": token[:-2] + "xx"})
    assert client.post(tampered).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        round_ = _open_round(cast)
        services.review_round_close(round_=round_, closed_by=cast.staff, reason="Test")
    assert Notification.objects.filter(user=cast.board).count() == 2  # both in the portal
    assert [m.subject for m in mail.outbox] == [
        f"Priorisierungsrunde abgeschlossen: {round_.title}"
    ]


def test_notification_mails_carry_one_click_unsubscribe_headers(
    cast, settings, django_capture_on_commit_callbacks
):
    """RFC 8058: mail programs offer "unsubscribe" and POST to the absolute, signed URL."""
    with django_capture_on_commit_callbacks(execute=True):
        _open_round(cast)
    message = mail.outbox[0].message()
    url = message["List-Unsubscribe"]
    assert url.startswith(f"<{settings.SITE_URL}/") and url.endswith(">")
    assert "/benachrichtigungen/abbestellen/" in url and url[1:-1] in mail.outbox[0].body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert notifications.unsubscribe_read(url[1:-1].rstrip("/").rsplit("/", 1)[1]) == (
        cast.board.pk,
        [Kind.ROUND_OPENED],
    )

    _digest(cast.board)
    later = timezone.localtime().replace(hour=23)
    with django_capture_on_commit_callbacks(execute=True):
        _open_round(cast)
        notifications.digests_send(now=later)
    digest = mail.outbox[1].message()
    assert "Neue Priorisierungsrunde" in mail.outbox[1].body
    # One kind: a link to the same unsubscription (the signature carries a timestamp, so the
    # text differs when the two mails are signed in different seconds).
    assert notifications.unsubscribe_read(
        digest["List-Unsubscribe"][1:-1].rstrip("/").rsplit("/", 1)[1]
    ) == (cast.board.pk, [Kind.ROUND_OPENED])
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_digest_of_several_kinds_unsubscribes_from_all_of_them_in_one_click(
    client, cast, django_capture_on_commit_callbacks
):
    _digest(cast.board)
    later = timezone.localtime().replace(hour=23)
    with django_capture_on_commit_callbacks(execute=True):
        round_ = _open_round(cast)
        services.review_round_close(round_=round_, closed_by=cast.staff, reason="Test")
        assert notifications.digests_send(now=later) == 1
    digest = mail.outbox[-1].message()
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = digest["List-Unsubscribe"][1:-1].rstrip("/").rsplit("/", 1)[1]
    both = sorted([Kind.ROUND_OPENED, Kind.ROUND_CLOSED])
    assert notifications.unsubscribe_read(token) == (cast.board.pk, both)
    url = reverse("personal:unsubscribe", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert "dieser Arten" in page
    assert "Neue Priorisierungsrunde" in page and "Priorisierungsrunde abgeschlossen" in page
    assert notifications.settings_for(cast.board).emails_kind(Kind.ROUND_OPENED)
    assert "keine E-Mails dieser Arten mehr" in client.post(url).content.decode()
    prefs = notifications.settings_for(cast.board)
    assert not prefs.emails_kind(Kind.ROUND_OPENED) and not prefs.emails_kind(Kind.ROUND_CLOSED)
    assert prefs.emails_kind(Kind.COMMENT)  # a kind the digest did not report stays on


def test_a_link_naming_an_unknown_kind_is_refused(client, cast):
    for kinds in (["runde_neu", "erfunden"], [], "erfunden"):
        token = signing.dumps(
            {"u": cast.board.pk, "k": kinds}, salt=notifications.UNSUBSCRIBE_SALT, compress=True
        )
        assert notifications.unsubscribe_read(token) is None
        url = reverse("personal:unsubscribe", kwargs={"token": token})
        assert client.post(url).status_code == 404


def test_the_one_click_post_unsubscribes_without_login_or_csrf_token(cast):
    token = notifications.unsubscribe_token(user_id=cast.board.pk, kind=Kind.ROUND_OPENED)
    url = reverse("personal:unsubscribe", kwargs={"token": token})
    mail_program = Client(enforce_csrf_checks=True)  # no session, no CSRF cookie
    page = mail_program.get(url)
    assert page.status_code == 200 and "Abbestellen" in page.content.decode()
    assert notifications.settings_for(cast.board).emails_kind(Kind.ROUND_OPENED)
    for _twice in range(2):  # sent again (a retry): the same answer, still unsubscribed
        response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200 and "keine E-Mails" in response.content.decode()
        assert not notifications.settings_for(cast.board).emails_kind(Kind.ROUND_OPENED)
    assert NotificationSettings.objects.get(user=cast.board).muted_kinds == [Kind.ROUND_OPENED]
    tampered = reverse("personal:unsubscribe", kwargs={"token": token[:-2] + "xx"})
    assert mail_program.post(tampered, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_submission_decision_and_comment_reach_those_who_can_open_them(
    cast, django_capture_on_commit_callbacks
):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
    )
    with django_capture_on_commit_callbacks(execute=True):
        from fields.services import roadmap_comment_create

        roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Bitte ergänzen.")
        services.approval_submit(obj=roadmap, expected_version=roadmap.version, actor=cast.staff)
    submitted = Notification.objects.get(kind=Kind.SUBMITTED)
    assert submitted.user == cast.steering
    assert submitted.url == reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    roadmap.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.approval_decide(
            obj=roadmap, approve=True, decided_by=cast.steering, expected_version=roadmap.version
        )
    decided = set(Notification.objects.filter(kind=Kind.DECISION).values_list("user", flat=True))
    # staff, the board of the field (also a follower through the comment); not the decider
    assert decided == {cast.staff.pk, cast.superuser.pk, cast.board.pk}

    # A staff member who follows the roadmap hears of the next comment; the author does not.
    from personal.follows import follow_set

    roadmap2 = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
    )
    follow_set(user=cast.staff, obj=roadmap2)
    roadmap_comment_create(roadmap=roadmap2, author=cast.board, text="Noch ein Punkt")
    comment = Notification.objects.get(kind=Kind.COMMENT)
    assert comment.user == cast.staff and "Noch ein Punkt" in comment.text


def test_every_notification_link_opens_for_its_recipient(client, cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.DRAFT
    )
    services.approval_submit(obj=roadmap, expected_version=roadmap.version, actor=cast.staff)
    roadmap.refresh_from_db()
    services.approval_decide(
        obj=roadmap, approve=False, reason="Bitte nachbessern", decided_by=cast.steering,
        expected_version=roadmap.version,
    )  # fmt: skip
    round_ = _open_round(cast)
    services.review_round_close(round_=round_, closed_by=cast.staff, reason="Test")
    meeting = MeetingFactory(body=cast.board_a)
    services.meeting_invitations_send(meeting=meeting, actor=cast.staff)
    notes = list(Notification.objects.select_related("user"))
    assert {n.kind for n in notes} >= {
        Kind.SUBMITTED, Kind.DECISION, Kind.ROUND_OPENED, Kind.ROUND_CLOSED, Kind.MEETING
    }  # fmt: skip
    for note in notes:
        client.logout()
        client_for(client, note.user)
        # 200, or a redirect with a message where the state moved on (a returned submission)
        assert client.get(note.url).status_code in (200, 302), (note.kind, note.user, note.url)


def test_outbox_holds_the_mail_until_a_worker_sends_it(cast):
    """Without the commit callbacks (no worker yet), the mail waits in the outbox."""
    _open_round(cast)
    queued = OutboxMail.objects.get(template="personal/emails/notification")
    assert queued.recipients == [cast.board.email] and queued.status == OutboxMail.Status.PENDING
    assert queued.dedupe_key.startswith("notification:")


def test_a_published_report_notifies_staff_ministry_and_steering_but_not_the_publisher(cast):
    from reports import services as report_services
    from reports.models import Report

    report = ReportFactory(status=Report.Status.READY, year=2024)
    report_services.report_publish(report=report, user=cast.staff)
    told = set(Notification.objects.filter(kind=Kind.REPORT).values_list("user", flat=True))
    assert told == {cast.superuser.pk, cast.ministry.pk, cast.steering.pk}
    note = Notification.objects.filter(kind=Kind.REPORT).first()
    assert note.url == reverse("reports:report_detail", kwargs={"pk": report.pk})


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/aufgaben/", "/aufgaben/"),  # the button on "Meine Aufgaben"
        ("", "personal:notifications"),
        ("https://evil.example/phish", "personal:notifications"),  # never off the portal
        ("//evil.example/", "personal:notifications"),
    ],
)
def test_marking_all_read_returns_to_the_page_of_the_button(client, cast, next_url, lands_on):
    notifications.notify(kind=Kind.COMMENT, users=[cast.board], title="Neu")
    client_for(client, cast.board)
    response = client.post(reverse("personal:notifications_read"), {"next": next_url})
    expected = lands_on if lands_on.startswith("/") else reverse(lands_on)
    assert response.status_code == 302 and response["Location"] == expected
    assert not Notification.objects.filter(user=cast.board, read_at__isnull=True).exists()
