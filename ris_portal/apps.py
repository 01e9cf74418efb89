import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisPortalConfig(AppConfig):
    name = "ris_portal"
    verbose_name = _("RIS-Portal")

    def ready(self):
        from django.conf import settings

        # Registers the e-mail job kind and its task (Celery discovers tasks lazily).
        from . import emails, jobs, tasks  # noqa: F401

        # Embedded setup (`make run`): no beat, so the dev server sweeps unfinished jobs itself
        # (only in the serving process of the autoreloader, not in its watcher).
        if (
            settings.RIS_TASKS_IN_THREAD
            and "runserver" in sys.argv
            and os.environ.get("RUN_MAIN") == "true"
        ):
            jobs.start_embedded_sweeper()
