import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Registration
from governance.selectors import forum_participant_counts
from tests.conftest import client_for
from tests.governance.factories import ForumEventFactory

pytestmark = pytest.mark.django_db


def register(event, *, name: str, email: str, organisation: str = ""):
    """Register and confirm the e-mail address, as a visitor does (the flow under test)."""
    pending = services.registration_create(
        event=event, name=name, email=email, organisation=organisation, privacy_consent=True
    )
    return services.registration_confirm(event=event, token=pending.confirmation_token)


def _register(event, n, **extra):
    return register(event, name=f"Person {n}", email=f"p{n}@example.org", **extra)


def test_a_full_event_puts_registrations_on_the_waiting_list(cast):
    event = ForumEventFactory(capacity=2)
    statuses = [_register(event, n).status for n in range(4)]
    assert statuses == ["bestaetigt", "bestaetigt", "warteliste", "warteliste"]


def _confirm_link(message) -> str:
    return re.search(
        r"https?://\S+(/veranstaltungen/\S+/anmeldung-bestaetigen/\S+/)", message.body
    )[1]


def test_public_registration_is_confirmed_by_email_and_then_waitlists(
    client, django_capture_on_commit_callbacks
):
    event = ForumEventFactory(capacity=1)
    url = reverse("governance:event_public", kwargs={"slug": event.slug})
    data = {"name": "Erika", "organisation": "FSU Jena", "email": "e@example.org"}
    response = client.post(url, data)
    assert "Bitte stimmen Sie der Datenschutzerklärung zu." in response.content.decode()
    assert not Registration.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "privacy_consent": "on"}, follow=True)
        client.post(url, {**data, "email": "f@example.org", "privacy_consent": "on"})
    assert "Bitte bestätigen Sie Ihre Anmeldung" in response.content.decode()
    # Nothing is reserved before the owner of the address confirms.
    assert list(Registration.objects.values_list("status", flat=True)) == ["unbestaetigt"] * 2
    assert "1 von 1 frei" in client.get(url).content.decode()
    assert [m.to for m in mail.outbox] == [["e@example.org"], ["f@example.org"]]
    assert mail.outbox[0].subject.startswith("Bitte bestätigen Sie Ihre Anmeldung")

    links = [_confirm_link(m) for m in mail.outbox]
    page = client.get(links[0])
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.content.decode()
    assert Registration.objects.get(email="e@example.org").status == "unbestaetigt"  # GET
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(links[1])  # f@ confirms first and gets the only place
        client.post(links[0])
        client.post(links[0])  # a second click changes nothing
    assert dict(Registration.objects.values_list("email", "status")) == {
        "f@example.org": "bestaetigt",
        "e@example.org": "warteliste",
    }
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Anmeldebestätigung", "Warteliste"]
    page = client.get(url).content.decode()
    assert "0 von 1 frei" in page and "Warteliste" in page


def test_an_unknown_or_expired_link_confirms_nothing(client, cast):
    event = ForumEventFactory()
    pending = services.registration_create(
        event=event, name="Erika", email="e@example.org", privacy_consent=True
    )
    wrong = reverse(
        "governance:registration_confirm", kwargs={"slug": event.slug, "token": "falsch"}
    )
    assert client.get(wrong).status_code == 404
    assert "ungültig oder abgelaufen" in client.get(wrong).content.decode()
    client.post(wrong)
    _age(pending, hours=49)
    link = reverse(
        "governance:registration_confirm",
        kwargs={"slug": event.slug, "token": pending.confirmation_token},
    )
    assert client.get(link).status_code == 404
    client.post(link)
    assert Registration.objects.get(pk=pending.pk).status == "unbestaetigt"

    call_command("purge_forum_registrations", stdout=io.StringIO())
    assert not Registration.objects.filter(pk=pending.pk).exists()


def _age(registration, **delta):
    Registration.objects.filter(pk=registration.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(**delta)
    )


def test_registering_again_sends_a_fresh_link_but_not_more_often_than_every_few_minutes(cast):
    event = ForumEventFactory()
    first = services.registration_create(
        event=event, name="Erika", email="e@example.org", privacy_consent=True
    )
    with pytest.raises(ValidationError) as refused:  # no mail bombing of one address
        services.registration_create(
            event=event, name="Erika", email="e@example.org", privacy_consent=True
        )
    assert "vor wenigen Minuten" in str(refused.value)

    _age(first, hours=50)  # the first link has expired meanwhile
    assert services.registration_pending(event=event, token=first.confirmation_token) is None
    again = services.registration_create(
        event=event, name="Erika Muster", email="E@example.org", privacy_consent=True
    )
    assert again.pk == first.pk and again.name == "Erika Muster"
    assert again.confirmation_token != first.confirmation_token
    assert Registration.objects.count() == 1
    confirmed = services.registration_confirm(event=event, token=again.confirmation_token)
    assert confirmed.status == "bestaetigt"


