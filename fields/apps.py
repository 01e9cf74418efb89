from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldsConfig(AppConfig):
    name = "fields"
    verbose_name = _("Strategieinhalte")

    def ready(self):
        from ris_portal.extensions import HomeBlock, register_home_block

        from .selectors import field_list_public

        register_home_block(
            HomeBlock(
                template="fields/fragment_home_fields.html",
                context=lambda request: {"fields": field_list_public()},
                order=10,
            )
        )
