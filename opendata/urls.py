from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="index"),
    path("open-data/neu-erstellen/", views.open_data_rebuild, name="rebuild"),
    path(
        "open-data/<str:name>",
        views.open_data_file,
        name="file",
    ),
]