def test_the_waiting_list_moves_up_in_the_order_of_confirmation(cast):
    event = ForumEventFactory(capacity=1)
    holder = register(event, name="Platz", email="platz@example.org")
    early = services.registration_create(
        event=event, name="Früh angemeldet", email="frueh@example.org", privacy_consent=True
    )
    register(event, name="Früh bestätigt", email="bestaetigt@example.org")
    services.registration_confirm(event=event, token=early.confirmation_token)
    promoted = services.registration_cancel(registration=holder)
    assert promoted.name == "Früh bestätigt"


def test_behind_a_proxy_the_forwarded_client_address_counts(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.RIS_RATE_LIMITS = {**settings.RIS_RATE_LIMITS, "accessibility_feedback": (1, 3600)}
    url = reverse("accessibility")
    data = {"name": "A", "email": "a@example.org", "message": "Kontrast zu gering"}

    def post(forwarded):
        return client.post(url, data, HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [post("198.51.100.1"), post("198.51.100.1"), post("198.51.100.2")] == [302, 429, 302]


def test_the_same_email_cannot_register_twice(cast):
    event = ForumEventFactory()
    _register(event, 1)
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_registration_closes_when_staff_close_it(cast):
    event = ForumEventFactory()
    event.registration_open = False
    event.save()
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_staff_export_participants_as_csv(client, cast):
    event = ForumEventFactory()
    _register(event, 1, organisation="TU Ilmenau")
    client_for(client, cast.staff)
    response = client.get(reverse("governance:event_participants_csv", kwargs={"pk": event.pk}))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Name;Organisation;E-Mail-Adresse;Status")
    assert lines[1].startswith("Person 1;TU Ilmenau;p1@example.org;bestätigt")


def test_the_participant_csv_never_hands_a_formula_to_a_spreadsheet(client, cast):
    event = ForumEventFactory()
    services.registration_create(
        event=event,
        name='=HYPERLINK("http://example.org/x";"Klick")',
        organisation="@SUM(1+1)",
        email="p@example.org",
        privacy_consent=True,
    )
    client_for(client, cast.staff)
    response = client.get(reverse("governance:event_participants_csv", kwargs={"pk": event.pk}))
    row = response.content.decode("utf-8-sig").strip().splitlines()[1]
    assert row.startswith('"\'=HYPERLINK(""http://example.org/x"";""Klick"")";\'@SUM(1+1);')


def test_personal_data_is_deleted_after_the_retention_period_but_counts_stay(cast):
    event = ForumEventFactory(capacity=1, days=-40)
    event.retention_days = 30
    event.save()
    recent = ForumEventFactory(days=-5)
    _register_past = Registration.objects.create
    for n, status in enumerate(["bestaetigt", "warteliste"]):
        _register_past(
            event=event, name=f"P{n}", email=f"p{n}@x.org", privacy_consent=True, status=status
        )
    _register_past(
        event=recent, name="Neu", email="neu@x.org", privacy_consent=True, status="bestaetigt"
    )

    call_command("purge_forum_registrations")

    purged = Registration.objects.filter(event=event)
    assert set(purged.values_list("email", flat=True)) == {""}
    assert all(r.anonymised_at for r in purged)
    assert Registration.objects.get(event=recent).email == "neu@x.org"
    event.refresh_from_db()
    assert event.personal_data_deleted_at is not None
    counts = {row["slug"]: row["participants"] for row in forum_participant_counts()}
    assert counts[event.slug] == 1 and counts[recent.slug] == 1
    # Later runs leave the purged event alone and purge the other once its period is over.
    assert services.registrations_purge(now=event.ends_at + datetime.timedelta(days=400)) == 1


def test_cancelling_a_confirmed_registration_promotes_the_waiting_list(
    client, cast, django_capture_on_commit_callbacks
):
    event = ForumEventFactory(capacity=1)
    first, second, third = (_register(event, n) for n in range(3))
    client_for(client, cast.staff)
    url = reverse("governance:registration_cancel", kwargs={"pk": first.pk})
    assert "Anmeldung stornieren" in client.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"version": 1}).status_code == 302
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "storniert", second.pk: "bestaetigt", third.pk: "warteliste"}
    # The cancelled person is told, and the person who moves up gets the confirmation.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    promoted = next(m for m in mail.outbox if m.to == [second.email])
    assert promoted.subject.startswith("Anmeldebestätigung")


def test_cancelling_a_waiting_registration_promotes_nobody(cast):
    event = ForumEventFactory(capacity=1)
    first, second = (_register(event, n) for n in range(2))
    assert services.registration_cancel(registration=second) is None
    first.refresh_from_db()
    assert first.status == "bestaetigt"


