from ris_portal.routes import route

from . import views

app_name = "opendata"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("open-data/", views.OpenDataView, "index"),
    route("open-data/neu-erstellen/", views.open_data_rebuild, "rebuild"),
    route("open-data/<str:name>", views.open_data_file, "file"),
]
# fmt: on
