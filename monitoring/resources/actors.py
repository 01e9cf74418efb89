"""Import of actors."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fields.models import Actor, SpecializationField

from ..importing import text
from ..models import ImportBatch
from .engine import BaseImportResource, Column, RowResult, _Choices, _load_m2m


class ActorImportResource(BaseImportResource):
    model = Actor
    columns = (
        Column("name", "Name", True, ("Akteur", "Organisation"), "Beispiel GmbH"),
        Column("kind", "Art", True, ("Typ",), "Unternehmen"),
        Column("city", "Ort", False, ("Stadt",), "Jena"),
        Column("postcode", "PLZ", False, ("Postleitzahl",), "07743"),
        Column("website", "Website", False, ("Webseite", "URL"), "https://www.example.org"),
        Column("fields", "Felder", False, ("Feld",), "IPS"),
        Column("description", "Beschreibung", False, (), ""),
    )
    m2m_fields = ("fields",)
    key_fields = ("name",)
    german_fields = ("description",)  # the name and the city are proper names
    extra_update_fields = ("is_archived",)

    def load_lookups(self) -> None:
        self.parse_kind = _Choices(Actor.Kind.choices, "Art")
        fields = list(SpecializationField.objects.values_list("pk", "code"))
        self.fields_by_code = {code.casefold(): pk for pk, code in fields}
        self.related_names = {"fields": dict(fields)}

    def clean(self, raw: dict, row: RowResult) -> None:
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        name = self.required_text(
            raw, row, "name", 250, _("„Name“ fehlt."), _("Der Name ist länger als 250 Zeichen.")
        )
        row.key = name.casefold()
        row.label = (gettext_noop("Der Akteur „%(name)s“"), {"name": name})
        values = {"name": name}
        values["kind"] = self.cell(raw, row, "kind", self.parse_kind, required=True)
        for key, limit in (("city", 120), ("postcode", 10), ("description", None)):
            if key in raw:
                values[key] = text(raw.get(key))
                if limit and len(values[key]) > limit:
                    row.errors.append(
                        _("„%(column)s“ ist länger als %(limit)s Zeichen.")
                        % {"column": self.header(key), "limit": limit}
                    )
        if "website" in raw:
            website = text(raw.get("website"))
            if website and "://" not in website:
                website = "https://" + website
            if website:
                try:
                    URLValidator(schemes=["http", "https"])(website)
                except ValidationError:
                    row.errors.append(
                        _("„%(value)s“ ist keine gültige Web-Adresse.") % {"value": website}
                    )
            values["website"] = website
        m2m = {}
        if "fields" in raw:
            m2m["fields"] = self._lookup(
                raw["fields"], self.fields_by_code, row, _("Unbekannter Feldcode „%(v)s“.")
            )
        row.values, row.m2m = values, m2m

    def load_existing(self, keys: list) -> dict:
        wanted = set(keys)
        found = {obj.name.casefold(): obj for obj in Actor.objects.all()}
        found = {key: obj for key, obj in found.items() if key in wanted}
        _load_m2m(Actor, found, self.m2m_fields)
        return found

    def compare(self, row: RowResult) -> list[str]:
        changes = super().compare(row)
        if row.existing.is_archived:
            changes.append(_("wieder aktiv"))
        return changes

    def on_update(self, obj, row: RowResult, batch: ImportBatch) -> None:
        obj.is_archived = False

    def build(self, row: RowResult, batch: ImportBatch):
        return Actor(**row.values)
