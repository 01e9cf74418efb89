from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    # public
    path("gremien/", views.BodyListView.as_view(), name="body_list"),
    path("gremien/beschluesse/", views.DecisionListView.as_view(), name="decision_list"),
    path(
        "gremien/beschluesse/<int:pk>/",
        views.DecisionDetailView.as_view(),
        name="decision_detail",
    ),
    path("gremien/<slug:slug>/", views.BodyPublicView.as_view(), name="body_public"),
    path(
        "empfehlungen/<int:pk>/",
        views.RecommendationDetailView.as_view(),
        name="recommendation_detail",
    ),
    path(
        "empfehlungen/<int:pk>/abstimmen/",
        views.RecommendationVoteView.as_view(),
        name="recommendation_vote",
    ),
    path("veranstaltungen/", views.EventListView.as_view(), name="event_list"),
    path("veranstaltungen/<slug:slug>/", views.EventPublicView.as_view(), name="event_public"),
    path(
        "veranstaltungen/<slug:slug>/anmeldung-bestaetigen/<str:token>/",
        views.RegistrationConfirmView.as_view(),
        name="registration_confirm",
    ),
    path(
        "veranstaltungen/<slug:slug>/abmelden/<str:token>/",
        views.RegistrationSelfCancelView.as_view(),
        name="registration_self_cancel",
    ),
    # members
    path("meine-gremien/", views.MyBodiesView.as_view(), name="my_bodies"),
    path("sitzungen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "sitzungen/<int:pk>/kalender.ics", views.MeetingCalendarView.as_view(), name="meeting_ics"
    ),
    path("sitzungen/<int:pk>/antwort/", views.MeetingReplyView.as_view(), name="meeting_reply"),
    path(
        "sitzungen/<int:pk>/antwort/<str:token>/",
        views.MeetingReplyLinkView.as_view(),
        name="meeting_reply_link",
    ),
    path(
        "sitzungen/unterlagen/<int:pk>/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path("priorisierung/", views.ReviewListView.as_view(), name="review_list"),
    path("priorisierung/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    # staff: review rounds
    path("priorisierung/neu/<slug:slug>/", views.ReviewCreateView.as_view(), name="review_create"),
    path(
        "priorisierung/<int:pk>/prioritaeten-uebernehmen/",
        views.ReviewApplyView.as_view(),
        name="review_apply",
    ),
    path(
        "priorisierung/<int:pk>/ergebnis.<str:fmt>",
        views.ReviewExportView.as_view(),
        name="review_export",
    ),
    path(
        "priorisierung/<int:pk>/abschliessen/",
        views.ReviewCloseView.as_view(),
        name="review_close",
    ),
    # staff: bodies, members, meetings
    path("verwaltung/gremien/<slug:slug>/", views.BodyManageView.as_view(), name="body_manage"),
    path(
        "verwaltung/gremien/<slug:slug>/mitglied-neu/",
        views.MemberInviteView.as_view(),
        name="member_invite",
    ),
    path(
        "verwaltung/gremien/<slug:slug>/sitzung-neu/",
        views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("verwaltung/sitzungen/", views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "verwaltung/sitzungen/<int:pk>/bearbeiten/",
        views.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/top-neu/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/unterlage-neu/",
        views.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/teilnahme/",
        views.AttendanceView.as_view(),
        name="attendance_edit",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/beschluss-neu/",
        views.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/protokoll/",
        views.MinutesEditView.as_view(),
        name="minutes_edit",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/protokoll/abstimmen/",
        views.MinutesApproveView.as_view(),
        name="minutes_approve",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/absagen/",
        views.MeetingCancelView.as_view(),
        name="meeting_cancel",
    ),
    path(
        "verwaltung/unterlagen/<int:pk>/zurueckziehen/",
        views.DocumentWithdrawView.as_view(),
        name="document_withdraw",
    ),
    path(
        "verwaltung/unterlagen/<int:pk>/wieder-freigeben/",
        views.DocumentRestoreView.as_view(),
        name="document_restore",
    ),
    path(
        "verwaltung/sitzungen/<int:pk>/einladen/",
        views.MeetingInviteView.as_view(),
        name="meeting_invite",
    ),
    # approvals
    path("beschlussvorlagen/", views.ApprovalListView.as_view(), name="approval_list"),
    path(
        "beschlussvorlagen/roadmap/<int:pk>/einreichen/",
        views.RoadmapSubmitView.as_view(),
        name="roadmap_submit",
    ),
    path(
        "beschlussvorlagen/roadmap/<int:pk>/entscheiden/",
        views.RoadmapDecideView.as_view(),
        name="roadmap_decide",
    ),
    path(
        "beschlussvorlagen/roadmap/<int:pk>/veroeffentlichen/",
        views.RoadmapPublishView.as_view(),
        name="roadmap_publish",
    ),
    path(
        "beschlussvorlagen/roadmap/<int:pk>/verlauf/",
        views.RoadmapHistoryView.as_view(),
        name="roadmap_history",
    ),
    path(
        "beschlussvorlagen/<str:kind>/<int:pk>/empfehlung-aus-sitzung/",
        views.RecommendationRecordView.as_view(),
        name="recommendation_record",
    ),
    path(
        "beschlussvorlagen/<str:kind>/<int:pk>/empfehlung-online/",
        views.RecommendationRoundOpenView.as_view(),
        name="recommendation_round_open",
    ),
    path(
        "verwaltung/empfehlungen/<int:pk>/abschliessen/",
        views.RecommendationCloseView.as_view(),
        name="recommendation_close",
    ),
    path("entwicklungsziele/", views.GoalListView.as_view(), name="goal_list"),
    path("entwicklungsziele/neu/", views.GoalCreateView.as_view(), name="goal_create"),
    path(
        "entwicklungsziele/<int:pk>/bearbeiten/",
        views.GoalUpdateView.as_view(),
        name="goal_update",
    ),
    path(
        "entwicklungsziele/<int:pk>/einreichen/",
        views.GoalSubmitView.as_view(),
        name="goal_submit",
    ),
    path(
        "entwicklungsziele/<int:pk>/entscheiden/",
        views.GoalDecideView.as_view(),
        name="goal_decide",
    ),
    path(
        "entwicklungsziele/<int:pk>/verlauf/", views.GoalHistoryView.as_view(), name="goal_history"
    ),
    # staff: forum events
    path(
        "verwaltung/veranstaltungen/",
        views.EventManageListView.as_view(),
        name="event_manage_list",
    ),
    path("verwaltung/veranstaltungen/neu/", views.EventCreateView.as_view(), name="event_create"),
    path(
        "verwaltung/veranstaltungen/<int:pk>/bearbeiten/",
        views.EventUpdateView.as_view(),
        name="event_update",
    ),
    path(
        "verwaltung/veranstaltungen/<int:pk>/absagen/",
        views.EventCancelView.as_view(),
        name="event_cancel",
    ),
    path(
        "verwaltung/veranstaltungen/<int:pk>/teilnehmende/",
        views.EventParticipantsView.as_view(),
        name="event_participants",
    ),
    path(
        "verwaltung/veranstaltungen/<int:pk>/anwesenheit/",
        views.EventAttendanceView.as_view(),
        name="event_attendance",
    ),
    path(
        "verwaltung/anmeldungen/<int:pk>/stornieren/",
        views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "verwaltung/veranstaltungen/<int:pk>/teilnehmende.csv",
        views.EventParticipantsCsvView.as_view(),
        name="event_participants_csv",
    ),
]
