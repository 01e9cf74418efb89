import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import Activity, IndicatorValue, YearLock
from monitoring.services import import_batch_confirm, import_batch_create
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.html_outline import skipped_heading_levels
from tests.monitoring.factories import YearLockFactory

from .factories import ActivityFactory, IndicatorValueFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _activity_import(cast, *rows, columns="Kennung;Art;Titel;Beginn", file_name="p.csv"):
    """An import of activities in preview, uploaded by staff: a CSV of `columns` and `rows`."""
    content = "".join(f"{line}\n" for line in (columns, *rows))
    batch, _preview = import_batch_create(
        kind="activities", file_name=file_name, content=content.encode(), user=cast.staff
    )
    return batch


def _activities(cast, n):
    for i in range(n):
        ActivityFactory(
            fields=[cast.field_a if i % 2 else cast.field_b],
            kind=Activity.Kind.values[i % 5],
            start_date=datetime.date(2022 + i % 4, 1 + i % 12, 1),
            funding_source=Activity.FundingSource.values[i % 4],
        )


def _values(n):
    for i in range(n):
        indicator = IndicatorFactory()
        TargetFactory(indicator=indicator)
        for year in (2022, 2023, 2024):
            IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(100 + i + year))


# --- activity list ----------------------------------------------------------------------------
def test_it_filters_and_searches_activities(client, cast):
    ActivityFactory(title="Photonik-Forum", fields=[cast.field_a], kind="veranstaltung")
    ActivityFactory(title="Wasserstoff-Studie", fields=[cast.field_b], kind="studie")
    ActivityFactory(
        title="Alte Studie",
        fields=[cast.field_b],
        kind="studie",
        start_date=datetime.date(2021, 5, 1),
    )
    client_for(client, cast.staff)
    url = reverse("monitoring:activity_list")

    def titles(**query):
        response = client.get(url, query)
        return sorted(a.title for a in response.context["activities"])

    assert titles(field=cast.field_a.pk) == ["Photonik-Forum"]
    assert titles(kind="studie") == ["Alte Studie", "Wasserstoff-Studie"]
    assert titles(year=2021) == ["Alte Studie"]
    assert titles(q="wasser") == ["Wasserstoff-Studie"]
    assert titles(source="bund") == []


def test_it_shows_an_empty_state_and_paginates_activities(client, cast):
    client_for(client, cast.staff)
    url = reverse("monitoring:activity_list")
    assert "Es sind noch keine Aktivitäten erfasst" in client.get(url).content.decode()
    _activities(cast, 30)
    page2 = client.get(url, {"page": 2})
    assert len(page2.context["activities"]) == 5
    assert "Seite 2 von 2" in page2.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("url_name", "kwargs", "budget"),
    [
        # session + user, roles (groups, memberships), years for the filter, fields for the
        # filter, count, page, prefetch fields/themes/actors, navigation/context.
        ("monitoring:activity_list", {}, 14),
        ("monitoring:activity_export", {"fmt": "xlsx"}, 12),
    ],
)
def test_it_lists_and_exports_activities_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows, url_name, kwargs, budget
):
    _activities(cast, rows)
    client_for(client, cast.staff)
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200


