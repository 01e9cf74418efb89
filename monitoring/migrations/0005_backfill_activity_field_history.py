"""Copy each activity's current fields into its latest history record.

From 0003 on, history records snapshot an activity's fields; records written before know none.
The latest record of each activity gets today's links (the best knowledge there is), so that a
report as of a Stichtag still groups existing activities by field. Older records stay without.
"""

from django.db import migrations
from django.db.models import Max


def backfill(apps, schema_editor):
    Activity = apps.get_model("monitoring", "Activity")
    HistoricalActivity = apps.get_model("monitoring", "HistoricalActivity")
    HistoricalLinks = apps.get_model("monitoring", "HistoricalActivity_fields")
    through = Activity.fields.through
    latest = dict(
        HistoricalActivity.objects.values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    done = set(HistoricalLinks.objects.values_list("history_id", flat=True).distinct())
    rows = [
        HistoricalLinks(
            id=link_id,
            history_id=latest[activity_id],
            activity_id=activity_id,
            specializationfield_id=field_id,
        )
        for link_id, activity_id, field_id in through.objects.values_list(
            "id", "activity_id", "specializationfield_id"
        ).iterator()
        if activity_id in latest and latest[activity_id] not in done
    ]
    HistoricalLinks.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_activity_field_history")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
