"""Decisions taken in a meeting carry the meeting's date (they had the day they were typed in)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Decision = apps.get_model("governance", "Decision")
    for decision in Decision.objects.filter(meeting__isnull=False).select_related("meeting"):
        if decision.decided_at != decision.meeting.starts_at:
            decision.decided_at = decision.meeting.starts_at
            decision.save(update_fields=["decided_at"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0008_recommendations_and_decision_links")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
