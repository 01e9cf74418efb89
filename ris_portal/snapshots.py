"""Read versioned rows as they stood at a moment in the past (the report's Stichtag).

Every editable model keeps its history with django-simple-history; a row "as of" a moment is
its latest history record before that moment, unless that record is a deletion. Rows created
later are absent; rows changed later appear in their older version. This only holds if every
write leaves a history record: `bulk_create`, `update()` and raw SQL write none, so bulk paths
use `bulk_create_with_history`/`bulk_update_with_history` (and `m2m_history_write` below for
many-to-many links that are tracked).

Why not simple-history's `Model.history.as_of()`: it compares `history_date <= moment` only, so
two records with the same timestamp (a bulk write followed by a second one in the same
microsecond) are both "latest"; here the history id breaks the tie. And callers filter the
versions in SQL (`versions_at(...).filter(year=2025)`), so only the rows they need are loaded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the portal's time zone (exclusive bound of a Stichtag)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, zone)


def versions_at(model, moment: datetime.datetime) -> QuerySet:
    """History records of `model`: for each row, its latest version before `moment`.

    Rows whose latest record before `moment` is a deletion are left out. Filters added by the
    caller apply to that version (e.g. `.filter(is_archived=False)` means "not archived at the
    moment"), which is what a report as of a Stichtag needs.
    """
    history = model.history.model
    newer = history.objects.filter(id=OuterRef("id"), history_date__lt=moment).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    return (
        history.objects.filter(history_date__lt=moment)
        .exclude(history_type="-")
        .filter(~Exists(newer))
    )


def live_versions_at(model, moment: datetime.datetime) -> QuerySet:
    """The history counterpart of `.live()`: versions at `moment` that were not archived."""
    return versions_at(model, moment).filter(is_archived=False)


def instances(model, versions: QuerySet) -> list:
    """Detached `model` instances built from history records (`versions_at(...)`).

    The same as `[record.instance for record in versions]`, but one model is constructed per
    row instead of two (the history record and its instance): a report at 30× data reads about
    50,000 versions, and model construction was the largest cost of building its content.
    """
    names = [f.attname for f in model._meta.concrete_fields]
    return [model.from_db(versions.db, names, row) for row in versions.values_list(*names)]


def objects_at(model, moment: datetime.datetime | None, **filters) -> list:
    """Model instances as of `moment` (the live rows when `moment` is None), filtered.

    The instances are detached copies: follow their foreign keys through ids (`field_id`) and
    other snapshots, not through attribute access, which would read today's rows.
    """
    if moment is None:
        return list(model.objects.filter(**filters))
    return instances(model, versions_at(model, moment).filter(**filters))


def _history_m2m_model(model, name: str):
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{name}")


def m2m_ids_at(model, name: str, moment: datetime.datetime | None, pks=None) -> dict[int, set[int]]:
    """{pk: {related pk, …}} of a many-to-many field tracked in the history, as of `moment`."""
    field = model._meta.get_field(name)
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    result: dict[int, set[int]] = defaultdict(set)
    if moment is None:
        links = field.remote_field.through.objects.all()
        if pks is not None:
            links = links.filter(**{f"{source}_id__in": pks})
        for pk, other in links.values_list(f"{source}_id", f"{target}_id").iterator():
            result[pk].add(other)
        return result
    versions = versions_at(model, moment)
    if pks is not None:
        versions = versions.filter(id__in=pks)
    links = _history_m2m_model(model, name).objects.filter(
        history_id__in=versions.values("history_id")
    )
    for pk, other in links.values_list(f"{source}_id", f"{target}_id").iterator():
        result[pk].add(other)
    return result


def m2m_history_write(model, history_ids: dict[int, int], names) -> None:
    """Copy the current links of tracked many-to-many fields into the given history records.

    `history_ids` maps a row's pk to the history record written for it by a bulk path
    (`bulk_create_with_history` does not snapshot many-to-many fields, a `save()` does).
    """
    tracked = {f.name for f in getattr(model.history.model, "_history_m2m_fields", [])}
    for name in names:
        if name not in tracked or not history_ids:
            continue
        field = model._meta.get_field(name)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through = field.remote_field.through
        history_model = _history_m2m_model(model, name)
        pks = list(history_ids)
        rows = []
        for start in range(0, len(pks), 2000):
            for link_id, pk, other in through.objects.filter(
                **{f"{source}_id__in": pks[start : start + 2000]}
            ).values_list("pk", f"{source}_id", f"{target}_id"):
                rows.append(
                    history_model(
                        id=link_id,
                        history_id=history_ids[pk],
                        **{f"{source}_id": pk, f"{target}_id": other},
                    )
                )
        history_model.objects.bulk_create(rows, batch_size=2000)


def history_backdate(model, dates: dict[int, datetime.datetime], *, since: datetime.datetime):
    """Move the history of rows created since `since` to the given moments (demo seed data).

    Demo content is written today, but the demo reports of earlier years need it in place at
    their Stichtag. Only rows whose history starts at or after `since` (created by this seed
    run) move, each to its moment with its records in their order; rows that existed before
    keep their history (a second seed run changes nothing, edits are never rewritten).
    """
    history = model.history.model
    existed = set(
        history.objects.filter(id__in=list(dates), history_date__lt=since).values_list(
            "id", flat=True
        )
    )
    records = history.objects.filter(
        id__in=[pk for pk in dates if pk not in existed], history_date__gte=since
    ).order_by("id", "history_date", "history_id")
    offsets: dict[int, int] = defaultdict(int)
    changed = []
    for record in records:
        record.history_date = dates[record.id] + datetime.timedelta(microseconds=offsets[record.id])
        offsets[record.id] += 1
        changed.append(record)
    history.objects.bulk_update(changed, ["history_date"], batch_size=500)
    return len(changed)


def local_moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """A moment on `day` in the portal's time zone (for back-dated seed history)."""
    return datetime.datetime.combine(day, datetime.time(hour), ZoneInfo(settings.TIME_ZONE))
