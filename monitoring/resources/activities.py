"""Import of activities."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fields.models import Actor, Measure, SpecializationField, Theme

from ..importing import parse_date, parse_decimal, parse_int, text
from ..models import Activity, ImportBatch
from .engine import BaseImportResource, Column, RowResult, _Choices, _load_m2m


class ActivityImportResource(BaseImportResource):
    model = Activity
    columns = (
        Column("reference", "Kennung", True, ("ID", "Referenz"), "AKT-2025-001"),
        Column("kind", "Art", True, ("Typ",), "Veranstaltung"),
        Column("title", "Titel", True, ("Bezeichnung",), "Fachforum Wasserstoff"),
        Column("start_date", "Beginn", True, ("Start", "Datum", "Startdatum"), "15.03.2025"),
        Column("end_date", "Ende", False, ("Enddatum",), "15.03.2025"),
        Column("fields", "Felder", False, ("Feld", "Spezialisierungsfelder"), "NERV"),
        Column("themes", "Themen", False, ("Thema",), ""),
        Column("measure", "Maßnahme", False, ("Massnahme", "Maßnahme-ID"), ""),
        Column("actors", "Akteure", False, ("Akteur",), ""),
        Column("participants", "Teilnehmende", False, ("Teilnehmer",), "120"),
        Column("funding_amount", "Fördersumme", False, ("Fördersumme (EUR)",), "25.000,00"),
        Column("funding_source", "Förderquelle", False, (), "Land"),
        Column(
            "description", "Beschreibung", False, (), "Austausch von Wirtschaft und Wissenschaft"
        ),
    )
    m2m_fields = ("fields", "themes", "actors")
    key_fields = ("reference",)
    german_fields = ("title", "description", "measure_id", "themes")

    def load_lookups(self) -> None:
        self.parse_kind = _Choices(Activity.Kind.choices, "Art")
        self.parse_source = _Choices(Activity.FundingSource.choices, "Förderquelle")
        fields = list(SpecializationField.objects.values_list("pk", "code"))
        themes = list(Theme.objects.values_list("pk", "slug", "name"))
        actors = list(Actor.objects.live().values_list("pk", "name"))
        measures = dict(Measure.objects.values_list("pk", "title"))
        self.fields_by_code = {code.casefold(): pk for pk, code in fields}
        self.themes_by_slug = {slug.casefold(): pk for pk, slug, _name in themes}
        self.actors_by_name = {name.casefold(): pk for pk, name in actors}
        self.measure_ids = set(measures)
        self.related_names = {
            "fields": dict(fields),
            "themes": {pk: name for pk, _slug, name in themes},
            "actors": dict(actors),
            "measure": measures,
        }

    def clean(self, raw: dict, row: RowResult) -> None:
        reference = self.required_text(
            raw,
            row,
            "reference",
            40,
            _("„Kennung“ fehlt."),
            _("Die Kennung ist länger als 40 Zeichen."),
        )
        row.key = reference.casefold()
        row.label = (gettext_noop("Kennung „%(ref)s“"), {"ref": reference})
        values = {"reference": reference}
        values["kind"] = self.cell(raw, row, "kind", self.parse_kind, required=True)
        values["title"] = self.required_text(
            raw, row, "title", 300, _("„Titel“ fehlt."), _("Der Titel ist länger als 300 Zeichen.")
        )
        values["start_date"] = self.cell(raw, row, "start_date", parse_date, required=True)
        self._clean_dates_and_money(raw, row, values)
        if "description" in raw:
            values["description"] = text(raw.get("description"))
        if "measure" in raw:
            measure = self.cell(raw, row, "measure", parse_int)
            if measure is not None and measure not in self.measure_ids:
                row.errors.append(_("Unbekannte Maßnahme „%(id)s“.") % {"id": measure})
            values["measure_id"] = measure
        m2m = {}
        if "fields" in raw:
            m2m["fields"] = self._lookup(
                raw["fields"], self.fields_by_code, row, _("Unbekannter Feldcode „%(v)s“.")
            )
        if "themes" in raw:
            m2m["themes"] = self._lookup(
                raw["themes"], self.themes_by_slug, row, _("Unbekanntes Thema „%(v)s“.")
            )
        if "actors" in raw:
            m2m["actors"] = self._lookup(
                raw["actors"],
                self.actors_by_name,
                row,
                _("Unbekannter Akteur „%(v)s“ (bitte zuerst über den Akteursimport anlegen)."),
                separators="|;",
            )
        row.values, row.m2m = values, m2m

    def _clean_dates_and_money(self, raw: dict, row: RowResult, values: dict) -> None:
        if "end_date" in raw:
            values["end_date"] = self.cell(raw, row, "end_date", parse_date)
            if (
                values["end_date"]
                and values["start_date"]
                and (values["end_date"] < values["start_date"])
            ):
                row.errors.append(_("Das Ende liegt vor dem Beginn."))
        if "participants" in raw:
            participants = self.cell(raw, row, "participants", parse_int)
            if participants is not None and participants < 0:
                row.errors.append(_("„Teilnehmende“ darf nicht negativ sein."))
            values["participants"] = participants
        if "funding_amount" in raw:
            amount = self.cell(raw, row, "funding_amount", parse_decimal)
            if amount is not None:
                if amount < 0:
                    row.errors.append(_("„Fördersumme“ darf nicht negativ sein."))
                elif abs(amount) >= Decimal("1e12"):
                    row.errors.append(_("„Fördersumme“ ist zu groß."))
                else:
                    amount = amount.quantize(Decimal("0.01"))
            values["funding_amount"] = amount
        if "funding_source" in raw:
            values["funding_source"] = self.cell(raw, row, "funding_source", self.parse_source)

    def load_existing(self, keys: list) -> dict:
        found = {}
        wanted = set(keys)
        if not wanted:
            return found
        # All active activities with a reference; cheaper than huge IN lists for big files.
        for obj in Activity.objects.live().exclude(reference=""):
            key = obj.reference.casefold()
            if key in wanted:
                found[key] = obj
        _load_m2m(Activity, found, self.m2m_fields)
        return found

    def build(self, row: RowResult, batch: ImportBatch):
        return Activity(**row.values, import_batch=batch)

    def undo_fields(self, row: RowResult) -> list[str]:
        return [("measure" if name == "measure_id" else name) for name in row.values]
