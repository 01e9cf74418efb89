"""Export resources (German column names match the import) and file writers."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field


class RawWidget(widgets.Widget):
    """Keeps numbers and dates typed, so that CSV gets German formats and XLSX real cells."""

    def render(self, value, obj=None, **kwargs):
        return value


RAW = RawWidget()


def _join(items) -> str:
    return ", ".join(items)


class ActivityExportResource(resources.Resource):
    reference = Field(attribute="reference", column_name="Kennung")
    kind = Field(column_name="Art")
    title = Field(attribute="title", column_name="Titel")
    start_date = Field(attribute="start_date", column_name="Beginn", widget=RAW)
    end_date = Field(attribute="end_date", column_name="Ende", widget=RAW)
    fields_ = Field(column_name="Felder")
    themes = Field(column_name="Themen")
    measure = Field(attribute="measure_id", column_name="Maßnahme", widget=RAW)
    actors = Field(column_name="Akteure")
    participants = Field(attribute="participants", column_name="Teilnehmende", widget=RAW)
    funding_amount = Field(attribute="funding_amount", column_name="Fördersumme", widget=RAW)
    funding_source = Field(column_name="Förderquelle")
    description = Field(attribute="description", column_name="Beschreibung")
    origin = Field(column_name="Herkunft")

    def get_export_order(self):
        return tuple(self.fields)

    def dehydrate_kind(self, obj):
        return obj.get_kind_display()

    def dehydrate_fields_(self, obj):
        return _join(f.code for f in obj.fields.all())

    def dehydrate_themes(self, obj):
        return _join(t.slug for t in obj.themes.all())

    def dehydrate_actors(self, obj):
        return " | ".join(a.name for a in obj.actors.all())

    def dehydrate_funding_source(self, obj):
        return obj.get_funding_source_display()

    def dehydrate_origin(self, obj):
        if obj.import_batch_id:
            return _("Import vom %(date)s") % {
                "date": timezone.localtime(obj.import_batch.created_at).strftime("%d.%m.%Y")
            }
        return _("erfasst")


class IndicatorValueExportResource(resources.Resource):
    indicator = Field(column_name="Indikator")
    field_ = Field(column_name="Feld")
    year = Field(attribute="year", column_name="Jahr", widget=RAW)
    value = Field(attribute="value", column_name="Wert", widget=RAW)
    status = Field(column_name="Status")
    source_note = Field(attribute="source_note", column_name="Quelle")

    def get_export_order(self):
        return tuple(self.fields)

    def dehydrate_indicator(self, obj):
        return obj.indicator.code

    def dehydrate_field_(self, obj):
        return obj.field.code if obj.field_id else ""

    def dehydrate_status(self, obj):
        return obj.get_status_display()
