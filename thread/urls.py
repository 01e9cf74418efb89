from django.urls import path

from . import views

app_name = "thread"

urlpatterns = [
    path("suche/", views.SearchView.as_view(), name="search"),
    path(
        "wirkungskette/roadmap/<int:pk>/",
        views.RoadmapChainView.as_view(),
        name="roadmap_chain",
    ),
    path("wirkungskette/feld/<slug:slug>/", views.FieldChainView.as_view(), name="field_chain"),
]
