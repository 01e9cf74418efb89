from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .routes import route

# The Django admin is for superusers only and uses the portal login (with MFA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "RIS-Portal Thüringen – Administration"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("", views.HomeView, "home"),
    route("healthz/", views.healthz, "healthz"),
    route("healthz/live/", views.healthz_live, "healthz_live"),
    route("impressum/", TemplateView, "imprint", template_name="legal/impressum.html"),
    route("datenschutz/", TemplateView, "privacy", template_name="legal/datenschutz.html"),
    route("barrierefreiheit/", views.AccessibilityView, "accessibility"),
    route("verwaltung/rueckmeldungen/", views.FeedbackInboxView, "feedback_inbox"),
    route("verwaltung/rueckmeldungen/<int:pk>/erledigt/", views.feedback_mark_handled, "feedback_mark_handled"),
    route("verwaltung/einladungen/", views.InvitationListView, "invitation_list"),
    route("verwaltung/einladungen/neu/", views.InvitationCreateView, "invitation_create"),
    route("verwaltung/einladungen/<int:pk>/erneut/", views.invitation_resend, "invitation_resend"),
    route("verwaltung/postausgang/", views.OutboxListView, "outbox_list"),
    route("verwaltung/postausgang/<int:pk>/erneut/", views.outbox_retry, "outbox_retry"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("fields.urls")),
    path("", include("governance.urls")),
    path("", include("monitoring.urls")),
    path("", include("reports.urls")),
    path("", include("thread.urls")),
    path("", include("api.urls")),
    path("", include("opendata.urls")),
    path("", include("personal.urls")),
]
# fmt: on

# No static() media serving, not even with DEBUG: uploads and reports are delivered only by
# permission-checked views (ris_portal/files.py).

handler403 = "ris_portal.views.error_403"
handler404 = "ris_portal.views.error_404"
handler500 = "ris_portal.views.error_500"
