from django.urls import path

from . import quality_views, views

app_name = "monitoring"

urlpatterns = [
    # public
    path("indikatoren/", views.IndicatorCatalogueView.as_view(), name="indicator_catalogue"),
    path("indikatoren/<str:code>/", views.IndicatorPublicView.as_view(), name="indicator_public"),
    # dashboards (staff, steering committee, ministry)
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<slug:slug>/", views.DashboardView.as_view(), name="dashboard_field"),
    # activities (staff)
    path("verwaltung/aktivitaeten/", views.ActivityListView.as_view(), name="activity_list"),
    path(
        "verwaltung/aktivitaeten/export.<str:fmt>",
        views.ActivityExportView.as_view(),
        name="activity_export",
    ),
    path(
        "verwaltung/aktivitaeten/neu/", views.ActivityCreateView.as_view(), name="activity_create"
    ),
    path(
        "verwaltung/aktivitaeten/<int:pk>/",
        views.ActivityUpdateView.as_view(),
        name="activity_update",
    ),
    path(
        "verwaltung/aktivitaeten/<int:pk>/verlauf/",
        views.ActivityHistoryView.as_view(),
        name="activity_history",
    ),
    path(
        "verwaltung/aktivitaeten/<int:pk>/archivieren/",
        views.ActivityArchiveView.as_view(),
        name="activity_archive",
    ),
    # import (staff)
    path("verwaltung/import/", views.ImportView.as_view(), name="import"),
    path(
        "verwaltung/import/vorlage/<str:kind>.<str:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("verwaltung/import/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("verwaltung/import/<int:pk>/bestaetigen/", views.import_confirm, name="import_confirm"),
    path("verwaltung/import/<int:pk>/verwerfen/", views.import_discard, name="import_discard"),
    path(
        "verwaltung/import/<int:pk>/zuruecksetzen/",
        views.ImportRollbackView.as_view(),
        name="import_rollback",
    ),
    # indicators (staff)
    path(
        "verwaltung/indikatoren/<int:pk>/",
        views.IndicatorManageView.as_view(),
        name="indicator_manage",
    ),
    path(
        "verwaltung/indikatoren/<int:pk>/werte/neu/",
        views.IndicatorValueCreateView.as_view(),
        name="indicator_value_create",
    ),
    path(
        "verwaltung/indikatoren/<int:pk>/ziele/neu/",
        views.TargetCreateView.as_view(),
        name="target_create",
    ),
    path(
        "verwaltung/indikatorwerte/<int:pk>/",
        views.IndicatorValueUpdateView.as_view(),
        name="indicator_value_update",
    ),
    path(
        "verwaltung/indikatorwerte/<int:pk>/verlauf/",
        views.IndicatorValueHistoryView.as_view(),
        name="indicator_value_history",
    ),
    path(
        "verwaltung/indikatorwerte/export.<str:fmt>",
        views.indicator_value_export,
        name="indicator_value_export",
    ),
    path("verwaltung/zielwerte/<int:pk>/", views.TargetUpdateView.as_view(), name="target_update"),
    path("verwaltung/berichtsjahre/", views.YearLockView.as_view(), name="year_locks"),
    # data quality: validation rules (staff), completeness and confirmations (staff, ministry)
    path(
        "verwaltung/indikatoren/<int:pk>/pruefregel/",
        quality_views.ValidationRuleView.as_view(),
        name="validation_rule",
    ),
    path(
        "verwaltung/pruefregeln/<int:pk>/verlauf/",
        quality_views.ValidationRuleHistoryView.as_view(),
        name="validation_rule_history",
    ),
    path(
        "datenqualitaet/vollstaendigkeit/",
        quality_views.CompletenessView.as_view(),
        name="completeness",
    ),
    path(
        "datenqualitaet/bestaetigungen/",
        quality_views.QualityConfirmationListView.as_view(),
        name="quality_confirmations",
    ),
]
