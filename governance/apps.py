from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Gremien")

    def ready(self):
        from ris_portal.roles import register_resolver

        from .roles import membership_roles

        register_resolver(membership_roles)
