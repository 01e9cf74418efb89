from ris_portal.routes import route

from . import views

app_name = "monitoring"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    # public
    route("indikatoren/", views.IndicatorCatalogueView, "indicator_catalogue"),
    route("indikatoren/<str:code>/", views.IndicatorPublicView, "indicator_public"),
    # dashboards (staff, steering committee, ministry)
    route("dashboard/", views.DashboardView, "dashboard"),
    route("dashboard/<slug:slug>/", views.DashboardView, "dashboard_field"),
    # activities (staff)
    route("verwaltung/aktivitaeten/", views.ActivityListView, "activity_list"),
    route("verwaltung/aktivitaeten/export.<str:fmt>", views.ActivityExportView, "activity_export"),
    route("verwaltung/aktivitaeten/neu/", views.ActivityCreateView, "activity_create"),
    route("verwaltung/aktivitaeten/<int:pk>/", views.ActivityUpdateView, "activity_update"),
    route("verwaltung/aktivitaeten/<int:pk>/verlauf/", views.ActivityHistoryView, "activity_history"),
    route("verwaltung/aktivitaeten/<int:pk>/archivieren/", views.ActivityArchiveView, "activity_archive"),
    # import (staff)
    route("verwaltung/import/", views.ImportView, "import"),
    route("verwaltung/import/vorlage/<str:kind>.<str:fmt>", views.import_template, "import_template"),
    route("verwaltung/import/<int:pk>/", views.ImportDetailView, "import_detail"),
    route("verwaltung/import/<int:pk>/bestaetigen/", views.import_confirm, "import_confirm"),
    route("verwaltung/import/<int:pk>/verwerfen/", views.import_discard, "import_discard"),
    route("verwaltung/import/<int:pk>/zuruecksetzen/", views.ImportRollbackView, "import_rollback"),
    # indicators (staff)
    route("verwaltung/indikatoren/<int:pk>/", views.IndicatorManageView, "indicator_manage"),
    route("verwaltung/indikatoren/<int:pk>/werte/neu/", views.IndicatorValueCreateView, "indicator_value_create"),
    route("verwaltung/indikatoren/<int:pk>/ziele/neu/", views.TargetCreateView, "target_create"),
    route("verwaltung/indikatorwerte/<int:pk>/", views.IndicatorValueUpdateView, "indicator_value_update"),
    route("verwaltung/indikatorwerte/<int:pk>/verlauf/", views.IndicatorValueHistoryView, "indicator_value_history"),
    route("verwaltung/indikatorwerte/export.<str:fmt>", views.indicator_value_export, "indicator_value_export"),
    route("verwaltung/zielwerte/<int:pk>/", views.TargetUpdateView, "target_update"),
    route("verwaltung/berichtsjahre/", views.YearLockView, "year_locks"),
    # data quality: validation rules (staff), completeness and confirmations (staff, ministry)
    route("verwaltung/indikatoren/<int:pk>/pruefregel/", views.ValidationRuleView, "validation_rule"),
    route("verwaltung/pruefregeln/<int:pk>/verlauf/", views.ValidationRuleHistoryView, "validation_rule_history"),
    route("datenqualitaet/vollstaendigkeit/", views.CompletenessView, "completeness"),
    route("datenqualitaet/bestaetigungen/", views.QualityConfirmationListView, "quality_confirmations"),
]
# fmt: on
