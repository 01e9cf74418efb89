from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("berichte/", views.DownloadCentreView.as_view(), name="download_centre"),
    path("berichte/erstellung/", views.ReportWorkspaceView.as_view(), name="report_workspace"),
    path("berichte/erstellung/anfordern/", views.report_request, name="report_request"),
    path("berichte/hochladen/", views.LegacyUploadView.as_view(), name="legacy_upload"),
    path("berichte/<int:pk>/", views.report_detail, name="report_detail"),
    path("berichte/<int:pk>/status/", views.report_status, name="report_status"),
    path("berichte/<int:pk>/pdf/", views.report_download, name="report_download"),
    path("berichte/<int:pk>/erneut/", views.report_retry, name="report_retry"),
    path(
        "berichte/<int:pk>/veroeffentlichen/",
        views.ReportPublishView.as_view(),
        name="report_publish",
    ),
]
