from ris_portal.routes import route

from . import views

app_name = "thread"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("suche/", views.SearchView, "search"),
    route("wirkungskette/roadmap/<int:pk>/", views.RoadmapChainView, "roadmap_chain"),
    route("wirkungskette/feld/<slug:slug>/", views.FieldChainView, "field_chain"),
]
# fmt: on
