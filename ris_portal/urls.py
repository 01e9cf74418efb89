from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views

# The Django admin is for superusers only and uses the portal login (with MFA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "RIS-Portal Thüringen – Administration"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("healthz/live/", views.healthz_live, name="healthz_live"),
    path("impressum/", TemplateView.as_view(template_name="legal/impressum.html"), name="imprint"),
    path(
        "datenschutz/", TemplateView.as_view(template_name="legal/datenschutz.html"), name="privacy"
    ),
    path("barrierefreiheit/", views.AccessibilityView.as_view(), name="accessibility"),
    path("verwaltung/rueckmeldungen/", views.FeedbackInboxView.as_view(), name="feedback_inbox"),
    path(
        "verwaltung/rueckmeldungen/<int:pk>/erledigt/",
        views.feedback_mark_handled,
        name="feedback_mark_handled",
    ),
    path("verwaltung/einladungen/", views.InvitationListView.as_view(), name="invitation_list"),
    path(
        "verwaltung/einladungen/neu/",
        views.InvitationCreateView.as_view(),
        name="invitation_create",
    ),
    path(
        "verwaltung/einladungen/<int:pk>/erneut/", views.invitation_resend, name="invitation_resend"
    ),
    path("verwaltung/postausgang/", views.OutboxListView.as_view(), name="outbox_list"),
    path("verwaltung/postausgang/<int:pk>/erneut/", views.outbox_retry, name="outbox_retry"),
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

# No static() media serving, not even with DEBUG: uploads and reports are delivered only by
# permission-checked views (ris_portal/files.py).

handler403 = "ris_portal.views.error_403"
handler404 = "ris_portal.views.error_404"
handler500 = "ris_portal.views.error_500"
