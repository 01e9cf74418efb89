"""Reports get the first year of their span (final reports: e.g. 2021–2027).

Every existing report covers one year: start_year = year (also in the history). The span is
then part of the rule "one report in progress per kind, span and Stichtag".
"""

import django.db.models.expressions
from django.conf import settings
from django.db import migrations, models


def fill_start_year(apps, schema_editor):
    for name in ("Report", "HistoricalReport"):
        apps.get_model("reports", name).objects.update(start_year=models.F("year"))


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_narratives'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='report',
            name='report_one_in_progress',
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='start_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='erstes Jahr des Berichtszeitraums'),
        ),
        migrations.AddField(
            model_name='report',
            name='start_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='erstes Jahr des Berichtszeitraums'),
        ),
        migrations.RunPython(fill_start_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalreport',
            name='start_year',
            field=models.PositiveSmallIntegerField(blank=True, verbose_name='erstes Jahr des Berichtszeitraums'),
        ),
        migrations.AlterField(
            model_name='report',
            name='start_year',
            field=models.PositiveSmallIntegerField(blank=True, verbose_name='erstes Jahr des Berichtszeitraums'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['angefordert', 'wird_erstellt'])), fields=('kind', 'start_year', 'year', 'stichtag'), name='report_one_in_progress'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'abschlussbericht'), ('start_year', models.F('year')), _connector='OR'), ('start_year__lte', models.F('year')), ('start_year__gte', django.db.models.expressions.CombinedExpression(models.F('year'), '-', models.Value(20)))), name='report_span_sensible'),
        ),
    ]
