from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Offene Daten")

    def ready(self):
        # Registers the build job kind and connects the change signals of the public models.
        from . import services, signals, tasks  # noqa: F401

        signals.connect()
