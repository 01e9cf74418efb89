"""German names, units and sources for seeded indicators that carried the English wording.

The seed once stored the English name where the research had found no German one (ERDF common
indicators, Regional Innovation Scoreboard). Rows still carrying exactly that seeded text get
the German text, and so do their history records: the wording was a placeholder, not a change
of content, and reports as of an earlier Stichtag read the history. Edited rows stay as they are.
"""

from django.db import migrations


def german(apps, schema_editor):
    from monitoring.seed import GERMAN_NAMES, GERMAN_SOURCES, GERMAN_UNITS

    for model_name in ("Indicator", "HistoricalIndicator"):
        model = apps.get_model("monitoring", model_name)
        for code, name in GERMAN_NAMES.items():
            rows = model.objects.filter(code=code)
            for row in rows:
                changed = False
                if row.name_en and row.name == row.name_en:
                    row.name, changed = name, True
                if row.unit in GERMAN_UNITS:
                    row.unit, changed = GERMAN_UNITS[row.unit], True
                if row.source in GERMAN_SOURCES:
                    row.source, changed = GERMAN_SOURCES[row.source], True
                if changed:
                    row.save(update_fields=["name", "unit", "source"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_backfill_activity_field_history")]

    operations = [migrations.RunPython(german, migrations.RunPython.noop)]
