from ris_portal.routes import below, route

from . import meeting_documents, narrative_views, views

app_name = "reports"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    # Meeting documents rendered through the report's PDF pipeline.
    below("sitzungen/",
        route("<int:pk>/tagesordnung.pdf", meeting_documents.MeetingAgendaPdfView, "meeting_agenda_pdf"),
        route("<int:pk>/protokoll.pdf", meeting_documents.MeetingMinutesPdfView, "meeting_minutes_pdf"),
    ),
    below("berichte/",
        route("", views.DownloadCentreView, "download_centre"),
        route("erstellung/", views.ReportWorkspaceView, "report_workspace"),
        route("erstellung/anfordern/", views.report_request, "report_request"),
        route("hochladen/", views.LegacyUploadView, "legacy_upload"),
        route("<int:pk>/", views.report_detail, "report_detail"),
        route("<int:pk>/status/", views.report_status, "report_status"),
        route("<int:pk>/pdf/", views.report_download, "report_download"),
        route("<int:pk>/erneut/", views.report_retry, "report_retry"),
        route("<int:pk>/veroeffentlichen/", views.ReportPublishView, "report_publish"),
        # the office's assessments per chapter (staff write, the steering committee comments)
        route("einschaetzungen/", narrative_views.NarrativeOverviewView, "narrative_overview"),
        route("einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/", narrative_views.NarrativeChapterView, "narrative_chapter"),
        route("einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/bearbeiten/", narrative_views.NarrativeEditView, "narrative_edit"),
        route("einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/kommentieren/", narrative_views.narrative_comment, "narrative_comment"),
        route("einschaetzungen/<int:pk>/verlauf/", narrative_views.NarrativeHistoryView, "narrative_history"),
    ),
]
# fmt: on
