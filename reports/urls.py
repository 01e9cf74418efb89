from ris_portal.routes import route

from . import meeting_documents, narrative_views, views

app_name = "reports"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("berichte/", views.DownloadCentreView, "download_centre"),
    # Meeting documents rendered through the report's PDF pipeline.
    route("sitzungen/<int:pk>/tagesordnung.pdf", meeting_documents.MeetingAgendaPdfView, "meeting_agenda_pdf"),
    route("sitzungen/<int:pk>/protokoll.pdf", meeting_documents.MeetingMinutesPdfView, "meeting_minutes_pdf"),
    route("berichte/erstellung/", views.ReportWorkspaceView, "report_workspace"),
    route("berichte/erstellung/anfordern/", views.report_request, "report_request"),
    route("berichte/hochladen/", views.LegacyUploadView, "legacy_upload"),
    route("berichte/<int:pk>/", views.report_detail, "report_detail"),
    route("berichte/<int:pk>/status/", views.report_status, "report_status"),
    route("berichte/<int:pk>/pdf/", views.report_download, "report_download"),
    route("berichte/<int:pk>/erneut/", views.report_retry, "report_retry"),
    route("berichte/<int:pk>/veroeffentlichen/", views.ReportPublishView, "report_publish"),
    # the office's assessments per chapter (staff write, the steering committee comments)
    route("berichte/einschaetzungen/", narrative_views.NarrativeOverviewView, "narrative_overview"),
    route("berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/", narrative_views.NarrativeChapterView, "narrative_chapter"),
    route("berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/bearbeiten/", narrative_views.NarrativeEditView, "narrative_edit"),
    route("berichte/einschaetzungen/<str:kind>/<int:year>/<slug:chapter>/kommentieren/", narrative_views.narrative_comment, "narrative_comment"),
    route("berichte/einschaetzungen/<int:pk>/verlauf/", narrative_views.NarrativeHistoryView, "narrative_history"),
]
# fmt: on
