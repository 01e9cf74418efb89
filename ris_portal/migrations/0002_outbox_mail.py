"""The outbox of outgoing e-mails (ris_portal.emails, ris_portal.jobs)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ris_portal', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutboxMail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='Versuche')),
                ('max_attempts', models.PositiveSmallIntegerField(default=3, verbose_name='höchstens Versuche')),
                ('lease_until', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='reserviert bis')),
                ('enqueued_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='zuletzt in die Warteschlange gestellt')),
                ('error_message', models.TextField(blank=True, verbose_name='Fehlermeldung')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                ('status', models.CharField(choices=[('wartend', 'wartet auf Versand'), ('wird_versandt', 'wird versandt'), ('versandt', 'versandt'), ('fehlgeschlagen', 'fehlgeschlagen')], default='wartend', max_length=20, verbose_name='Status')),
                ('template', models.CharField(max_length=200, verbose_name='Vorlage')),
                ('recipients', models.JSONField(default=list, verbose_name='Empfänger')),
                ('subject', models.CharField(max_length=500, verbose_name='Betreff')),
                ('body_text', models.TextField(verbose_name='Text')),
                ('body_html', models.TextField(blank=True, verbose_name='HTML')),
                ('attachments', models.JSONField(blank=True, default=list, verbose_name='Anhänge')),
                ('dedupe_key', models.CharField(blank=True, max_length=200, null=True, unique=True, verbose_name='Schlüssel gegen Doppelversand')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='versandt am')),
            ],
            options={
                'verbose_name': 'ausgehende E-Mail',
                'verbose_name_plural': 'ausgehende E-Mails',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'enqueued_at'], name='outbox_status_idx')],
            },
        ),
    ]
