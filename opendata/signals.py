"""Rebuild the open data when public data changes: post_save/post_delete/m2m_changed of the
models the package reads, and the reports app's `report_published`.

The receivers only register an on-commit callback: a rolled-back change schedules nothing, and
all changes of one transaction (and of the next seconds, see OPEN_DATA_REBUILD_DELAY) end up
in one waiting build. State changes written with `QuerySet.update()` send no signal; those
that matter announce themselves (`reports.signals.report_published`), and the nightly
scheduled rebuild catches anything else.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

SOURCE_MODELS = (
    "fields.SpecializationField",
    "fields.Theme",
    "fields.DevelopmentPotential",
    "fields.ValueNetwork",
    "fields.Roadmap",
    "fields.ActionField",
    "fields.Measure",
    "fields.Actor",
    "governance.Body",
    "governance.Decision",
    "governance.ForumEvent",
    "governance.Meeting",
    "monitoring.Indicator",
    "monitoring.IndicatorValue",
    "monitoring.Target",
    "monitoring.YearLock",
    "reports.Report",
)
M2M_FIELDS = (
    ("fields.Theme", "potentials"),
    ("fields.Theme", "related_fields"),
    ("fields.Measure", "responsible_actors"),
)


def _schedule(label: str) -> None:
    if not settings.OPEN_DATA_AUTO_REBUILD:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(callback, "opendata_rebuild", False)
        for _sids, callback, *_rest in connection.run_on_commit
    ):
        return  # this transaction already asks for a rebuild: one is enough

    def run():
        from . import services

        services.package_schedule(reason=label)

    run.opendata_rebuild = True
    transaction.on_commit(run)


# Rows of these models change public data only in some states (a report being rendered does
# not; the publication itself sends `report_published`).
ONLY_WHEN = {"reports.Report": lambda report: report.status == "veroeffentlicht"}


def _on_change(sender, instance=None, raw=False, **kwargs):
    if raw:  # loaddata
        return
    condition = ONLY_WHEN.get(sender._meta.label)
    if condition is not None and instance is not None and not condition(instance):
        return
    _schedule(f"{sender._meta.label} {getattr(instance, 'pk', '')}".strip())


def _on_m2m(sender, instance=None, action="", **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _schedule(f"{type(instance)._meta.label} {instance.pk}")


def _on_report_published(sender, report=None, **kwargs):
    _schedule(f"reports.Report {report.pk} veröffentlicht" if report else "reports.Report")


def connect() -> None:
    from django.apps import apps

    from reports.signals import report_published

    for label in SOURCE_MODELS:
        model = apps.get_model(label)
        uid = f"opendata-{label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
    for label, field in M2M_FIELDS:
        through = getattr(apps.get_model(label), field).through
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"opendata-{label}-{field}")
    report_published.connect(_on_report_published, dispatch_uid="opendata-report-published")