def test_it_exports_the_filtered_activities(client, cast):
    ActivityFactory(title="In A", fields=[cast.field_a])
    ActivityFactory(title="In B", fields=[cast.field_b])
    client_for(client, cast.staff)
    response = client.get(
        reverse("monitoring:activity_export", kwargs={"fmt": "csv"}), {"field": cast.field_a.pk}
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "In A" in text and "In B" not in text
    assert (
        client.get(reverse("monitoring:activity_export", kwargs={"fmt": "pdf"})).status_code == 404
    )


def test_it_archives_an_activity_only_after_confirmation(client, cast):
    activity = ActivityFactory()
    client_for(client, cast.staff)
    url = reverse("monitoring:activity_archive", kwargs={"pk": activity.pk})
    assert "Ja, archivieren" in client.get(url).content.decode()
    activity.refresh_from_db()
    assert not activity.is_archived
    client.post(url, {"version": activity.version})
    activity.refresh_from_db()
    assert activity.is_archived
    assert (
        client.get(reverse("monitoring:activity_update", kwargs={"pk": activity.pk})).status_code
        == 404
    )


def test_it_refuses_a_stale_activity_edit(client, cast):
    activity = ActivityFactory(title="Alt")
    client_for(client, cast.staff)
    url = reverse("monitoring:activity_update", kwargs={"pk": activity.pk})
    data = {
        "reference": activity.reference,
        "kind": "studie",
        "title": "Meine Änderung",
        "start_date": "2025-03-01",
        "version": activity.version,
    }
    activity.title = "Fremde Änderung"
    activity.version += 1
    activity.save()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "inzwischen geändert" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Fremde Änderung"
    data["version"] = activity.version
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Meine Änderung"


def test_it_creates_an_activity_marked_as_entered(client, cast):
    client_for(client, cast.staff)
    response = client.post(
        reverse("monitoring:activity_create"),
        {
            "kind": "beratung",
            "title": "Beratung KMU",
            "start_date": "2025-02-01",
            "fields": [cast.field_a.pk],
            "funding_source": "",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.import_batch is None
    assert str(activity.origin_label) == "erfasst"


# --- import pages -----------------------------------------------------------------------------
@pytest.mark.parametrize("rows", [2, 20])
def test_it_lists_import_batches_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows
):
    for n in range(rows):
        _activity_import(cast, f"Q-{n};Studie;T;01.01.2024", file_name=f"{n}.csv")
    client_for(client, cast.staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:import"))
    assert len(response.context["batches"]) == rows


def test_it_offers_templates_that_import_cleanly(client, cast):
    client_for(client, cast.staff)
    IndicatorFactory(code="MON-RD-PROJECTS")
    from fields.models import SpecializationField

    SpecializationField.objects.filter(pk=cast.field_a.pk).update(code="IPS")
    cast.field_b.code = "NERV"
    cast.field_b.save()
    for kind in ("activities", "indicator-values", "actors"):
        for fmt in ("csv", "xlsx"):
            response = client.get(
                reverse("monitoring:import_template", kwargs={"kind": kind, "fmt": fmt})
            )
            assert response.status_code == 200
            from monitoring.services import import_preview

            preview = import_preview(kind=kind, file_name=f"v.{fmt}", content=response.content)
            assert preview.is_valid, (kind, fmt, preview.error_messages)
    assert (
        client.get(
            reverse("monitoring:import_template", kwargs={"kind": "nope", "fmt": "csv"})
        ).status_code
        == 404
    )


def test_it_shows_the_preview_with_row_changes_and_filters(client, cast):
    ActivityFactory(
        reference="P-1", title="Alt", kind="studie", start_date=datetime.date(2024, 1, 1)
    )
    batch = _activity_import(cast, "P-1;Studie;Neu;01.01.2024", "P-2;Studie;X;01.01.2024")
    client_for(client, cast.staff)
    url = reverse("monitoring:import_detail", kwargs={"pk": batch.pk})
    page = client.get(url).content.decode()
    assert "Titel: Alt → Neu" in page
    changed_only = client.get(url, {"zeilen": "changed"})
    assert [r.line for r in changed_only.context["rows"]] == [2]


def test_it_discards_a_preview_without_importing(client, cast):
    batch = _activity_import(cast, "P-1;Studie;X;01.01.2024")
    client_for(client, cast.staff)
    client.post(reverse("monitoring:import_discard", kwargs={"pk": batch.pk}))
    assert not Activity.objects.exists()
    assert not type(batch).objects.exists()


def test_it_rolls_back_an_import_from_the_confirmation_page(client, cast):
    batch = _activity_import(cast, "P-1;Studie;X;01.01.2024")
    import_batch_confirm(batch=batch, user=cast.staff)
    client_for(client, cast.staff)
    url = reverse("monitoring:import_rollback", kwargs={"pk": batch.pk})
    assert "Ja, zurückrollen" in client.get(url).content.decode()
    assert Activity.objects.live().count() == 1
    client.post(url)
    assert Activity.objects.live().count() == 0
    # A rolled-back batch cannot be rolled back again.
    assert client.get(url).status_code == 404


# --- dashboards -------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [1, 10])
def test_it_renders_dashboards_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, scale
):
    _activities(cast, 5 * scale)
    _values(scale)
    client_for(client, cast.ministry)
    # session, user, groups, memberships, fields, values, targets, activity aggregate,
    # funding aggregate, navigation.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    assert len(response.context["series"]) == scale
    with django_assert_max_num_queries(13):
        response = client.get(reverse("monitoring:dashboard_field", kwargs={"slug": "feld-a"}))
    assert response.status_code == 200


def test_it_shows_charts_with_text_alternatives_and_data_tables(client, cast):
    indicator = IndicatorFactory(code="DASH-1", name="FuE-Projekte")
    TargetFactory(
        indicator=indicator,
        baseline_year=2022,
        baseline_value=100,
        target_year=2024,
        target_value=200,
    )
    IndicatorValueFactory(indicator=indicator, year=2022, value=100)
    IndicatorValueFactory(indicator=indicator, year=2024, value=120)
    ActivityFactory(fields=[cast.field_a], funding_amount=Decimal("2500000"), funding_source="eu")
    client_for(client, cast.steering)
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert page.count('role="img"') == 3
    assert "<desc" in page and "DASH-1: FuE-Projekte" in page
    assert "hinter Plan" in page  # 120 against a plan of 200 (−15 % = 170)
    funding = page.split('data-testid="funding-table"')[1].split("</table>")[0]
    assert ">EU<" in funding and ">2,50<" in funding  # 2.5 million EUR


def test_it_scopes_the_field_dashboard_to_the_field(client, cast):
    ActivityFactory(fields=[cast.field_a], kind="studie")
    ActivityFactory(fields=[cast.field_b], kind="beratung")
    client_for(client, cast.staff)
    response = client.get(reverse("monitoring:dashboard_field", kwargs={"slug": "feld-a"}))
    assert [row[0] for row in response.context["activities"].rows] == ["Studie"]
    assert (
        client.get(
            reverse("monitoring:dashboard_field", kwargs={"slug": "gibt-es-nicht"})
        ).status_code
        == 404
    )


# --- indicators -------------------------------------------------------------------------------
def test_it_gives_the_series_of_every_indicator_page_a_heading_outline_without_gaps(client, cast):
    """The series blocks have h3 headings: each page puts them under an h2 (crawl: Nu checker)."""
    indicator = IndicatorFactory(code="OUT-1")
    IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("11"))
    YearLockFactory(year=2023)
    client_for(client, cast.staff)
    for url in (
        reverse("monitoring:indicator_manage", kwargs={"pk": indicator.pk}),
        reverse("monitoring:indicator_public", kwargs={"code": "OUT-1"}),
        reverse("monitoring:dashboard"),
    ):
        html = client.get(url).content.decode()
        assert 'data-testid="series-OUT-1"' in html, url
        assert skipped_heading_levels(html) == [], url


def test_it_shows_the_public_only_published_values(client, cast):
    indicator = IndicatorFactory(code="PUB-1")
    IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("11"))
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("99"))
    YearLockFactory(year=2023)
    response = client.get(reverse("monitoring:indicator_public", kwargs={"code": "PUB-1"}))
    [series] = response.context["series"]
    assert [v.year for v in series.values] == [2023]
    assert "99" not in "".join(str(r.value) for r in series.rows)
    assert "99" not in response.content.decode().split("<main")[1]


