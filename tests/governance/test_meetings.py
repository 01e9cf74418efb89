import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.calendar import meeting_ics
from governance.models import Decision, Meeting, MeetingDocument, Membership, Minutes
from personal.models import Kind
from personal.notifications import unsubscribe_read, unsubscribe_url
from ris_portal.models import Invitation
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.governance.factories import PDF_BYTES, MeetingDocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _approved_minutes(meeting, staff, text="Protokolltext"):
    minutes = meeting.minutes
    services.minutes_update(minutes=minutes, text=text, expected_version=minutes.version)
    minutes.refresh_from_db()
    services.minutes_approve(minutes=minutes, approved_by=staff, expected_version=minutes.version)
    minutes.refresh_from_db()
    return minutes


def test_approved_minutes_cannot_be_edited_by_service_model_or_view(client, cast):
    meeting = MeetingFactory(body=cast.board_a, days=-3)
    minutes = _approved_minutes(meeting, cast.staff)
    assert minutes.is_approved and minutes.approved_by == cast.staff

    with pytest.raises(ValidationError):
        services.minutes_update(minutes=minutes, text="geändert", expected_version=minutes.version)
    minutes.text = "direkt geändert"
    with pytest.raises(ValidationError):
        minutes.save()

    client_for(client, cast.staff)
    url = reverse("governance:minutes_edit", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 403
    response = client.post(url, {"text": "per Formular", "version": minutes.version})
    assert response.status_code == 403
    assert Minutes.objects.get(pk=minutes.pk).text == "Protokolltext"


def test_draft_minutes_are_edited_with_history_and_optimistic_locking(client, cast):
    meeting = MeetingFactory(body=cast.board_a, days=-1)
    minutes = meeting.minutes
    client_for(client, cast.staff)
    url = reverse("governance:minutes_edit", kwargs={"pk": meeting.pk})
    assert client.post(url, {"text": "Erster Stand", "version": minutes.version}).status_code == 302
    stale = client.post(url, {"text": "Veralteter Stand", "version": minutes.version})
    assert stale.status_code == 200
    assert "inzwischen" in stale.content.decode()
    minutes.refresh_from_db()
    assert minutes.text == "Erster Stand"
    assert minutes.history.count() == 2


def test_opening_the_minutes_form_writes_nothing_saving_creates_missing_minutes(client, cast):
    meeting = MeetingFactory(body=cast.board_a, days=-1)
    Minutes.objects.filter(meeting=meeting).delete()  # as for meetings from before minutes
    client_for(client, cast.staff)
    url = reverse("governance:minutes_edit", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 200
    assert not Minutes.objects.filter(meeting=meeting).exists()
    assert client.post(url, {"text": "Erster Stand", "version": 1}).status_code == 302
    assert Minutes.objects.get(meeting=meeting).text == "Erster Stand"


def test_empty_minutes_cannot_be_approved(cast):
    minutes = MeetingFactory(body=cast.board_a).minutes
    with pytest.raises(ValidationError):
        services.minutes_approve(
            minutes=minutes, approved_by=cast.staff, expected_version=minutes.version
        )


def test_board_member_sees_own_meeting_with_documents_but_not_foreign_ones(client, cast):
    own = MeetingFactory(body=cast.board_a, title="Eigene Sitzung")
    foreign = MeetingFactory(body=cast.board_b, title="Fremde Sitzung")
    own_doc = MeetingDocumentFactory(meeting=own, uploaded_by=cast.staff, title="Eigene Unterlage")
    foreign_doc = MeetingDocumentFactory(
        meeting=foreign, uploaded_by=cast.staff, title="Fremde Unterlage"
    )
    client_for(client, cast.board)

    page = client.get(reverse("governance:my_bodies")).content.decode()
    assert "Eigene Sitzung" in page and "Eigene Unterlage" in page
    assert "Fremde Sitzung" not in page and "Fremde Unterlage" not in page
    download = client.get(reverse("governance:document_download", kwargs={"pk": own_doc.pk}))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert client.get(foreign.get_absolute_url()).status_code == 404
    foreign_url = reverse("governance:document_download", kwargs={"pk": foreign_doc.pk})
    assert client.get(foreign_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("protokoll.exe", b"MZ....", "Erlaubt sind"),
        ("protokoll.pdf", b"PK\x03\x04 not a pdf", "passt nicht"),
        ("folien.pptx", b"%PDF-1.4", "passt nicht"),
    ],
)
def test_uploads_are_checked_for_type_and_content(client, cast, name, content, error):
    meeting = MeetingFactory(body=cast.board_a)
    client_for(client, cast.staff)
    url = reverse("governance:document_upload", kwargs={"pk": meeting.pk})
    response = client.post(
        url, {"title": "Datei", "kind": "vorlage", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_uploads_larger_than_the_limit_are_refused(cast, monkeypatch):
    monkeypatch.setattr(services.meetings, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError, match="größer"):
        services.document_check(SimpleUploadedFile("a.pdf", PDF_BYTES))


def test_staff_upload_a_pdf_that_members_can_download(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    client_for(client, cast.staff)
    url = reverse("governance:document_upload", kwargs={"pk": meeting.pk})
    upload = SimpleUploadedFile("vorlage.pdf", PDF_BYTES, content_type="application/pdf")
    assert (
        client.post(url, {"title": "Vorlage", "kind": "vorlage", "file": upload}).status_code == 302
    )
    document = MeetingDocument.objects.get()
    assert document.size == len(PDF_BYTES)
    client.logout()
    client_for(client, cast.board)
    download = client.get(reverse("governance:document_download", kwargs={"pk": document.pk}))
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_invitations_go_to_active_members_with_an_icalendar_attachment(
    cast, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=cast.board_a, title="Frühjahrssitzung")
    with django_capture_on_commit_callbacks(execute=True):
        count = services.meeting_invitations_send(meeting=meeting)
    assert count == 1
    assert [m.to for m in mail.outbox] == [[cast.board.email]]
    filename, content, mimetype = mail.outbox[0].attachments[0]
    assert filename == "sitzung.ics" and mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text and "SUMMARY:Frühjahrssitzung" in text
    # One-click unsubscribe from invitations (RFC 8058), the link the text offers.
    message = mail.outbox[0].message()
    # Compared by what the signed link stands for: the signature carries a timestamp, so a
    # link signed here in a later second would differ in its text.
    header = message["List-Unsubscribe"]
    assert header.startswith(f"<{unsubscribe_url(user_id=cast.board.pk, kind=Kind.MEETING)[:40]}")
    assert unsubscribe_read(header[1:-1].rstrip("/").rsplit("/", 1)[1]) == (
        cast.board.pk,
        [Kind.MEETING],
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


def test_icalendar_escapes_text_and_folds_long_lines(cast):
    meeting = MeetingFactory(body=cast.board_a, title="Sitzung; Teil 1, " + "lang " * 30)
    ics = meeting_ics(meeting).decode()
    assert "SUMMARY:Sitzung\\; Teil 1\\, lang" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert ics.endswith("END:VCALENDAR\r\n")


def test_staff_invite_a_new_member_which_creates_the_account(
    client, cast, django_capture_on_commit_callbacks
):
    client_for(client, cast.staff)
    url = reverse("governance:member_invite", kwargs={"slug": cast.board_a.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "email": "neu@example.org",
                "first_name": "Nina",
                "last_name": "Neu",
                "sector": Membership.Sector.BUSINESS,
                "role": Membership.Role.DEPUTY,
                "term": "2025–2028",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="neu@example.org")
    assert membership.body == cast.board_a and membership.role == Membership.Role.DEPUTY
    assert Invitation.objects.filter(user=membership.user).exists()
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]


def test_inviting_an_existing_person_only_adds_the_membership(cast):
    person = UserFactory(email="da@example.org", username="da@example.org")
    services.membership_invite(
        body=cast.board_b,
        email="DA@example.org",
        first_name="X",
        last_name="Y",
        sector=Membership.Sector.SCIENCE,
        role=Membership.Role.MEMBER,
        invited_by=cast.staff,
    )
    assert Membership.objects.filter(user=person, body=cast.board_b).exists()
    assert not Invitation.objects.filter(user=person).exists()


def test_staff_create_a_meeting_and_record_attendance_and_a_decision(client, cast):
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:meeting_create", kwargs={"slug": cast.board_a.slug}),
        {"title": "Sitzung", "starts_at": "2030-03-01T10:00", "ends_at": "2030-03-01T12:00"},
    )
    assert response.status_code == 200  # neither place nor link
    response = client.post(
        reverse("governance:meeting_create", kwargs={"slug": cast.board_a.slug}),
        {
            "title": "Sitzung",
            "starts_at": "2030-03-01T10:00",
            "ends_at": "2030-03-01T12:00",
            "online_url": "https://video.example.org/raum",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    # Before the meeting's date: no attendance, no decisions (the pages send staff back).
    refused = client.post(
        reverse("governance:attendance_edit", kwargs={"pk": meeting.pk}),
        {f"user_{cast.board.pk}": "entschuldigt"},
        follow=True,
    )
    assert "noch nicht stattgefunden" in refused.content.decode()
    assert not meeting.attendances.exists()
    # The meeting has taken place (moved into the past, as time would).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    client.post(
        reverse("governance:attendance_edit", kwargs={"pk": meeting.pk}),
        {f"user_{cast.board.pk}": "entschuldigt"},
    )
    assert meeting.attendances.get().status == "entschuldigt"
    client.post(
        reverse("governance:decision_create", kwargs={"pk": meeting.pk}),
        {
            "title": "Arbeitsprogramm 2030",
            "outcome": "angenommen",
            "votes_yes": 6,
            "votes_no": 1,
            "votes_abstain": 2,
            "is_public": "on",
        },
    )
    decision = Decision.objects.get()
    assert (decision.votes_yes, decision.votes_no, decision.votes_abstain) == (6, 1, 2)
    public = client.get(reverse("governance:decision_list")).content.decode()
    assert "Arbeitsprogramm 2030" in public and "6 / 1 / 2" in public


def test_cancelling_a_meeting_keeps_it_marked_and_tells_invited_members(
    client, cast, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=cast.board_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invitations_send(meeting=meeting)
    meeting.refresh_from_db()
    mail.outbox.clear()
    client_for(client, cast.staff)
    url = reverse("governance:meeting_cancel", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "erhalten die Absage per E-Mail" in page
    response = client.post(url, {"version": meeting.version})
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()  # reason

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"version": meeting.version, "reason": "Terminkonflikt"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancellation_reason == "Terminkonflikt"
    assert Meeting.objects.filter(pk=meeting.pk).exists()  # nothing deleted
    assert cast.board.email in [m.to[0] for m in mail.outbox]
    message = next(m for m in mail.outbox if m.to == [cast.board.email])
    assert message.subject.startswith("Absage:")
    filename, content, _mimetype = message.attachments[0]
    ics = content.decode() if isinstance(content, bytes) else content
    assert filename == "absage.ics"
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    assert f"UID:sitzung-{meeting.pk}@" in ics
    # iTIP: organizer and the one attendee the mail goes to (no other members' addresses).
    assert (
        "ORGANIZER;CN=" in ics
        and f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{cast.board.email}"
        in ics.replace("\r\n ", "")
    )
    assert ics.count("ATTENDEE") == 1

    client.logout()
    client_for(client, cast.board)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Diese Sitzung wurde am" in detail and "Terminkonflikt" in detail
    with pytest.raises(ValidationError):
        services.meeting_invitations_send(meeting=meeting)


def test_a_cancelled_meeting_gets_no_decisions_attendance_or_report_entry(client, cast):
    from reports.content import Snapshot

    meeting = MeetingFactory(body=cast.board_a, days=1)
    services.meeting_cancel(meeting=meeting, reason="Krankheit", expected_version=1)
    client_for(client, cast.staff)
    for name in ("decision_create", "attendance_edit", "agenda_item_create", "document_upload"):
        url = reverse(f"governance:{name}", kwargs={"pk": meeting.pk})
        response = client.post(url, {"title": "x"}, follow=True)
        assert "Die Sitzung ist abgesagt" in response.content.decode(), name
    with pytest.raises(ValidationError):
        services.decision_record(
            body=cast.board_a, meeting=meeting, title="x", outcome="angenommen",
            decided_by=cast.staff,
        )  # fmt: skip
    year = meeting.starts_at.year
    assert meeting.pk not in [m.pk for m in Snapshot(meeting.starts_at.date()).meetings(year)]
    # Others still get 403 first: the refusal comes after the permission check.
    client.logout()
    client_for(client, cast.board)
    url = reverse("governance:decision_create", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 403


def test_a_past_meeting_cannot_be_cancelled(cast):
    meeting = MeetingFactory(body=cast.board_a, days=-3)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, reason="zu spät", expected_version=1)


def test_a_withdrawn_document_disappears_for_members_but_is_kept(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    wrong = MeetingDocumentFactory(meeting=meeting, uploaded_by=cast.staff, title="Falsche Datei")
    client_for(client, cast.staff)
    url = reverse("governance:document_withdraw", kwargs={"pk": wrong.pk})
    assert "Unterlage zurückziehen" in client.get(url).content.decode()
    assert client.post(url, {"version": 1}).status_code == 302
    wrong.refresh_from_db()
    assert wrong.is_archived
    assert wrong.history.first().history_change_reason == "Unterlage zurückgezogen"

    client.logout()
    client_for(client, cast.board)
    assert "Falsche Datei" not in client.get(meeting.get_absolute_url()).content.decode()
    download = reverse("governance:document_download", kwargs={"pk": wrong.pk})
    assert client.get(download).status_code == 404

    # Withdrawn by mistake: staff see it on the meeting page and release it again.
    client.logout()
    client_for(client, cast.staff)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Zurückgezogene Unterlagen" in page and "Falsche Datei" in page
    restore = reverse("governance:document_restore", kwargs={"pk": wrong.pk})
    assert client.post(restore, {"version": 1}).status_code == 302
    wrong.refresh_from_db()
    assert not wrong.is_archived
    assert wrong.history.first().history_change_reason == "Unterlage wieder freigegeben"
