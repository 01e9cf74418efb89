import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from governance import services
from governance.models import Registration
from governance.selectors import forum_participant_counts
from tests.conftest import client_for

from .helpers import make_event

pytestmark = pytest.mark.django_db


def _register(event, n, **extra):
    return services.registration_create(
        event=event,
        name=f"Person {n}",
        email=f"p{n}@example.org",
        privacy_consent=True,
        **extra,
    )


def test_a_full_event_puts_registrations_on_the_waiting_list(cast):
    event = make_event(capacity=2)
    statuses = [_register(event, n).status for n in range(4)]
    assert statuses == ["bestaetigt", "bestaetigt", "warteliste", "warteliste"]


def test_public_registration_confirms_by_email_and_then_waitlists(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    url = reverse("governance:event_public", kwargs={"slug": event.slug})
    data = {"name": "Erika", "organisation": "FSU Jena", "email": "e@example.org"}
    response = client.post(url, data)
    assert "Bitte stimmen Sie der Datenschutzerklärung zu." in response.content.decode()
    assert not Registration.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "privacy_consent": "on"})
        client.post(url, {**data, "email": "f@example.org", "privacy_consent": "on"})
    assert list(Registration.objects.values_list("status", flat=True)) == [
        "bestaetigt",
        "warteliste",
    ]
    assert [m.to for m in mail.outbox] == [["e@example.org"], ["f@example.org"]]
    assert mail.outbox[0].subject.startswith("Anmeldebestätigung")
    assert mail.outbox[1].subject.startswith("Warteliste")
    page = client.get(url).content.decode()
    assert "0 von 1 frei" in page and "Warteliste" in page


def test_the_same_email_cannot_register_twice(cast):
    event = make_event()
    _register(event, 1)
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_registration_closes_when_staff_close_it(cast):
    event = make_event()
    event.registration_open = False
    event.save()
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_staff_export_participants_as_csv(client, cast):
    event = make_event()
    _register(event, 1, organisation="TU Ilmenau")
    client_for(client, cast.staff)
    response = client.get(reverse("governance:event_participants_csv", kwargs={"pk": event.pk}))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Name;Organisation;E-Mail-Adresse;Status")
    assert lines[1].startswith("Person 1;TU Ilmenau;p1@example.org;bestätigt")


def test_the_participant_csv_never_hands_a_formula_to_a_spreadsheet(client, cast):
    event = make_event()
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
    event = make_event(capacity=1, days=-40)
    event.retention_days = 30
    event.save()
    recent = make_event(days=-5)
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
    event = make_event(capacity=1)
    first, second, third = (_register(event, n) for n in range(3))
    client_for(client, cast.staff)
    url = reverse("governance:registration_cancel", kwargs={"pk": first.pk})
    assert "Anmeldung stornieren" in client.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"version": 1}).status_code == 302
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "storniert", second.pk: "bestaetigt", third.pk: "warteliste"}
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert mail.outbox[0].subject.startswith("Anmeldebestätigung")


def test_cancelling_a_waiting_registration_promotes_nobody(cast):
    event = make_event(capacity=1)
    first, second = (_register(event, n) for n in range(2))
    assert services.registration_cancel(registration=second) is None
    first.refresh_from_db()
    assert first.status == "bestaetigt"