def test_it_requires_a_reason_to_change_a_final_value_in_the_form(client, cast):
    value = IndicatorValueFactory(year=2024, value=Decimal("5"), status="endgueltig")
    client_for(client, cast.staff)
    url = reverse("monitoring:indicator_value_update", kwargs={"pk": value.pk})
    data = {"year": 2024, "value": "6,5", "status": "endgueltig", "version": value.version}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Bitte begründen Sie die Änderung" in response.content.decode()
    value.refresh_from_db()
    assert value.value == Decimal("5")
    response = client.post(url, {**data, "reason": "Revision der Statistik"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("6.5")
    assert value.history.first().history_change_reason == "Revision der Statistik"
    assert value.history.first().change_reason == "Revision der Statistik"


def test_it_refuses_edits_in_a_locked_year(client, cast):
    value = IndicatorValueFactory(year=2024, value=Decimal("5"))
    client_for(client, cast.staff)
    response = client.post(
        reverse("monitoring:year_locks"), {"year": 2024, "note": "Bericht 2024", "confirm": "on"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("monitoring:indicator_value_update", kwargs={"pk": value.pk}),
        {"year": 2024, "value": "6", "status": "vorlaeufig", "version": value.version},
    )
    assert "Das Jahr 2024 ist gesperrt" in response.content.decode()
    value.refresh_from_db()
    assert value.value == Decimal("5")


def test_it_locks_a_year_only_with_the_confirmation(client, cast):
    client_for(client, cast.staff)
    client.post(reverse("monitoring:year_locks"), {"year": 2024})
    assert not YearLock.objects.exists()


def test_it_creates_values_and_targets_from_the_indicator_page(client, cast):
    indicator = IndicatorFactory()
    client_for(client, cast.staff)
    client.post(
        reverse("monitoring:indicator_value_create", kwargs={"pk": indicator.pk}),
        {"field": cast.field_a.pk, "year": 2025, "value": "1.234,5", "status": "vorlaeufig"},
    )
    client.post(
        reverse("monitoring:target_create", kwargs={"pk": indicator.pk}),
        {
            "baseline_year": 2021,
            "baseline_value": "10",
            "target_year": 2027,
            "target_value": "20",
            "tolerance_percent": "10",
        },
    )
    value = IndicatorValue.objects.get()
    assert (value.field, value.value) == (cast.field_a, Decimal("1234.5"))
    assert indicator.targets.get().tolerance_percent == Decimal("10")


@pytest.mark.parametrize("rows", [2, 20])
def test_it_shows_the_indicator_page_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows
):
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator)
    for year in range(2000, 2000 + rows):
        IndicatorValueFactory(indicator=indicator, year=year, field=cast.field_a)
    client_for(client, cast.staff)
    # 14 for the page; the golden-thread panel (thread app) adds at most 7: measures with their
    # chain, their needs, the needs' round results, recommendations, decisions, the years with
    # values, the published reports of those years.
    with django_assert_max_num_queries(14 + 7):
        response = client.get(reverse("monitoring:indicator_manage", kwargs={"pk": indicator.pk}))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_it_previews_an_import_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows
):
    for n in range(rows):
        ActivityFactory(reference=f"Q-{n}", fields=[cast.field_a])
    lines = [f"Q-{n};Studie;Neu {n};01.01.2024;FA" for n in range(rows)]
    batch = _activity_import(
        cast, *lines, columns="Kennung;Art;Titel;Beginn;Felder", file_name="q.csv"
    )
    client_for(client, cast.staff)
    # session, user, roles (2), batch, lookups (fields, themes, actors, measures),
    # existing activities, their fields, navigation.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("monitoring:import_detail", kwargs={"pk": batch.pk}))
    assert response.context["preview"].counts["changed"] == rows


