from ris_portal.routes import crud, route

from . import views

app_name = "fields"

WS = "arbeitsbereich/"


# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    # Public
    route("felder/<slug:slug>/", views.FieldPublicView, "field_public"),
    route("roadmaps/<int:pk>/", views.RoadmapPublicView, "roadmap_public"),
    route("massnahmen/<int:pk>/", views.MeasurePublicView, "measure_public"),
    # Workspace
    *crud(
        f"{WS}felder/",
        "field",
        {
            "list": views.FieldListView,
            "detail": views.FieldDetailView,
            "update": views.FieldUpdateView,
            "archive": views.FieldArchiveView,
            "history": views.FieldHistoryView,
        },
    ),
    route(f"{WS}felder/<int:pk>/portfolio/", views.FieldPortfolioView, "field_portfolio"),
    *crud(f"{WS}themen/", "theme", {"list": views.ThemeListView, "detail": views.ThemeDetailView, **views.THEME_EDIT_VIEWS}),
    route(f"{WS}themen/<int:pk>/highlight/", views.theme_highlight, "theme_highlight"),
    route(f"{WS}themen/<int:pk>/bewerten/", views.AssessmentCreateView, "assessment_create"),
    *crud(f"{WS}bewertungen/", "assessment", views.ASSESSMENT_EDIT_VIEWS),
    *crud(f"{WS}akteure/", "actor", {"list": views.ActorListView, "detail": views.ActorDetailView, **views.ACTOR_EDIT_VIEWS}),
    *crud(f"{WS}netzwerke/", "network", {"list": views.NetworkListView, "detail": views.NetworkDetailView, **views.NETWORK_EDIT_VIEWS}),
    route(f"{WS}netzwerke/<int:pk>/mitglieder/", views.MembershipAddView, "membership_add"),
    *crud(
        f"{WS}mitgliedschaften/",
        "membership",
        {"update": views.MembershipUpdateView, "archive": views.MembershipArchiveView},
    ),
    *crud(f"{WS}bedarfe/", "need", {"list": views.NeedListView, "detail": views.NeedDetailView, **views.NEED_EDIT_VIEWS}),
    *crud(
        f"{WS}roadmaps/",
        "roadmap",
        {
            "list": views.RoadmapListView,
            "create": views.RoadmapCreateView,
            "detail": views.RoadmapDetailView,
            "update": views.RoadmapUpdateView,
            "archive": views.RoadmapArchiveView,
            "history": views.RoadmapHistoryView,
        },
    ),
    route(f"{WS}roadmaps/<int:pk>/beiratspruefung/", views.RoadmapTransitionView, "roadmap_board_review", action="board_review"),
    route(f"{WS}roadmaps/<int:pk>/entwurf/", views.RoadmapTransitionView, "roadmap_back_to_draft", action="draft"),
    route(f"{WS}roadmaps/<int:pk>/neue-fassung/", views.RoadmapTransitionView, "roadmap_new_version", action="new_version"),
    route(f"{WS}roadmaps/<int:pk>/folgen/", views.RoadmapFollowView, "roadmap_follow"),
    route(f"{WS}roadmaps/<int:pk>/kommentare/", views.RoadmapCommentView, "roadmap_comment"),
    route(f"{WS}roadmaps/<int:pk>/handlungsfelder/", views.ActionFieldCreateView, "action_field_create"),
    *crud(f"{WS}handlungsfelder/", "action_field", views.ACTION_FIELD_EDIT_VIEWS),
    route(f"{WS}handlungsfelder/<int:pk>/verschieben/", views.ActionFieldMoveView, "action_field_move"),
    route(f"{WS}handlungsfelder/<int:pk>/massnahmen/", views.MeasureCreateView, "measure_create"),
    *crud(f"{WS}massnahmen/", "measure", {"list": views.MeasureListView, "detail": views.MeasureDetailView, **views.MEASURE_EDIT_VIEWS}),
    route(f"{WS}massnahmen/<int:pk>/verschieben/", views.MeasureMoveView, "measure_move"),
    route(f"{WS}markdown-vorschau/", views.markdown_preview, "markdown_preview"),
]
# fmt: on