def test_ipv6_clients_count_per_64_network(client, settings):
    settings.RIS_RATE_LIMITS = {**settings.RIS_RATE_LIMITS, "forum_registration": (1, 3600)}
    event = ForumEventFactory()
    url = reverse("governance:event_public", kwargs={"slug": event.slug})

    def post(n, address):
        data = {"name": f"P{n}", "email": f"p{n}@example.org", "privacy_consent": "on"}
        return client.post(url, data, REMOTE_ADDR=address).status_code

    assert post(1, "2001:db8:1:2::1") == 302
    assert post(2, "2001:db8:1:2::ffff") == 429  # same /64
    assert post(3, "2001:db8:1:3::1") == 302


def test_cancelling_an_event_closes_registration_and_tells_everyone_registered(
    client, cast, django_capture_on_commit_callbacks
):
    event = ForumEventFactory(capacity=1)
    _register(event, 1)
    _register(event, 2)  # waiting list
    pending = services.registration_create(
        event=event, name="Unbestätigt", email="u@example.org", privacy_consent=True
    )
    mail.outbox.clear()
    client_for(client, cast.staff)
    url = reverse("governance:event_cancel", kwargs={"pk": event.pk})
    assert "Warteliste erhalten die Absage" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"version": event.version, "reason": "Raum gesperrt"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled and not event.registration_open
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]
    assert all(m.subject.startswith("Absage:") for m in mail.outbox)
    assert Registration.objects.filter(event=event).count() == 3  # kept

    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist abgesagt." in page and "Raum gesperrt" in page
    assert "Verbindlich anmelden" not in page
    with pytest.raises(ValidationError):
        services.registration_confirm(event=event, token=pending.confirmation_token)
    assert event.pk not in [row["pk"] for row in forum_participant_counts()]


def test_a_participant_cancels_from_the_confirmation_and_the_waiting_list_moves_up(
    client, cast, django_capture_on_commit_callbacks
):
    event = ForumEventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(event, 1)
        second = _register(event, 2)
    assert (first.status, second.status) == ("bestaetigt", "warteliste")
    confirmation = next(
        m for m in mail.outbox if m.to == [first.email] and m.subject.startswith("Anmeldebest")
    )
    assert [a[0] for a in confirmation.attachments] == ["veranstaltung.ics"]
    ics = confirmation.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VEVENT" in ics and "SUMMARY:RIS-Forum" in ics
    path = re.search(r"/veranstaltungen/[^\s]+/abmelden/[^\s]+/", confirmation.body).group(0)
    mail.outbox.clear()

    assert "Anmeldung stornieren" in client.get(path).content.decode()  # GET changes nothing
    assert Registration.objects.get(pk=first.pk).status == "bestaetigt"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "storniert" and first.cancelled_by_participant
    assert second.status == "bestaetigt"
    assert {tuple(m.to) for m in mail.outbox} == {(first.email,), (second.email,)}
    promoted = next(m for m in mail.outbox if m.to == [second.email])
    assert "veranstaltung.ics" in [a[0] for a in promoted.attachments]
    assert client.get(path).status_code == 404  # the link is used up


def test_staff_cancelling_a_registration_tells_the_person(
    client, cast, django_capture_on_commit_callbacks
):
    event = ForumEventFactory()
    registration = _register(event, 1)
    mail.outbox.clear()
    client_for(client, cast.staff)
    url = reverse("governance:registration_cancel", kwargs={"pk": registration.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"version": 1})
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert "Geschäftsstelle hat Ihre Anmeldung" in mail.outbox[0].body


def test_staff_tick_attendance_after_the_event_and_the_counts_use_it(client, cast):
    event = ForumEventFactory(capacity=5)
    people = [_register(event, n) for n in range(3)]
    client_for(client, cast.staff)
    url = reverse("governance:event_attendance", kwargs={"pk": event.pk})
    early = client.get(url, follow=True).content.decode()
    assert "nach Beginn der Veranstaltung" in early  # not before the event
    with pytest.raises(ValidationError):
        services.event_attendance_record(event=event, attended_ids=[people[0].pk])
    counts = {row["slug"]: row for row in forum_participant_counts()}
    assert counts[event.slug]["participants"] == 3  # confirmed, before attendance
    assert not counts[event.slug]["attendance_recorded"]

    start = timezone.now() - datetime.timedelta(hours=4)
    type(event).objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    form = client.get(url)
    assert form.status_code == 200 and "Person 2" in form.content.decode()
    client.post(url, {f"r_{people[0].pk}": "on", f"r_{people[2].pk}": "on"})
    assert list(
        Registration.objects.filter(event=event).order_by("pk").values_list("attended", flat=True)
    ) == [True, False, True]
    counts = {row["slug"]: row for row in forum_participant_counts()}
    assert counts[event.slug]["participants"] == 2 and counts[event.slug]["attendance_recorded"]
    page = client.get(reverse("governance:event_participants", kwargs={"pk": event.pk}))
    assert 'data-testid="attendance-recorded"' in page.content.decode()
