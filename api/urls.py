from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("fields", views.FieldViewSet, basename="field")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("roadmaps", views.RoadmapViewSet, basename="roadmap")
router.register("needs", views.NeedViewSet, basename="need")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("events", views.EventViewSet, basename="event")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")
router.register("targets", views.TargetViewSet, basename="target")
router.register("reports", views.ReportViewSet, basename="report")
router.register("activities", views.ActivityViewSet, basename="activity")

urlpatterns = [
    path("api/v1/", views.ApiRootView.as_view(), name="root"),
    path("api/v1/schema/", views.SchemaView.as_view(), name="schema"),
    path("api/v1/docs/", views.ApiDocsView.as_view(), name="docs"),
    path("api/v1/", include(router.urls)),
    # Staff: tokens
    path("verwaltung/api-zugaenge/", views.TokenListView.as_view(), name="token_list"),
    path("verwaltung/api-zugaenge/neu/", views.TokenCreateView.as_view(), name="token_create"),
    path(
        "verwaltung/api-zugaenge/<int:pk>/widerrufen/",
        views.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
]
