"""Restoring an earlier stand: confirmation first, content only, and the same rules as editing.

A restore copies fields from a snapshot; without these rules it could bring back a status the
Lenkungskreis never decided, change a published roadmap or a value of a locked year.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from fields.models import Measure, Roadmap
from governance.models import DevelopmentGoal
from ris_portal.concurrency import save_versioned
from tests.conftest import client_for
from tests.factories import ThemeFactory
from tests.governance.factories import DevelopmentGoalFactory
from tests.monitoring.factories import IndicatorValueFactory, YearLockFactory

pytestmark = pytest.mark.django_db


def _oldest(obj):
    return obj.history.order_by("history_date", "history_id").first()


def test_the_restore_button_opens_a_confirmation_that_lists_the_changes(client, cast):
    theme = ThemeFactory(field=cast.field_a, name="Sensorik", description="Alt")
    theme.description = "Neu"
    save_versioned(theme, expected_version=1)
    client_for(client, cast.staff)
    url = reverse("fields:theme_history", kwargs={"pk": theme.pk})
    assert f"?wiederherstellen={_oldest(theme).history_id}" in client.get(url).content.decode()

    page = client.get(url, {"wiederherstellen": _oldest(theme).history_id}).content.decode()
    assert "Früheren Stand wiederherstellen?" in page
    assert "Beschreibung" in page and ">Neu<" in page and ">Alt<" in page
    theme.refresh_from_db()
    assert theme.description == "Neu"  # GET changes nothing

    client.post(url, {"history_id": _oldest(theme).history_id, "version": theme.version})
    theme.refresh_from_db()
    assert theme.description == "Alt"


def test_only_editors_may_open_the_confirmation(client, cast):
    theme = ThemeFactory(field=cast.field_a)
    theme.name = "Anders"
    save_versioned(theme, expected_version=1)
    client_for(client, cast.ministry)
    url = reverse("fields:theme_history", kwargs={"pk": theme.pk})
    response = client.get(url, {"wiederherstellen": _oldest(theme).history_id})
    assert response.status_code in (403, 404)


def test_a_restore_never_brings_back_a_workflow_status(client, cast, content):
    roadmap = content["roadmap"]  # a draft
    roadmap.title = "Roadmap Photonik 2030"
    roadmap.status = Roadmap.Status.BOARD_REVIEW
    save_versioned(roadmap, expected_version=roadmap.version)
    client_for(client, cast.staff)
    client.post(
        reverse("fields:roadmap_history", kwargs={"pk": roadmap.pk}),
        {"history_id": _oldest(roadmap).history_id, "version": roadmap.version},
    )
    roadmap.refresh_from_db()
    assert roadmap.title == "Roadmap Photonik"  # content restored
    assert roadmap.status == Roadmap.Status.BOARD_REVIEW  # workflow untouched


@pytest.mark.parametrize("status", [Roadmap.Status.SUBMITTED, Roadmap.Status.PUBLISHED])
def test_a_roadmap_the_steering_committee_has_is_not_restored(client, cast, content, status):
    roadmap, measure = content["roadmap"], content["measures"][0]
    measure.title = "Weiterbildung neu"
    save_versioned(measure, expected_version=measure.version)
    roadmap.title = "Neuer Titel"
    save_versioned(roadmap, expected_version=roadmap.version)
    Roadmap.objects.filter(pk=roadmap.pk).update(status=status)
    roadmap.refresh_from_db()
    client_for(client, cast.staff)

    url = reverse("fields:roadmap_history", kwargs={"pk": roadmap.pk})
    page = client.get(url).content.decode()
    assert "können derzeit nicht wiederhergestellt werden" in page
    assert "?wiederherstellen=" not in page
    response = client.post(
        url, {"history_id": _oldest(roadmap).history_id, "version": roadmap.version}, follow=True
    )
    assert "Wiederherstellen nicht möglich" in response.content.decode()
    roadmap.refresh_from_db()
    assert roadmap.title == "Neuer Titel"

    client.post(
        reverse("fields:measure_history", kwargs={"pk": measure.pk}),
        {"history_id": _oldest(measure).history_id, "version": measure.version},
    )
    measure.refresh_from_db()
    assert measure.title == "Weiterbildung neu"


def test_an_indicator_value_of_a_locked_year_is_not_restored(client, cast):
    value = IndicatorValueFactory(year=2024, value=Decimal("20"))
    value.value = Decimal("10")
    save_versioned(value, expected_version=value.version)
    YearLockFactory(year=2024, locked_by=cast.staff)
    client_for(client, cast.staff)
    url = reverse("monitoring:indicator_value_history", kwargs={"pk": value.pk})
    page = client.get(url, {"wiederherstellen": _oldest(value).history_id}).content.decode()
    assert "Das Jahr 2024 ist gesperrt" in page
    assert 'data-testid="restore-confirm"' not in page
    client.post(url, {"history_id": _oldest(value).history_id, "version": value.version})
    value.refresh_from_db()
    assert value.value == Decimal("10")


@pytest.mark.parametrize("status", [DevelopmentGoal.Status.SUBMITTED, "beschlossen"])
def test_submitted_or_approved_goals_cannot_be_edited_or_restored(client, cast, status):
    goal = DevelopmentGoalFactory(field=cast.field_a, title="Wasserstoff", status=status)
    client_for(client, cast.staff)
    url = reverse("governance:goal_update", kwargs={"pk": goal.pk})
    response = client.get(url, follow=True)
    assert "kann nicht mehr bearbeitet werden" in response.content.decode()
    client.post(url, {"field": cast.field_a.pk, "title": "Geändert", "version": goal.version})
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Wasserstoff", status)
    listing = client.get(reverse("governance:goal_list")).content.decode()
    assert url not in listing


def test_a_returned_goal_can_be_edited_again(client, cast):
    goal = DevelopmentGoalFactory(
        field=cast.field_a, title="Wasserstoff", status=DevelopmentGoal.Status.RETURNED
    )
    client_for(client, cast.staff)
    url = reverse("governance:goal_update", kwargs={"pk": goal.pk})
    response = client.post(
        url, {"field": cast.field_a.pk, "title": "Wasserstoff 2030", "version": goal.version}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Wasserstoff 2030"


def test_a_restore_keeps_the_position_of_a_measure(client, cast, content):
    first, second = content["measures"][0], content["measures"][1]
    first.title = "Weiterbildung 2.0"
    save_versioned(first, expected_version=first.version)
    # Later moved down (positions swap) …
    Measure.objects.filter(pk=first.pk).update(order=2)
    Measure.objects.filter(pk=second.pk).update(order=1)
    first.refresh_from_db()
    client_for(client, cast.staff)
    client.post(
        reverse("fields:measure_history", kwargs={"pk": first.pk}),
        {"history_id": _oldest(first).history_id, "version": first.version},
    )
    first.refresh_from_db()
    assert (first.title, first.order) == ("Weiterbildung", 2)  # … and stays there
