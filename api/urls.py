from django.urls import include, path
from rest_framework.routers import SimpleRouter

from ris_portal.routes import route

from . import views

app_name = "api"

router = SimpleRouter()
for prefix, viewset, basename in views.ROUTES:
    router.register(prefix, viewset, basename=basename)

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