@pytest.mark.parametrize("rows", [2, 20])
def test_it_lists_locked_years_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, rows
):
    for year in range(2000, 2000 + rows):
        YearLockFactory(year=year, locked_by=cast.staff)
    client_for(client, cast.staff)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("monitoring:year_locks"))
    assert len(response.context["locks"]) == rows


@pytest.mark.parametrize("rows", [2, 30])
def test_it_shows_the_public_indicator_catalogue_within_a_fixed_query_budget(
    client, django_assert_max_num_queries, rows
):
    for n in range(rows):
        IndicatorFactory(code=f"KAT-{n:03d}", name=f"Indikator {n}")
    with django_assert_max_num_queries(3):  # count + one page of indicators (2 measured)
        response = client.get(reverse("monitoring:indicator_catalogue"))
    assert response.status_code == 200
    assert "KAT-000" in response.content.decode()


def test_the_dashboard_lists_an_indicator_added_after_the_ids_were_cached(client, cast):
    """The indicator ids of a dashboard are cached under the history versions of indicators,
    values and targets: a new value, a new target and an archived value show at once."""
    first = IndicatorFactory(code="CACHE-1")
    IndicatorValueFactory(indicator=first, field=cast.field_a, year=2024, value=1)
    client_for(client, cast.staff)
    url = reverse("monitoring:dashboard_field", kwargs={"slug": "feld-a"})

    def codes():
        return [s.scope.indicator.code for s in client.get(url).context["series"]]

    assert codes() == ["CACHE-1"]
    second, third = IndicatorFactory(code="CACHE-2"), IndicatorFactory(code="CACHE-3")
    IndicatorValueFactory(indicator=second, field=cast.field_a, year=2024, value=2)
    assert codes() == ["CACHE-1", "CACHE-2"]
    TargetFactory(indicator=third, field=cast.field_a)
    assert codes() == ["CACHE-1", "CACHE-2", "CACHE-3"]
    value = IndicatorValue.objects.get(indicator=second)
    value.is_archived = True
    value.save()  # archiving writes a history record like every write path
    assert codes() == ["CACHE-1", "CACHE-3"]
    # The cached rows and charts follow a corrected value too.
    corrected = IndicatorValue.objects.get(indicator=first)
    corrected.value = 4711
    corrected.save()
    [series] = [s for s in client.get(url).context["series"] if s.indicator.code == "CACHE-1"]
    assert series.scope.row(2024).value == 4711 and "4.711" in series.chart
