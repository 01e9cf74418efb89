from django.urls import path

from . import meeting_documents, narrative_views, views

app_name = "reports"

urlpatterns = [
    path("berichte/", views.DownloadCentreView.as_view(), name="download_centre"),
    # Meeting documents rendered through the report's PDF pipeline.
    path(
        "sitzungen/<int:pk>/tagesordnung.pdf",
        meeting_documents.MeetingAgendaPdfView.as_view(),
        name="meeting_agenda_pdf",
    ),
    path(
        "sitzungen/<int:pk>/protokoll.pdf",
        meeting_documents.MeetingMinutesPdfView.as_view(),
        name="meeting_minutes_pdf",
    ),
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
    # the office's assessments per chapter (staff write, the steering committee comments)
    path(
        "berichte/einschaetzungen/",
        narrative_views.NarrativeOverviewView.as_view(),
        name="narrative_overview",
    ),
    path(
        "berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/",
        narrative_views.NarrativeChapterView.as_view(),
        name="narrative_chapter",
    ),
    path(
        "berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/bearbeiten/",
        narrative_views.NarrativeEditView.as_view(),
        name="narrative_edit",
    ),
    path(
        "berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/kommentieren/",
        narrative_views.narrative_comment,
        name="narrative_comment",
    ),
    path(
        "berichte/einschaetzungen/<int:pk>/verlauf/",
        narrative_views.NarrativeHistoryView.as_view(),
        name="narrative_history",
    ),
]
