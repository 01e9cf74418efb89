"""German period labels and readable sources for the seeded key figures of the fields.

The seed stored the research's English shorthand ("RIS3 profile (year n/a)") and source keys
("S15"); rows and their history records get the German text (a placeholder, not a change of
content: reports as of an earlier Stichtag read the history).
"""

from django.db import migrations


def german(apps, schema_editor):
    from fields.seed import _PERIOD_LABELS, _SOURCE_LABELS

    for model_name in ("SpecializationField", "HistoricalSpecializationField"):
        model = apps.get_model("fields", model_name)
        for row in model.objects.all():
            figures = row.key_figures or []
            fixed = [
                {
                    **figure,
                    "period_label": _PERIOD_LABELS.get(
                        figure.get("period_label", ""), figure.get("period_label", "")
                    ),
                    "source": _SOURCE_LABELS.get(figure.get("source", ""), figure.get("source", "")),
                }
                for figure in figures
            ]
            if fixed != figures:
                row.key_figures = fixed
                row.save(update_fields=["key_figures"])


class Migration(migrations.Migration):
    dependencies = [("fields", "0002_versioned_assessments_memberships")]

    operations = [migrations.RunPython(german, migrations.RunPython.noop)]
