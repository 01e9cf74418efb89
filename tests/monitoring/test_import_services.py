import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fields.models import Actor
from monitoring.models import Activity, ImportBatch, IndicatorValue
from monitoring.resources import ActivityExportResource
from monitoring.selectors import activity_list
from monitoring.services import (
    import_batch_confirm,
    import_batch_create,
    import_batch_rollback,
    import_preview,
    indicator_values_lock_year,
)
from ris_portal.spreadsheets import dataset_to_csv, dataset_to_xlsx
from tests.factories import ActorFactory, IndicatorFactory, ThemeFactory

from .factories import ActivityFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def _import(kind, text, user, name="datei.csv", encoding="utf-8"):
    batch, preview = import_batch_create(
        kind=kind, file_name=name, content=text.encode(encoding), user=user
    )
    assert batch is not None, preview.error_messages
    return import_batch_confirm(batch=batch, user=user)


def test_it_reads_german_numbers_dates_and_windows_1252_text(cast):
    ActorFactory(name="Carl Zeiss AG", kind=Actor.Kind.COMPANY)
    theme = ThemeFactory(field=cast.field_a, slug="photonik")
    _import(
        "activities",
        "Kennung;Art;Titel;Beginn;Ende;Felder;Themen;Akteure;Teilnehmende;Fördersumme;"
        "Förderquelle\n"
        "X-1;FuE-Projekt;Größere Öffnung;31.12.2024;31.01.2025;fa, FB;photonik;"
        "carl zeiss ag;1.200;1.234.567,89;EU\n",
        cast.staff,
        encoding="cp1252",
    )
    activity = Activity.objects.get(reference="X-1")
    assert activity.title == "Größere Öffnung"
    assert activity.kind == Activity.Kind.RD_PROJECT
    assert activity.start_date == datetime.date(2024, 12, 31)
    assert activity.end_date == datetime.date(2025, 1, 31)
    assert activity.funding_amount == Decimal("1234567.89")
    assert activity.funding_source == Activity.FundingSource.EU
    assert activity.participants == 1200
    assert set(activity.fields.all()) == {cast.field_a, cast.field_b}
    assert list(activity.themes.all()) == [theme]
    assert [a.name for a in activity.actors.all()] == ["Carl Zeiss AG"]
    assert activity.import_batch.created_by == cast.staff
    record = activity.history.get()
    assert record.history_user == cast.staff


def test_it_previews_new_changed_and_unchanged_rows_with_the_changes(cast):
    ActivityFactory(
        reference="X-1", title="Alt", kind="studie", start_date=datetime.date(2024, 1, 1)
    )
    ActivityFactory(
        reference="X-2", title="Gleich", kind="studie", start_date=datetime.date(2024, 1, 1)
    )
    preview = import_preview(
        kind="activities",
        file_name="a.csv",
        content=(
            b"Kennung;Art;Titel;Beginn\nX-1;Studie;Neu;01.01.2024\nX-2;Studie;Gleich;01.01.2024\n"
            b"X-3;Studie;Ganz neu;01.01.2024\n"
        ),
    )
    assert preview.counts == {"new": 1, "changed": 1, "unchanged": 1, "error": 0}
    changed = next(row for row in preview.rows if row.action == "changed")
    assert changed.changes == ["Titel: Alt → Neu"]
    assert Activity.objects.count() == 2  # a preview writes nothing


def test_it_imports_nothing_when_the_data_changed_between_preview_and_confirm(cast):
    indicator = IndicatorFactory(code="IND-A")
    batch, _preview = import_batch_create(
        kind="indicator-values",
        file_name="w.csv",
        content=b"Indikator;Jahr;Wert\nIND-A;2023;5\nIND-A;2024;6\n",
        user=cast.staff,
    )
    indicator_values_lock_year(year=2024, user=cast.staff)
    with pytest.raises(ValidationError) as error:
        import_batch_confirm(batch=batch, user=cast.staff)
    assert "Das Jahr 2024 ist gesperrt" in " ".join(error.value.messages)
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW


def test_it_rolls_back_created_and_changed_rows(cast):
    original = ActivityFactory(reference="X-1", title="Original", funding_amount=Decimal("5.00"))
    original.fields.add(cast.field_a)
    batch = _import(
        "activities",
        "Kennung;Art;Titel;Beginn;Felder;Fördersumme\n"
        "X-1;Studie;Geändert;01.01.2024;FB;7,50\nX-2;Studie;Neu;01.01.2024;FA;\n",
        cast.staff,
    )
    assert (batch.new_count, batch.changed_count) == (1, 1)
    original.refresh_from_db()
    assert original.title == "Geändert"
    assert list(original.fields.all()) == [cast.field_b]

    import_batch_rollback(batch=batch, user=cast.staff)

    original.refresh_from_db()
    assert original.title == "Original"
    assert original.funding_amount == Decimal("5.00")
    assert original.start_date == datetime.date(2025, 3, 1)
    assert list(original.fields.all()) == [cast.field_a]
    created = Activity.objects.get(reference="X-2")
    assert created.is_archived  # archived, not deleted
    assert list(activity_list()) == [original]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.ROLLED_BACK
    assert batch.rolled_back_by == cast.staff
    # The history keeps the import and its rollback.
    assert original.history.count() >= 2


def test_it_refuses_to_roll_back_when_a_later_import_of_the_same_kind_exists(cast):
    first = _import("activities", "Kennung;Art;Titel;Beginn\nX-1;Studie;A;01.01.2024\n", cast.staff)
    _import("activities", "Kennung;Art;Titel;Beginn\nX-1;Studie;B;01.01.2024\n", cast.staff)
    with pytest.raises(ValidationError, match="späteren Importe"):
        import_batch_rollback(batch=first, user=cast.staff)
    assert Activity.objects.get(reference="X-1").title == "B"


