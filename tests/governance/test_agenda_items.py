"""Staff correct and remove agenda items (Tagesordnungspunkte) of a meeting.

Before, an item could only be added: a typo or a dropped item stayed on the meeting page and
in the agenda PDF for good. Now staff correct an item (with history and version check) and
remove one (archived, not deleted) while the agenda is open; once the meeting is cancelled
or its minutes are approved (the record of that agenda), it stays as it is.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from governance import services
from governance.models import AgendaItem
from ris_portal.concurrency import save_versioned
from tests.conftest import client_for
from tests.factories import NeedFactory, RoadmapFactory, ThemeFactory, ValueNetworkFactory
from tests.governance.factories import (
    AgendaItemFactory,
    DevelopmentGoalFactory,
    MeetingFactory,
)


def _url(name: str, item: AgendaItem) -> str:
    return reverse(f"governance:agenda_item_{name}", kwargs={"pk": item.pk})


def _agenda(meeting, *titles: str) -> list[AgendaItem]:
    return [
        AgendaItemFactory(meeting=meeting, order=number, title=title)
        for number, title in enumerate(titles, start=1)
    ]


def _pdf_text(client, name: str, meeting) -> str:
    response = client.get(reverse(f"reports:{name}", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def _approve_minutes(meeting, staff):
    minutes = meeting.minutes
    minutes.text = "Die Tagesordnung wurde beraten."
    minutes.save()
    services.minutes_approve(minutes=minutes, approved_by=staff, expected_version=minutes.version)


def test_staff_correct_an_agenda_item_with_history(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    item = AgendaItemFactory(meeting=meeting, order=1, title="Begrüsung")
    client_for(client, cast.staff)
    page = client.get(_url("update", item)).content.decode()
    assert "Tagesordnungspunkt bearbeiten" in page and 'value="Begrüsung"' in page
    assert f'name="version" value="{item.version}"' in page

    response = client.post(
        _url("update", item), {"order": 2, "title": "Begrüßung", "version": item.version}
    )
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    item.refresh_from_db()
    assert (item.order, item.title, item.version) == (2, "Begrüßung", 2)
    assert item.history.first().history_change_reason == "Tagesordnungspunkt bearbeitet"
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Der Tagesordnungspunkt ist gespeichert." in detail
    assert "Begrüßung" in detail and "Begrüsung" not in detail


def test_an_edit_on_a_stale_version_shows_the_conflict_and_overwrites_nothing(client, cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board_a), order=1, title="Alt")
    loaded = item.version
    item.title = "Von jemand anderem"
    save_versioned(item, expected_version=loaded)  # a colleague saved in between
    client_for(client, cast.staff)

    response = client.post(
        _url("update", item), {"order": 1, "title": "Meine Fassung", "version": loaded}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="conflict"' in page and "Inzwischen geändert" in page
    item.refresh_from_db()
    assert item.title == "Von jemand anderem" and item.version == loaded + 1


def test_staff_remove_an_item_and_it_leaves_the_page_and_the_pdfs(client, cast):
    # A meeting of yesterday with draft minutes: its agenda is still open, and staff may
    # read the draft minutes PDF, which lists the agenda as well.
    meeting = MeetingFactory(body=cast.board_a, days=-1)
    first, dropped, last = _agenda(meeting, "Begrüßung", "Gestrichener Punkt", "Verschiedenes")
    client_for(client, cast.staff)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{_url("remove", dropped)}"' in detail

    page = client.get(_url("remove", dropped)).content.decode()
    assert "Tagesordnungspunkt entfernen" in page and "TOP 2: Gestrichener Punkt" in page
    assert (
        "Der Tagesordnungspunkt erscheint danach nicht mehr auf der Sitzungsseite und weder in "
        "der Tagesordnung noch im Protokoll als PDF. Er wird nicht gelöscht, sondern mit "
        "Zeitpunkt und Person im Verlauf archiviert."
    ) in page
    assert "kern-btn--danger" in page

    response = client.post(_url("remove", dropped), {"version": dropped.version})
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    dropped.refresh_from_db()  # kept, with its history
    assert dropped.is_archived
    assert dropped.history.first().history_change_reason == "Tagesordnungspunkt entfernt"

    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "„Gestrichener Punkt“ ist von der Tagesordnung entfernt." in detail
    assert "Gestrichener Punkt" not in detail.replace(
        "„Gestrichener Punkt“ ist von der Tagesordnung entfernt.", ""
    )
    assert "Begrüßung" in detail and "Verschiedenes" in detail
    # The page numbers the items as the PDF does (TOP 1, TOP 3), not 1, 2 by position.
    assert '<li value="3"><strong>Verschiedenes</strong>' in detail
    for name in ("meeting_agenda_pdf", "meeting_minutes_pdf"):
        text = _pdf_text(client, name, meeting)
        assert "Begrüßung" in text and "Verschiedenes" in text, name
        assert "Gestrichener Punkt" not in text, name
        # Both documents keep the TOP numbers of the meeting page (1, 3), not 1, 2.
        assert "TOP 1: Begrüßung" in text and "TOP 3: Verschiedenes" in text, name

    # The members do not see it either.
    client_for(client, cast.board)
    assert "Gestrichener Punkt" not in client.get(meeting.get_absolute_url()).content.decode()

    # A new item without a number follows the highest one still on the agenda.
    services.agenda_item_remove(item=last, expected_version=last.version)
    assert services.agenda_item_create(meeting=meeting, title="Neu").order == first.order + 1


def test_a_second_click_on_remove_changes_nothing_and_says_why(client, cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board_a), order=1, title="Doppelt")
    client_for(client, cast.staff)
    data = {"version": item.version}
    assert client.post(_url("remove", item), data).status_code == 302
    again = client.post(_url("remove", item), data, follow=True)
    assert "Der Tagesordnungspunkt ist bereits entfernt." in again.content.decode()
    assert item.history.count() == 2  # created, removed: nothing more
    assert client.get(_url("update", item)).status_code == 302  # gone from the agenda
    with pytest.raises(ValidationError):
        services.agenda_item_remove(item=AgendaItem.objects.get(pk=item.pk), expected_version=2)


def test_only_staff_see_the_links_and_each_names_its_item(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    (item,) = _agenda(meeting, "Haushalt")
    client_for(client, cast.staff)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    for name, label in (("update", "Bearbeiten"), ("remove", "Entfernen")):
        link = (
            f'<a class="kern-link" href="{_url(name, item)}">{label}<span class="kern-sr-only">: '
            "<span>Haushalt</span></span></a>"  # lang="de" only when the interface is not German
        )
        assert link in detail
    client_for(client, cast.board)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Haushalt" in detail
    assert _url("update", item) not in detail and _url("remove", item) not in detail
    assert client.get(_url("remove", item)).status_code == 403


def _assert_agenda_closed(client, meeting, item, message):
    """Pages and services refuse with `message`; the meeting page offers no change."""
    for name in ("update", "remove"):
        for method in ("get", "post"):
            response = getattr(client, method)(
                _url(name, item), {"version": item.version, "order": 1, "title": "x"}
            )
            assert response.status_code == 302, (name, method)
            assert response["Location"] == meeting.get_absolute_url()
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert message in detail
    assert _url("update", item) not in detail and _url("remove", item) not in detail
    assert reverse("governance:agenda_item_create", kwargs={"pk": meeting.pk}) not in detail
    item = AgendaItem.objects.select_related("meeting__minutes").get(pk=item.pk)
    with pytest.raises(ValidationError, match=message):
        services.agenda_item_update(item=item, expected_version=item.version, title="x")
    with pytest.raises(ValidationError, match=message):
        services.agenda_item_remove(item=item, expected_version=item.version)
    item.refresh_from_db()
    assert item.title != "x" and not item.is_archived and item.history.count() == 1


def test_the_agenda_of_a_cancelled_meeting_stays_as_it_was(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    (item,) = _agenda(meeting, "Haushalt")
    services.meeting_cancel(meeting=meeting, reason="Krankheit", expected_version=1)
    client_for(client, cast.staff)
    _assert_agenda_closed(
        client,
        meeting,
        item,
        "Die Sitzung ist abgesagt; ihre Tagesordnung kann nicht mehr geändert werden.",
    )


def test_after_the_minutes_are_approved_the_agenda_stays_as_it_was(client, cast):
    meeting = MeetingFactory(body=cast.board_a, days=-1)
    (item,) = _agenda(meeting, "Haushalt")
    _approve_minutes(meeting, cast.staff)
    client_for(client, cast.staff)
    message = (
        "Das Protokoll der Sitzung ist abgestimmt; die Tagesordnung kann nicht mehr geändert "
        "werden."
    )
    _assert_agenda_closed(client, meeting, item, message)

    # No new item either: not through the service, not through the page.
    with pytest.raises(ValidationError, match=message):
        services.agenda_item_create(meeting=meeting, title="Nachgereicht")
    create = reverse("governance:agenda_item_create", kwargs={"pk": meeting.pk})
    assert client.get(create)["Location"] == meeting.get_absolute_url()
    response = client.post(create, {"title": "Nachgereicht"}, follow=True)
    assert message in response.content.decode()
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Haushalt"]


TAKEN = "TOP 2 ist auf dieser Tagesordnung bereits vergeben. Bitte wählen Sie eine andere Nummer."


def test_a_top_number_is_given_to_one_item_still_on_the_agenda_only(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    first, second = _agenda(meeting, "Begrüßung", "Haushalt")

    # Services: an explicit number on a new item, or an edit, may not repeat a live one.
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_create(meeting=meeting, order=2, title="Doppelt")
    assert refused.value.message_dict == {"order": [TAKEN]}
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_update(item=first, expected_version=first.version, order=2)
    assert refused.value.message_dict == {"order": [TAKEN]}
    first.refresh_from_db()
    assert first.order == 1 and first.version == 1

    # The pages show it at the number field and save nothing.
    client_for(client, cast.staff)
    create = reverse("governance:agenda_item_create", kwargs={"pk": meeting.pk})
    for url, data in (
        (create, {"order": 2, "title": "Doppelt"}),
        (_url("update", first), {"order": 2, "title": "Begrüßung", "version": first.version}),
    ):
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert response.context["form"].errors["order"] == [TAKEN], url
    assert sorted(meeting.agenda_items.values_list("order", flat=True)) == [1, 2]

    # Keeping its own number is fine; a removed item's number is free again.
    services.agenda_item_update(item=second, expected_version=second.version, title="Etat")
    services.agenda_item_remove(item=second, expected_version=second.version)
    assert services.agenda_item_create(meeting=meeting, order=2, title="Neu").order == 2
    first = services.agenda_item_update(item=first, expected_version=first.version, order=3)
    assert sorted(meeting.agenda_items.live().values_list("order", flat=True)) == [2, 3]


def test_an_item_whose_subject_was_archived_since_can_still_be_corrected(client, cast):
    theme = ThemeFactory(field=cast.field_a)
    roadmap = RoadmapFactory(network=ValueNetworkFactory(theme=theme), title="Roadmap Alt")
    need = NeedFactory(theme=theme, title="Bedarf Alt")
    goal = DevelopmentGoalFactory(field=cast.field_a, title="Ziel Alt")
    meeting = MeetingFactory(body=cast.board_a)
    about = {"roadmap": roadmap, "need": need, "goal": goal}
    items = [
        AgendaItemFactory(meeting=meeting, order=number, title=f"Über {name}", **{name: subject})
        for number, (name, subject) in enumerate(about.items(), start=1)
    ]
    for subject in about.values():
        type(subject).objects.filter(pk=subject.pk).update(is_archived=True)
    client_for(client, cast.staff)

    for item, (name, subject) in zip(items, about.items(), strict=True):
        form = client.get(_url("update", item)).context["form"]
        assert list(form.fields[name].queryset) == [subject], name  # still selectable
        response = client.post(
            _url("update", item),
            {
                "order": item.order,
                "title": f"{item.title} (korrigiert)",
                name: subject.pk,
                "version": item.version,
            },
        )
        assert response.status_code == 302, (name, response.context["form"].errors)
        item.refresh_from_db()
        assert item.title.endswith("(korrigiert)") and getattr(item, f"{name}_id") == subject.pk

    # Only for the item that has it: a new item and the other items are not offered it.
    create = reverse("governance:agenda_item_create", kwargs={"pk": meeting.pk})
    pages = [client.get(create)] + [client.get(_url("update", item)) for item in items]
    for response in pages:
        form = response.context["form"]
        for name, subject in about.items():
            if getattr(form.instance, f"{name}_id", None) != subject.pk:
                assert subject not in form.fields[name].queryset, name
