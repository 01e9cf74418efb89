from django.urls import include, path
from rest_framework.routers import SimpleRouter

from ris_portal.routes import route

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

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("api/v1/", views.ApiRootView, "root"),
    route("api/v1/schema/", views.SchemaView, "schema"),
    route("api/v1/docs/", views.ApiDocsView, "docs"),
    path("api/v1/", include(router.urls)),
    # Staff: tokens
    route("verwaltung/api-zugaenge/", views.TokenListView, "token_list"),
    route("verwaltung/api-zugaenge/neu/", views.TokenCreateView, "token_create"),
    route("verwaltung/api-zugaenge/<int:pk>/widerrufen/", views.TokenRevokeView, "token_revoke"),
]
# fmt: on