def test_it_refuses_to_roll_back_values_of_a_locked_year(cast):
    IndicatorFactory(code="IND-A")
    batch = _import("indicator-values", "Indikator;Jahr;Wert\nIND-A;2024;5\n", cast.staff)
    indicator_values_lock_year(year=2024, user=cast.staff)
    with pytest.raises(ValidationError, match="gesperrter Jahre"):
        import_batch_rollback(batch=batch, user=cast.staff)
    assert IndicatorValue.objects.get().is_archived is False


def test_it_requires_a_reason_to_change_a_final_value_by_import(cast):
    indicator = IndicatorFactory(code="IND-A")
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("5"), status="endgueltig")
    preview = import_preview(
        kind="indicator-values",
        file_name="w.csv",
        content=b"Indikator;Jahr;Wert\nIND-A;2024;6\n",
    )
    assert "braucht eine Begründung" in " ".join(preview.error_messages)
    batch = _import(
        "indicator-values",
        "Indikator;Jahr;Wert;Begründung\nIND-A;2024;6;Korrektur laut TLS vom 03.03.2026\n",
        cast.staff,
    )
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("6")
    assert value.change_reason == "Korrektur laut TLS vom 03.03.2026"
    assert value.history.first().change_reason == "Korrektur laut TLS vom 03.03.2026"
    assert value.import_batch == batch


def test_it_reactivates_and_updates_actors_by_name(cast):
    actor = ActorFactory(name="Beispiel GmbH", kind=Actor.Kind.COMPANY, is_archived=True)
    batch = _import(
        "actors", "Name;Art;Ort;Felder\nbeispiel gmbh;Unternehmen;Erfurt;FA\n", cast.staff
    )
    actor.refresh_from_db()
    assert (batch.changed_count, actor.city, actor.is_archived) == (1, "Erfurt", False)
    assert list(actor.fields.all()) == [cast.field_a]


def test_it_exports_activities_that_import_again_unchanged(cast):
    activity = ActivityFactory(reference="X-1", funding_amount=Decimal("1234.50"))
    activity.fields.add(cast.field_a)
    dataset = ActivityExportResource().export(queryset=activity_list())
    for content, name in ((dataset_to_csv(dataset), "e.csv"), (dataset_to_xlsx(dataset), "e.xlsx")):
        preview = import_preview(kind="activities", file_name=name, content=content)
        assert preview.counts == {"new": 0, "changed": 0, "unchanged": 1, "error": 0}, name
        assert preview.ignored_columns == ["Herkunft"]


def test_it_escapes_formulas_in_csv_and_xlsx_exports(cast):
    ActivityFactory(reference="=1+1", title="+SUM(A1:A9)", description="@cmd")
    ActivityFactory(reference="X-2", title="-2 Grad", description="harmlos")
    dataset = ActivityExportResource().export(queryset=activity_list())
    text = dataset_to_csv(dataset).decode("utf-8-sig")
    assert "'=1+1;" in text and ";'+SUM(A1:A9);" in text and "'@cmd" in text
    assert "'-2 Grad" in text
    sheet = openpyxl.load_workbook(io.BytesIO(dataset_to_xlsx(dataset))).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "'=1+1" in cells and "'+SUM(A1:A9)" in cells
    assert not any(isinstance(c, str) and c.startswith(("=", "+", "@")) for c in cells)


def test_it_writes_german_numbers_and_dates_in_csv_exports(cast):
    ActivityFactory(reference="X-1", funding_amount=Decimal("1234.50"))
    text = dataset_to_csv(ActivityExportResource().export(queryset=activity_list())).decode(
        "utf-8-sig"
    )
    assert "1234,5" in text and "01.03.2025" in text


def test_it_imports_with_dry_run_without_writing(cast, tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("Kennung;Art;Titel;Beginn\nX-1;Studie;A;01.01.2024\n", encoding="utf-8")
    call_command("import_records", "activities", str(path), "--dry-run")
    assert "1 neu" in capsys.readouterr().out
    assert not Activity.objects.exists()
    assert not ImportBatch.objects.exists()


def test_it_reports_a_missing_file_without_a_traceback(cast, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nicht gefunden"):
        call_command("import_records", "actors", str(tmp_path / "fehlt.csv"))


def test_it_refuses_to_roll_back_rows_edited_after_the_import(cast):
    from ris_portal.concurrency import save_versioned

    batch = _import("activities", "Kennung;Art;Titel;Beginn\nX-1;Studie;A;01.01.2024\n", cast.staff)
    activity = Activity.objects.get(reference="X-1")
    activity.title = "Von Hand verbessert"
    save_versioned(activity, expected_version=activity.version)
    with pytest.raises(
        ValidationError, match="1 Einträge aus diesem Import wurden danach bearbeitet"
    ):
        import_batch_rollback(batch=batch, user=cast.staff)
    activity.refresh_from_db()
    assert (activity.title, activity.is_archived) == ("Von Hand verbessert", False)


def test_row_labels_of_the_preview_are_translated_for_english_readers(cast):
    from django.utils import translation

    from monitoring.resources import ActivityImportResource, RowResult

    row = RowResult(line=2)
    resource = ActivityImportResource()
    resource.load_lookups()
    resource.clean({"reference": "A-1"}, row)
    with translation.override("en"):
        assert row.label_text == "Reference “A-1”"
    with translation.override("de"):
        assert row.label_text == "Kennung „A-1“"
