from monitoring.services import import_batch_confirm, import_batch_create
from tests.factories import IndicatorFactory
from tests.matrix import PUBLIC, STAFF_ONLY, STAFF_ONLY_POST, Case, expect
from tests.monitoring.factories import ValidationRuleFactory

from .factories import ActivityFactory, IndicatorValueFactory, TargetFactory

CSV = "Kennung;Art;Titel;Beginn;Felder\nM-1;Studie;Matrixstudie;01.02.2025;FA\n"


def world(cast):
    indicator = IndicatorFactory(code="MAT-1")
    value = IndicatorValueFactory(indicator=indicator)
    target = TargetFactory(indicator=indicator)
    activity = ActivityFactory(fields=[cast.field_a])
    imported, _preview = import_batch_create(
        kind="activities", file_name="a.csv", content=CSV.encode(), user=cast.staff
    )
    import_batch_confirm(batch=imported, user=cast.staff)
    preview, _preview = import_batch_create(
        kind="activities",
        file_name="b.csv",
        content=CSV.replace("M-1", "M-2").encode(),
        user=cast.staff,
    )
    rule = ValidationRuleFactory(indicator=indicator, max_change_percent=20)
    return {
        "rule": rule,
        "indicator": indicator,
        "value": value,
        "target": target,
        "activity": activity,
        "imported": imported,
        "preview": preview,
    }


DATA_QUALITY = expect(302, 403, 403, 403, 200, 200, 200)  # staff and ministry


def _pk(name):
    return lambda c, w: {"pk": w[name].pk}


CASES = [
    Case("monitoring:indicator_catalogue", PUBLIC),
    Case("monitoring:indicator_public", PUBLIC, kwargs=lambda c, w: {"code": "MAT-1"}),
    # Board members: no Thuringia-wide dashboard (redirect to their field's), their own field's
    # dashboard, and 404 for other fields (out of scope).
    Case("monitoring:dashboard", expect(302, 403, 302, 200, 200, 200, 200)),
    Case(
        "monitoring:dashboard_field",
        expect(302, 403, 200, 200, 200, 200, 200),
        kwargs=lambda c, w: {"slug": c.field_a.slug},
        label="own",
    ),
    Case(
        "monitoring:dashboard_field",
        expect(302, 403, 404, 200, 200, 200, 200),
        kwargs=lambda c, w: {"slug": c.field_b.slug},
        label="foreign",
    ),
    Case("monitoring:activity_list", STAFF_ONLY),
    Case("monitoring:activity_export", STAFF_ONLY, kwargs=lambda c, w: {"fmt": "xlsx"}),
    Case("monitoring:activity_create", STAFF_ONLY),
    Case("monitoring:activity_update", STAFF_ONLY, kwargs=_pk("activity")),
    Case("monitoring:activity_history", STAFF_ONLY, kwargs=_pk("activity")),
    Case("monitoring:activity_archive", STAFF_ONLY, kwargs=_pk("activity")),
    Case("monitoring:import", STAFF_ONLY),
    Case(
        "monitoring:import_template",
        STAFF_ONLY,
        kwargs=lambda c, w: {"kind": "indicator-values", "fmt": "csv"},
    ),
    Case("monitoring:import_detail", STAFF_ONLY, kwargs=_pk("preview"), label="preview"),
    Case("monitoring:import_detail", STAFF_ONLY, kwargs=_pk("imported"), label="imported"),
    Case("monitoring:import_confirm", STAFF_ONLY_POST, kwargs=_pk("preview"), method="post"),
    Case("monitoring:import_discard", STAFF_ONLY_POST, kwargs=_pk("preview"), method="post"),
    Case("monitoring:import_rollback", STAFF_ONLY, kwargs=_pk("imported")),
    Case("monitoring:indicator_manage", STAFF_ONLY, kwargs=_pk("indicator")),
    Case("monitoring:indicator_value_create", STAFF_ONLY, kwargs=_pk("indicator")),
    Case("monitoring:target_create", STAFF_ONLY, kwargs=_pk("indicator")),
    Case("monitoring:indicator_value_update", STAFF_ONLY, kwargs=_pk("value")),
    Case("monitoring:indicator_value_history", STAFF_ONLY, kwargs=_pk("value")),
    Case("monitoring:indicator_value_export", STAFF_ONLY, kwargs=lambda c, w: {"fmt": "csv"}),
    Case("monitoring:target_update", STAFF_ONLY, kwargs=_pk("target")),
    Case("monitoring:year_locks", STAFF_ONLY),
    Case("monitoring:validation_rule", STAFF_ONLY, kwargs=_pk("indicator")),
    Case("monitoring:validation_rule_history", STAFF_ONLY, kwargs=_pk("rule")),
    Case("monitoring:completeness", DATA_QUALITY),
    Case("monitoring:quality_confirmations", DATA_QUALITY),
]
