"""Report PDFs get a random folder in their storage name (new files only)."""

import reports.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_report_job_lease'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalreport',
            name='file',
            field=models.TextField(blank=True, max_length=300, verbose_name='PDF-Datei'),
        ),
        migrations.AlterField(
            model_name='report',
            name='file',
            field=models.FileField(blank=True, max_length=300, upload_to=reports.models.report_upload_to, verbose_name='PDF-Datei'),
        ),
    ]
