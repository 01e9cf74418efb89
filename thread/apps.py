from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThreadConfig(AppConfig):
    """The golden thread: reads fields, governance, monitoring and reports (above all three).

    It contributes the "Einordnung" panel to the object pages of the lower apps through the
    extension point `ris_portal.panels` (a lower app never imports this one), and owns the
    results-chain diagrams and the search over every kind of object.
    """

    name = "thread"
    verbose_name = _("Roter Faden")

    def ready(self):
        from . import panels

        panels.register_all()
