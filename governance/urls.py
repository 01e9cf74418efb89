from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("gremien/", views.BodyListView.as_view(), name="body_list"),
    path("gremien/<slug:slug>/", views.BodyPublicView.as_view(), name="body_public"),
]
