"""Admin for the shared kernel: the e-mail outbox (failed mails with their reason, retry)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .emails import outbox_retry
from .models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ("subject", "status", "attempts", "max_attempts", "created_at", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("subject", "recipients")
    readonly_fields = [field.name for field in OutboxMail._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Fehlgeschlagene E-Mails erneut senden"))
    def retry(self, request, queryset):
        count = sum(
            outbox_retry(mail=mail) for mail in queryset.filter(status=OutboxMail.Status.FAILED)
        )
        messages.success(request, _("%(count)d E-Mails werden erneut gesendet.") % {"count": count})
