from django.urls import path

from . import views

app_name = "fields"

urlpatterns = [
    path("felder/<slug:slug>/", views.FieldPublicView.as_view(), name="field_public"),
]
