"""Completeness matrix (indicator × scope × year) and validation rules in the browser."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from monitoring.completeness import (
    FINAL,
    MISSING,
    NOT_DUE,
    PROVISIONAL,
    completeness_matrix,
    missing_breakdowns,
)
from monitoring.models import ValidationRule
from ris_portal.snapshots import end_of_day
from tests.conftest import client_for
from tests.factories import FieldFactory, IndicatorFactory
from tests.monitoring.factories import QualityConfirmationFactory, ValidationRuleFactory

from .factories import IndicatorValueFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _states(matrix, code, field=None):
    [row] = [r for r in matrix.rows if r.indicator.code == code and r.field == field]
    return [cell.state for cell in row.cells]


def test_it_shows_which_values_are_missing_provisional_or_final(cast):
    """Regression (issue 10): nobody could see which values are missing."""
    indicator = IndicatorFactory(code="CMP-1")
    rule = ValidationRuleFactory(indicator=indicator, first_year=2022)
    rule.required_fields.set([cast.field_a])
    IndicatorValueFactory(indicator=indicator, year=2022, value=1, status="endgueltig")
    IndicatorValueFactory(indicator=indicator, year=2024, value=1, status="vorlaeufig")
    IndicatorValueFactory(indicator=indicator, year=2023, value=1, field=cast.field_a)
    IndicatorValueFactory(indicator=indicator, year=2023, value=1, field=cast.field_b)
    IndicatorValueFactory(indicator=indicator, year=2023, value=9, is_archived=True)

    matrix = completeness_matrix(years=[2021, 2022, 2023, 2024])

    assert _states(matrix, "CMP-1") == [NOT_DUE, FINAL, MISSING, PROVISIONAL]
    assert _states(matrix, "CMP-1", cast.field_a) == [NOT_DUE, MISSING, PROVISIONAL, MISSING]
    # Field B is not required: its value is shown, its empty years are no gaps.
    row_b = next(r for r in matrix.rows if r.field == cast.field_b)
    assert not row_b.required and row_b.gaps == 0
    assert matrix.expected == 6 and matrix.present == 3 and matrix.missing == 3
    assert matrix.percent == 50
    assert [(row.scope_label, cell.year) for row, cell in matrix.gaps] == [
        ("Thüringen insgesamt", 2023),
        ("Feld A", 2022),
        ("Feld A", 2024),
    ]


def test_without_a_rule_values_are_due_from_the_first_value_or_the_baseline(cast):
    with_value = IndicatorFactory(code="CMP-V")
    IndicatorValueFactory(indicator=with_value, year=2023, value=1)
    with_target = IndicatorFactory(code="CMP-T")
    TargetFactory(indicator=with_target, baseline_year=2022, target_year=2027)
    IndicatorFactory(code="CMP-NONE")  # not collected at all

    matrix = completeness_matrix(years=[2022, 2023, 2024])

    assert _states(matrix, "CMP-V") == [NOT_DUE, PROVISIONAL, MISSING]
    assert _states(matrix, "CMP-T") == [MISSING, MISSING, MISSING]
    assert "CMP-NONE" not in {r.indicator.code for r in matrix.rows}
    assert matrix.not_collected == 1


def test_it_shows_the_values_and_rules_as_they_stood_at_a_moment(cast):
    def at(day):
        return time_machine.travel(datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC))

    with at(1):
        field = FieldFactory(name="Feld M", slug="feld-m", code="FM", order=5)
        indicator = IndicatorFactory(code="CMP-S")
        value = IndicatorValueFactory(indicator=indicator, year=2023, value=1, status="vorlaeufig")
        rule = ValidationRuleFactory(indicator=indicator, first_year=2023)
        rule.required_fields.set([field])
        rule.save()  # the history records the many-to-many links with the next save
    with at(20):
        value.status = "endgueltig"
        value.save()
        IndicatorValueFactory(indicator=indicator, year=2024, value=1, status="endgueltig")
        rule.required_fields.set([])
        rule.save()
        IndicatorFactory(code="CMP-LATER")  # created after the moment
        IndicatorValueFactory(indicator__code="CMP-LATER2", year=2024, value=1)

    moment = end_of_day(datetime.date(2026, 3, 10))
    then = completeness_matrix(years=[2023, 2024], as_of=moment)
    assert _states(then, "CMP-S") == [PROVISIONAL, MISSING]
    assert _states(then, "CMP-S", field) == [MISSING, MISSING]
    assert {r.indicator.code for r in then.rows} == {"CMP-S"}
    assert cast.field_a.pk not in {r.field.pk for r in then.rows if r.field}  # created later
    now = completeness_matrix(years=[2023, 2024])
    assert _states(now, "CMP-S") == [FINAL, FINAL]
    assert not [r for r in now.rows if r.field == field]


def test_it_filters_by_scope_kind_and_gaps(cast):
    complete = IndicatorFactory(code="CMP-OK", kind="kontext")
    IndicatorValueFactory(indicator=complete, year=2024, value=1)
    gap = IndicatorFactory(code="CMP-GAP", kind="output")
    ValidationRuleFactory(indicator=gap).required_fields.set([cast.field_a])

    codes = lambda m: sorted({r.indicator.code for r in m.rows})  # noqa: E731
    assert codes(completeness_matrix(years=[2024], only_gaps=True)) == ["CMP-GAP"]
    assert codes(completeness_matrix(years=[2024], kind="kontext")) == ["CMP-OK"]
    only_a = completeness_matrix(years=[2024], scopes={cast.field_a.pk})
    assert [(r.indicator.code, r.field) for r in only_a.rows] == [("CMP-GAP", cast.field_a)]
    assert only_a.expected == 1


def test_missing_breakdowns_name_the_required_scopes_still_empty(cast):
    indicator = IndicatorFactory(code="CMP-B")
    rule = ValidationRuleFactory(indicator=indicator)
    rule.required_fields.set([cast.field_a, cast.field_b])
    IndicatorValueFactory(indicator=indicator, year=2025, value=1, field=cast.field_b)
    [item] = missing_breakdowns([(indicator.pk, None, 2025)])
    assert (item.indicator, item.year, item.scopes) == (indicator, 2025, ["Feld A"])
    assert missing_breakdowns([(IndicatorFactory().pk, None, 2025)]) == []


# --- the page ---------------------------------------------------------------------------------
def test_the_ministry_sees_the_gaps_on_the_completeness_page(client, cast):
    indicator = IndicatorFactory(code="CMP-P", name="Projekte")
    ValidationRuleFactory(indicator=indicator, first_year=2024)
    IndicatorValueFactory(indicator=indicator, year=2024, value=1, status="endgueltig")
    client_for(client, cast.ministry)
    response = client.get(
        reverse("monitoring:completeness"), {"first": 2024, "last": 2025, "gaps": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="fehlt"' in html and 'data-state="endgueltig"' in html
    assert response.context["matrix"].missing == 1
    # The ministry reads; the indicator code is no link to the staff page.
    assert reverse("monitoring:indicator_manage", kwargs={"pk": indicator.pk}) not in html


def test_invalid_filters_fall_back_to_the_last_five_years(client, cast):
    client_for(client, cast.staff)
    response = client.get(reverse("monitoring:completeness"), {"first": 2030, "last": 2020})
    this_year = datetime.date.today().year
    assert response.context["matrix"].years == list(range(this_year - 5, this_year))
    assert "keine Werte erwartet" in response.content.decode()


@pytest.mark.parametrize("indicators", [2, 20])
def test_the_completeness_page_stays_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, indicators
):
    for n in range(indicators):
        indicator = IndicatorFactory()
        rule = ValidationRuleFactory(indicator=indicator, first_year=2021)
        rule.required_fields.set([cast.field_a, cast.field_b])
        TargetFactory(indicator=indicator)
        for year in (2021, 2023):
            IndicatorValueFactory(indicator=indicator, year=year, value=n)
            IndicatorValueFactory(indicator=indicator, year=year, value=n, field=cast.field_a)
    client_for(client, cast.ministry)
    # session, user, roles (groups, memberships), fields (form and matrix), indicators, rules,
    # required fields, first years, target baselines, values.
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("monitoring:completeness"), {"first": 2021, "last": 2025, "page": 1}
        )
    assert response.context["matrix"].expected == indicators * 15


@pytest.mark.parametrize("rows", [2, 20])
def test_the_confirmation_log_stays_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows
):

    for n in range(rows):
        value = IndicatorValueFactory(year=2000 + n, field=cast.field_a if n % 2 else None)
        QualityConfirmationFactory(
            value=value,
            checked_value=value.value,
            warnings=[{"code": "above_max", "params": {"value": "1", "limit": "0"}}],
            reason=f"Grund {n}",
            source="formular",
            confirmed_by=cast.staff,
        )
    client_for(client, cast.staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:quality_confirmations"))
    html = response.content.decode()
    assert "Grund 1" in html and "über dem Höchstwert 0" in html


# --- the rule form ----------------------------------------------------------------------------
def test_staff_set_and_edit_a_rule_with_history_and_no_lost_update(client, cast):
    indicator = IndicatorFactory()
    client_for(client, cast.staff)
    url = reverse("monitoring:validation_rule", kwargs={"pk": indicator.pk})
    data = {
        "min_value": "0",
        "max_value": "1.000,5",
        "max_change_percent": "25",
        "requires_statewide": "on",
        "required_fields": [cast.field_a.pk],
        "first_year": "2021",
    }
    assert client.post(url, data).status_code == 302
    rule = indicator.validation_rule
    assert rule.max_value == Decimal("1000.5")
    assert list(rule.required_fields.all()) == [cast.field_a]

    page = client.get(reverse("monitoring:indicator_manage", kwargs={"pk": indicator.pk}))
    assert 'data-testid="validation-rule"' in page.content.decode()

    stale = {**data, "version": rule.version}
    assert client.post(url, {**data, "max_change_percent": "30", "version": 1}).status_code == 302
    response = client.post(url, {**stale, "max_change_percent": "40"})
    assert response.status_code == 200
    assert response.context["conflict"].changes
    rule.refresh_from_db()
    assert rule.max_change_percent == Decimal("30")
    history = client.get(reverse("monitoring:validation_rule_history", kwargs={"pk": rule.pk}))
    assert history.status_code == 200


def test_the_rule_form_refuses_a_maximum_below_the_minimum(client, cast):
    indicator = IndicatorFactory()
    client_for(client, cast.staff)
    response = client.post(
        reverse("monitoring:validation_rule", kwargs={"pk": indicator.pk}),
        {"min_value": "10", "max_value": "5", "requires_statewide": "on"},
    )
    assert response.status_code == 200
    assert "mindestens so groß" in response.content.decode()
    assert not ValidationRule.objects.exists()


def test_saving_a_value_names_the_required_breakdowns_still_missing(client, cast):
    indicator = IndicatorFactory()
    ValidationRuleFactory(indicator=indicator).required_fields.set([cast.field_b])
    client_for(client, cast.staff)
    response = client.post(
        reverse("monitoring:indicator_value_create", kwargs={"pk": indicator.pk}),
        {"year": 2025, "value": "3", "status": "vorlaeufig"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("fehlen noch verlangte Werte: Feld B" in m for m in messages)


def test_the_demo_seeds_rules_idempotently_and_shows_gaps():
    from ris_portal.seed import seed_all

    seed_all()
    rule = ValidationRule.objects.get(indicator__code="MON-RD-PROJECTS")
    rule.required_fields.remove(rule.required_fields.first())  # staff changed it meanwhile
    seed_all()
    assert ValidationRule.objects.count() == 4
    assert rule.required_fields.count() == 4  # a second seed keeps the staff's change
    matrix = completeness_matrix(years=[2021, 2022, 2023, 2024, 2025])
    gaps = {(row.indicator.code, cell.year) for row, cell in matrix.gaps}
    assert gaps == {("MON-ACTORS", 2023), ("MON-ACTORS", 2024), ("MON-ACTORS", 2025)}
    assert matrix.totals[FINAL] > 0 and matrix.totals[PROVISIONAL] > 0
