"""Reports become durable jobs (lease, enqueue stamp); one report in progress per kind/year/Stichtag."""

from django.conf import settings
from django.db import migrations, models


def fail_duplicate_requests(apps, schema_editor):
    """Double clicks before this migration left duplicates in progress: keep the first."""
    Report = apps.get_model("reports", "Report")
    seen = set()
    in_progress = Report.objects.filter(status__in=["angefordert", "wird_erstellt"])
    for report in in_progress.order_by("kind", "year", "stichtag", "number"):
        key = (report.kind, report.year, report.stichtag)
        if key in seen:
            Report.objects.filter(pk=report.pk).update(
                status="fehlgeschlagen",
                error_message="Doppelte Anforderung (bei der Umstellung zusammengeführt).",
            )
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_report_stichtag'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalreport',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='zuletzt in die Warteschlange gestellt'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='lease_until',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='reserviert bis'),
        ),
        migrations.AddField(
            model_name='report',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='zuletzt in die Warteschlange gestellt'),
        ),
        migrations.AddField(
            model_name='report',
            name='lease_until',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='reserviert bis'),
        ),
        migrations.RunPython(fail_duplicate_requests, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['angefordert', 'wird_erstellt'])), fields=('kind', 'year', 'stichtag'), name='report_one_in_progress'),
        ),
    ]
