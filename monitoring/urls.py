from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("indikatoren/", views.IndicatorCatalogueView.as_view(), name="indicator_catalogue"),
]
