"""Why a year is locked: by a published report or by hand (the refusal names the cause).

Existing locks of a year whose monitoring report is published were set by the publication;
the others by hand. The reports app sits above monitoring, so its model is read only if the
migration state has it (an existing database that has locks also has the reports tables).
"""

from django.db import migrations, models


def causes(apps, schema_editor):
    year_lock = apps.get_model("monitoring", "YearLock")
    try:
        report = apps.get_model("reports", "Report")
    except LookupError:
        return
    published = set(
        report.objects.filter(status="veroeffentlicht")
        .exclude(kind="altbericht")
        .values_list("year", flat=True)
    )
    year_lock.objects.filter(year__in=published).update(cause="bericht")


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_german_names_of_seeded_indicators")]

    operations = [
        migrations.AddField(
            model_name="yearlock",
            name="cause",
            field=models.CharField(
                choices=[
                    ("bericht", "Monitoringbericht veröffentlicht"),
                    ("manuell", "von Hand gesperrt"),
                ],
                default="manuell",
                max_length=10,
                verbose_name="Grund",
            ),
        ),
        migrations.RunPython(causes, migrations.RunPython.noop),
    ]
