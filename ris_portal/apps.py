from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisPortalConfig(AppConfig):
    name = "ris_portal"
    verbose_name = _("RIS-Portal")
