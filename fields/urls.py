from django.urls import path

from . import views

app_name = "fields"

WS = "arbeitsbereich/"


def crud(prefix: str, name: str, module_views: dict) -> list:
    """list/create/detail/update/archive/history URLs for one workspace entity."""
    routes = {
        "list": ("", "list"),
        "create": ("neu/", "create"),
        "detail": ("<int:pk>/", "detail"),
        "update": ("<int:pk>/bearbeiten/", "update"),
        "archive": ("<int:pk>/archivieren/", "archive"),
        "history": ("<int:pk>/verlauf/", "history"),
    }
    patterns = []
    for key, view in module_views.items():
        suffix, url_name = routes[key]
        patterns.append(path(f"{WS}{prefix}/{suffix}", view.as_view(), name=f"{name}_{url_name}"))
    return patterns


urlpatterns = [
    # Public
    path("felder/<slug:slug>/", views.FieldPublicView.as_view(), name="field_public"),
    path("roadmaps/<int:pk>/", views.RoadmapPublicView.as_view(), name="roadmap_public"),
    path("massnahmen/<int:pk>/", views.MeasurePublicView.as_view(), name="measure_public"),
    # Workspace
    *crud(
        "felder",
        "field",
        {
            "list": views.FieldListView,
            "detail": views.FieldDetailView,
            "update": views.FieldUpdateView,
            "archive": views.FieldArchiveView,
            "history": views.FieldHistoryView,
        },
    ),
    path(
        f"{WS}felder/<int:pk>/portfolio/",
        views.FieldPortfolioView.as_view(),
        name="field_portfolio",
    ),
    *crud(
        "themen",
        "theme",
        {
            "list": views.ThemeListView,
            "create": views.ThemeCreateView,
            "detail": views.ThemeDetailView,
            "update": views.ThemeUpdateView,
            "archive": views.ThemeArchiveView,
            "history": views.ThemeHistoryView,
        },
    ),
    path(f"{WS}themen/<int:pk>/highlight/", views.theme_highlight, name="theme_highlight"),
    path(
        f"{WS}themen/<int:pk>/bewerten/",
        views.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    *crud(
        "bewertungen",
        "assessment",
        {
            "update": views.AssessmentUpdateView,
            "archive": views.AssessmentArchiveView,
            "history": views.AssessmentHistoryView,
        },
    ),
    *crud(
        "akteure",
        "actor",
        {
            "list": views.ActorListView,
            "create": views.ActorCreateView,
            "detail": views.ActorDetailView,
            "update": views.ActorUpdateView,
            "archive": views.ActorArchiveView,
            "history": views.ActorHistoryView,
        },
    ),
    *crud(
        "netzwerke",
        "network",
        {
            "list": views.NetworkListView,
            "create": views.NetworkCreateView,
            "detail": views.NetworkDetailView,
            "update": views.NetworkUpdateView,
            "archive": views.NetworkArchiveView,
            "history": views.NetworkHistoryView,
        },
    ),
    path(
        f"{WS}netzwerke/<int:pk>/mitglieder/",
        views.MembershipAddView.as_view(),
        name="membership_add",
    ),
    *crud(
        "mitgliedschaften",
        "membership",
        {"update": views.MembershipUpdateView, "archive": views.MembershipArchiveView},
    ),
    *crud(
        "bedarfe",
        "need",
        {
            "list": views.NeedListView,
            "create": views.NeedCreateView,
            "detail": views.NeedDetailView,
            "update": views.NeedUpdateView,
            "archive": views.NeedArchiveView,
            "history": views.NeedHistoryView,
        },
    ),
    *crud(
        "roadmaps",
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
    path(
        f"{WS}roadmaps/<int:pk>/beiratspruefung/",
        views.RoadmapTransitionView.as_view(action="board_review"),
        name="roadmap_board_review",
    ),
    path(
        f"{WS}roadmaps/<int:pk>/entwurf/",
        views.RoadmapTransitionView.as_view(action="draft"),
        name="roadmap_back_to_draft",
    ),
    path(
        f"{WS}roadmaps/<int:pk>/neue-fassung/",
        views.RoadmapTransitionView.as_view(action="new_version"),
        name="roadmap_new_version",
    ),
    path(
        f"{WS}roadmaps/<int:pk>/folgen/",
        views.RoadmapFollowView.as_view(),
        name="roadmap_follow",
    ),
    path(
        f"{WS}roadmaps/<int:pk>/kommentare/",
        views.RoadmapCommentView.as_view(),
        name="roadmap_comment",
    ),
    path(
        f"{WS}roadmaps/<int:pk>/handlungsfelder/",
        views.ActionFieldCreateView.as_view(),
        name="action_field_create",
    ),
    *crud(
        "handlungsfelder",
        "action_field",
        {
            "update": views.ActionFieldUpdateView,
            "archive": views.ActionFieldArchiveView,
            "history": views.ActionFieldHistoryView,
        },
    ),
    path(
        f"{WS}handlungsfelder/<int:pk>/verschieben/",
        views.ActionFieldMoveView.as_view(),
        name="action_field_move",
    ),
    path(
        f"{WS}handlungsfelder/<int:pk>/massnahmen/",
        views.MeasureCreateView.as_view(),
        name="measure_create",
    ),
    *crud(
        "massnahmen",
        "measure",
        {
            "list": views.MeasureListView,
            "detail": views.MeasureDetailView,
            "update": views.MeasureUpdateView,
            "archive": views.MeasureArchiveView,
            "history": views.MeasureHistoryView,
        },
    ),
    path(
        f"{WS}massnahmen/<int:pk>/verschieben/",
        views.MeasureMoveView.as_view(),
        name="measure_move",
    ),
    path(f"{WS}markdown-vorschau/", views.markdown_preview, name="markdown_preview"),
]
