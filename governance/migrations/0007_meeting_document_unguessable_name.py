"""Meeting documents get a random folder in their storage name (new uploads only)."""

import governance.models.meetings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0006_event_cancellation'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalmeetingdocument',
            name='file',
            field=models.TextField(max_length=300, verbose_name='Datei'),
        ),
        migrations.AlterField(
            model_name='meetingdocument',
            name='file',
            field=models.FileField(max_length=300, upload_to=governance.models.meetings.meeting_document_upload_to, verbose_name='Datei'),
        ),
    ]
