from ris_portal.routes import below, route

from . import views

app_name = "governance"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    # public
    route("empfehlungen/<int:pk>/", views.RecommendationDetailView, "recommendation_detail"),
    route("empfehlungen/<int:pk>/abstimmen/", views.RecommendationVoteView, "recommendation_vote"),
    below("gremien/",
        route("", views.BodyListView, "body_list"),
        route("beschluesse/", views.DecisionListView, "decision_list"),
        route("beschluesse/<int:pk>/", views.DecisionDetailView, "decision_detail"),
        route("<slug:slug>/", views.BodyPublicView, "body_public"),
    ),
    route("veranstaltungen/", views.EventListView, "event_list"),
    route("veranstaltungen/<slug:slug>/", views.EventPublicView, "event_public"),
    route("veranstaltungen/<slug:slug>/anmeldung-bestaetigen/<str:token>/", views.RegistrationConfirmView, "registration_confirm"),
    route("veranstaltungen/<slug:slug>/abmelden/<str:token>/", views.RegistrationSelfCancelView, "registration_self_cancel"),
    # members
    route("meine-gremien/", views.MyBodiesView, "my_bodies"),
    route("sitzungen/<int:pk>/", views.MeetingDetailView, "meeting_detail"),
    route("sitzungen/<int:pk>/kalender.ics", views.MeetingCalendarView, "meeting_ics"),
    route("sitzungen/<int:pk>/antwort/", views.MeetingReplyView, "meeting_reply"),
    route("sitzungen/<int:pk>/antwort/<str:token>/", views.MeetingReplyLinkView, "meeting_reply_link"),
    route("sitzungen/unterlagen/<int:pk>/", views.DocumentDownloadView, "document_download"),
    route("priorisierung/", views.ReviewListView, "review_list"),
    route("priorisierung/<int:pk>/", views.ReviewDetailView, "review_detail"),
    # staff: review rounds
    route("priorisierung/neu/<slug:slug>/", views.ReviewCreateView, "review_create"),
    route("priorisierung/<int:pk>/prioritaeten-uebernehmen/", views.ReviewApplyView, "review_apply"),
    route("priorisierung/<int:pk>/ergebnis.<str:fmt>", views.ReviewExportView, "review_export"),
    route("priorisierung/<int:pk>/abschliessen/", views.ReviewCloseView, "review_close"),
    # staff: bodies, members, meetings
    route("verwaltung/gremien/<slug:slug>/", views.BodyManageView, "body_manage"),
    route("verwaltung/gremien/<slug:slug>/bearbeiten/", views.BodyUpdateView, "body_update"),
    route("verwaltung/gremien/<slug:slug>/mitglied-neu/", views.MemberInviteView, "member_invite"),
    route("verwaltung/mitgliedschaften/<int:pk>/bearbeiten/", views.MembershipUpdateView, "membership_update"),
    route("verwaltung/mitgliedschaften/<int:pk>/beenden/", views.MembershipEndView, "membership_end"),
    route("verwaltung/gremien/<slug:slug>/sitzung-neu/", views.MeetingCreateView, "meeting_create"),
    route("verwaltung/sitzungen/", views.MeetingListView, "meeting_list"),
    route("verwaltung/sitzungen/<int:pk>/bearbeiten/", views.MeetingUpdateView, "meeting_update"),
    route("verwaltung/sitzungen/<int:pk>/top-neu/", views.AgendaItemCreateView, "agenda_item_create"),
    route("verwaltung/tagesordnungspunkte/<int:pk>/bearbeiten/", views.AgendaItemUpdateView, "agenda_item_update"),
    route("verwaltung/tagesordnungspunkte/<int:pk>/entfernen/", views.AgendaItemRemoveView, "agenda_item_remove"),
    route("verwaltung/sitzungen/<int:pk>/unterlage-neu/", views.DocumentUploadView, "document_upload"),
    route("verwaltung/sitzungen/<int:pk>/teilnahme/", views.AttendanceView, "attendance_edit"),
    route("verwaltung/sitzungen/<int:pk>/beschluss-neu/", views.DecisionCreateView, "decision_create"),
    route("verwaltung/sitzungen/<int:pk>/protokoll/", views.MinutesEditView, "minutes_edit"),
    route("verwaltung/sitzungen/<int:pk>/protokoll/abstimmen/", views.MinutesApproveView, "minutes_approve"),
    route("verwaltung/sitzungen/<int:pk>/absagen/", views.MeetingCancelView, "meeting_cancel"),
    route("verwaltung/unterlagen/<int:pk>/zurueckziehen/", views.DocumentWithdrawView, "document_withdraw"),
    route("verwaltung/unterlagen/<int:pk>/wieder-freigeben/", views.DocumentRestoreView, "document_restore"),
    route("verwaltung/sitzungen/<int:pk>/einladen/", views.MeetingInviteView, "meeting_invite"),
    # approvals
    route("beschlussvorlagen/", views.ApprovalListView, "approval_list"),
    route("beschlussvorlagen/roadmap/<int:pk>/einreichen/", views.RoadmapSubmitView, "roadmap_submit"),
    route("beschlussvorlagen/roadmap/<int:pk>/entscheiden/", views.RoadmapDecideView, "roadmap_decide"),
    route("beschlussvorlagen/roadmap/<int:pk>/veroeffentlichen/", views.RoadmapPublishView, "roadmap_publish"),
    route("beschlussvorlagen/roadmap/<int:pk>/verlauf/", views.RoadmapHistoryView, "roadmap_history"),
    route("beschlussvorlagen/<str:kind>/<int:pk>/empfehlung-aus-sitzung/", views.RecommendationRecordView, "recommendation_record"),
    route("beschlussvorlagen/<str:kind>/<int:pk>/empfehlung-online/", views.RecommendationRoundOpenView, "recommendation_round_open"),
    route("verwaltung/empfehlungen/<int:pk>/abschliessen/", views.RecommendationCloseView, "recommendation_close"),
    route("entwicklungsziele/", views.GoalListView, "goal_list"),
    route("entwicklungsziele/neu/", views.GoalCreateView, "goal_create"),
    route("entwicklungsziele/<int:pk>/", views.GoalDetailView, "goal_detail"),
    route("entwicklungsziele/<int:pk>/folgen/", views.GoalFollowView, "goal_follow"),
    route("entwicklungsziele/<int:pk>/bearbeiten/", views.GoalUpdateView, "goal_update"),
    route("entwicklungsziele/<int:pk>/einreichen/", views.GoalSubmitView, "goal_submit"),
    route("entwicklungsziele/<int:pk>/entscheiden/", views.GoalDecideView, "goal_decide"),
    route("entwicklungsziele/<int:pk>/verlauf/", views.GoalHistoryView, "goal_history"),
    # staff: forum events
    route("verwaltung/veranstaltungen/", views.EventManageListView, "event_manage_list"),
    route("verwaltung/veranstaltungen/neu/", views.EventCreateView, "event_create"),
    route("verwaltung/veranstaltungen/<int:pk>/bearbeiten/", views.EventUpdateView, "event_update"),
    route("verwaltung/veranstaltungen/<int:pk>/absagen/", views.EventCancelView, "event_cancel"),
    route("verwaltung/veranstaltungen/<int:pk>/teilnehmende/", views.EventParticipantsView, "event_participants"),
    route("verwaltung/veranstaltungen/<int:pk>/anwesenheit/", views.EventAttendanceView, "event_attendance"),
    route("verwaltung/anmeldungen/<int:pk>/stornieren/", views.RegistrationCancelView, "registration_cancel"),
    route("verwaltung/veranstaltungen/<int:pk>/teilnehmende.csv", views.EventParticipantsCsvView, "event_participants_csv"),
]
# fmt: on
