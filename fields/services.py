"""Writes for the fields app: archive, assessments, network members, roadmap editing and workflow.

Plain edits of one object go through `VersionedModelForm` + `VersionedUpdateMixin` (optimistic
locking); everything with rules lives here. Roadmap transitions after the board review
(submitted, approved, returned, published) belong to `governance.services`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.concurrency import save_versioned
from ris_portal.models import create_validated

from .models import (
    ActionField,
    Actor,
    Measure,
    NetworkMembership,
    RelevanceAssessment,
    Roadmap,
    RoadmapComment,
    Theme,
    ValueNetwork,
)

# --- shared ---------------------------------------------------------------------------------


def object_archive(*, obj, expected_version: int, user=None) -> object:
    """Archive instead of delete: the row stays, with its history, and can be restored."""
    roadmap = _roadmap_of(obj)
    if roadmap is not None and not isinstance(obj, Roadmap):
        roadmap_ensure_editable(roadmap=roadmap)
    if obj.is_archived:
        raise ValidationError(_("Der Eintrag ist bereits archiviert."))
    obj.is_archived = True
    obj.full_clean()
    return save_versioned(obj, expected_version=expected_version, change_reason=_("Archiviert"))


def _roadmap_of(obj) -> Roadmap | None:
    if isinstance(obj, Roadmap):
        return obj
    if isinstance(obj, ActionField):
        return obj.roadmap
    if isinstance(obj, Measure):
        return obj.action_field.roadmap
    return None


# --- themes and assessments -----------------------------------------------------------------


def assessment_create(
    *,
    theme: Theme,
    author,
    justification: str,
    assessed_on: datetime.date | None = None,
    **scores: int,
) -> RelevanceAssessment:
    """A relevance assessment of `theme`; `scores` rate the criteria of ASSESSMENT_CRITERIA."""
    with transaction.atomic():
        return create_validated(
            RelevanceAssessment,
            theme=theme,
            author=author,
            justification=justification,
            assessed_on=assessed_on or timezone.localdate(),
            **scores,
        )


def theme_set_highlight(*, theme: Theme, highlight: bool, expected_version: int) -> Theme:
    """Mark a theme as highlight (or back to active)."""
    theme.status = Theme.Status.HIGHLIGHT if highlight else Theme.Status.ACTIVE
    theme.full_clean()
    return save_versioned(theme, expected_version=expected_version)


# --- value networks -------------------------------------------------------------------------


def network_member_add(
    *, network: ValueNetwork, actor: Actor, role: str, note: str = ""
) -> NetworkMembership:
    """Add an actor to a network; an archived membership of the same actor is reactivated."""
    with transaction.atomic():
        membership = (
            NetworkMembership.objects.select_for_update()
            .filter(network=network, actor=actor)
            .first()
        )
        if membership is not None and not membership.is_archived:
            raise ValidationError(
                {"actor": _("%(actor)s ist bereits Mitglied dieses Netzwerks.") % {"actor": actor}}
            )
        if membership is None:
            membership = NetworkMembership(network=network, actor=actor)
        membership.role = role
        membership.note = note
        membership.is_archived = False
        membership.full_clean()
        if membership.pk:
            save_versioned(membership, expected_version=membership.version)
        else:
            membership.save()
    return membership


# --- roadmaps -------------------------------------------------------------------------------


def roadmap_ensure_editable(*, roadmap: Roadmap) -> None:
    if not roadmap.is_editable:
        raise ValidationError(
            _(
                "Die Roadmap ist im Status „%(status)s“ und kann nicht mehr bearbeitet werden. "
                "Legen Sie bei Bedarf eine neue Fassung an."
            )
            % {"status": roadmap.get_status_display()}
        )


def roadmap_ensure_restorable(*, roadmap: Roadmap) -> None:
    """An earlier stand may come back while the roadmap is still being worked on (even archived).

    Submitted, approved and published roadmaps keep the content the Lenkungskreis saw.
    """
    if roadmap.status not in Roadmap.EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Die Roadmap ist im Status „%(status)s“; frühere Stände können nicht "
                "wiederhergestellt werden. Legen Sie bei Bedarf eine neue Fassung an."
            )
            % {"status": roadmap.get_status_display()}
        )


def roadmap_create(*, network: ValueNetwork, title: str, summary: str = "") -> Roadmap:
    """First roadmap of a network, or refused when the network already has a current one."""
    with transaction.atomic():
        if Roadmap.objects.select_for_update().filter(network=network, is_current=True).exists():
            raise ValidationError(
                {
                    "network": _(
                        "Dieses Netzwerk hat bereits eine aktuelle Roadmap. Legen Sie dort eine "
                        "neue Fassung an."
                    )
                }
            )
        number = (network.roadmaps.aggregate(n=Max("number"))["n"] or 0) + 1
        roadmap = Roadmap(network=network, title=title, summary=summary, number=number)
        roadmap.full_clean()
        roadmap.save()
    return roadmap


def _transition(
    roadmap: Roadmap, *, allowed_from: tuple[str, ...], to: str, expected_version: int, reason: str
) -> Roadmap:
    if roadmap.is_archived or roadmap.status not in allowed_from:
        raise ValidationError(
            _("Dieser Schritt ist im Status „%(status)s“ nicht möglich.")
            % {"status": roadmap.get_status_display()}
        )
    roadmap.status = to
    roadmap.full_clean()
    return save_versioned(roadmap, expected_version=expected_version, change_reason=reason)


def roadmap_start_board_review(*, roadmap: Roadmap, expected_version: int) -> Roadmap:
    """Entwurf (or zurückgegeben) → Beiratsprüfung: board members of the field may comment."""
    return _transition(
        roadmap,
        allowed_from=(Roadmap.Status.DRAFT, Roadmap.Status.RETURNED),
        to=Roadmap.Status.BOARD_REVIEW,
        expected_version=expected_version,
        reason=_("Zur Beiratsprüfung gegeben"),
    )


def roadmap_back_to_draft(*, roadmap: Roadmap, expected_version: int) -> Roadmap:
    """Beiratsprüfung → Entwurf."""
    return _transition(
        roadmap,
        allowed_from=(Roadmap.Status.BOARD_REVIEW,),
        to=Roadmap.Status.DRAFT,
        expected_version=expected_version,
        reason=_("Zurück in den Entwurf"),
    )


def roadmap_new_version(*, roadmap: Roadmap) -> Roadmap:
    """Copy the current roadmap with its action fields and measures into Fassung number+1.

    The old version stays untouched (and, if published, stays public) but is no longer current.
    """
    with transaction.atomic():
        current = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        if not current.is_current:
            raise ValidationError(_("Neue Fassungen entstehen nur aus der aktuellen Fassung."))
        if current.is_archived:
            raise ValidationError(_("Aus einer archivierten Roadmap entsteht keine neue Fassung."))
        number = (
            Roadmap.objects.filter(network_id=current.network_id).aggregate(n=Max("number"))["n"]
            + 1
        )
        current.is_current = False
        save_versioned(
            current,
            expected_version=current.version,
            change_reason=_("Neue Fassung %(number)s angelegt") % {"number": number},
        )
        copy = Roadmap(
            network_id=current.network_id,
            number=number,
            is_current=True,
            title=current.title,
            summary=current.summary,
            status=Roadmap.Status.DRAFT,
        )
        copy.full_clean()
        copy.save()
        fields = current.action_fields.live().prefetch_related(
            "measures__responsible_actors", "measures__needs"
        )
        for action_field in fields:
            new_field = ActionField.objects.create(
                roadmap=copy,
                title=action_field.title,
                description=action_field.description,
                order=action_field.order,
            )
            for measure in action_field.measures.all():
                if measure.is_archived:
                    continue
                new_measure = Measure.objects.create(
                    action_field=new_field,
                    title=measure.title,
                    description=measure.description,
                    start=measure.start,
                    end=measure.end,
                    status=measure.status,
                    order=measure.order,
                )
                new_measure.responsible_actors.set(measure.responsible_actors.all())
                new_measure.needs.set(measure.needs.all())
    return copy


def roadmap_comment_create(*, roadmap: Roadmap, author, text: str) -> RoadmapComment:
    if not roadmap.is_commentable:
        raise ValidationError(_("Zu dieser Fassung können keine Kommentare mehr abgegeben werden."))
    comment = RoadmapComment(roadmap=roadmap, author=author, text=text.strip())
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        # Whoever comments follows the roadmap from now on; followers hear of new comments.
        from personal.follows import follow_set, follower_ids
        from personal.models import Kind
        from personal.notifications import notify

        from .selectors import roadmap_list_workspace

        follow_set(user=author, obj=roadmap)
        notify(
            kind=Kind.COMMENT,
            users=follower_ids(roadmap, scope=roadmap_list_workspace),
            title=gettext_lazy("Neuer Kommentar zur Roadmap „%(title)s“ von %(author)s"),
            params={"title": roadmap.title, "author": author.get_full_name() or author.email},
            text=comment.text[:500],
            url=roadmap.get_absolute_url() + "#comments",
            actor=author,
        )
    return comment


# --- action fields and measures -------------------------------------------------------------


def action_field_create(*, roadmap: Roadmap, title: str, description: str = "") -> ActionField:
    with transaction.atomic():
        roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        roadmap_ensure_editable(roadmap=roadmap)
        order = (roadmap.action_fields.aggregate(n=Max("order"))["n"] or 0) + 1
        action_field = ActionField(
            roadmap=roadmap, title=title, description=description, order=order
        )
        action_field.full_clean()
        action_field.save()
    return action_field


def measure_create(*, action_field: ActionField, **values) -> Measure:
    """Create a measure at the end of its action field; m2m values as lists."""
    actors = values.pop("responsible_actors", None) or []
    needs = values.pop("needs", None) or []
    with transaction.atomic():
        action_field = ActionField.objects.select_for_update().get(pk=action_field.pk)
        roadmap_ensure_editable(roadmap=action_field.roadmap)
        order = (action_field.measures.aggregate(n=Max("order"))["n"] or 0) + 1
        measure = Measure(action_field=action_field, order=order, **values)
        measure.full_clean()
        measure.save()
        measure.responsible_actors.set(actors)
        measure.needs.set(needs)
    return measure


def _move(obj, siblings, direction: str) -> None:
    """Swap `obj` with its neighbour in `siblings` (ordered); renumber 1..n first.

    Every changed position is saved, not written with `update()`: a report as of a Stichtag
    reads the order from the history, and a row renumbered without a history record would keep
    its old number there (after gaps from archiving, it would sort behind the moved rows).
    """
    if direction not in ("up", "down"):
        raise ValidationError(_("Unbekannte Richtung."))
    items = list(siblings)
    position = next((i for i, item in enumerate(items) if item.pk == obj.pk), None)
    if position is None:  # archived: it has no place in the order (was a 500 before)
        raise ValidationError(_("Ein archivierter Eintrag kann nicht verschoben werden."))
    changed = set()
    for index, item in enumerate(items):
        if item.order != index + 1:
            item.order = index + 1
            changed.add(index)
    target = position - 1 if direction == "up" else position + 1
    if 0 <= target < len(items):
        a, b = items[position], items[target]
        a.order, b.order = b.order, a.order
        changed |= {position, target}
    for index in sorted(changed):
        item = items[index]
        # Ordering is not a content change: no version bump, but a history entry.
        item._change_reason = _("Reihenfolge geändert")
        item.save(update_fields=["order", "updated_at"])


def action_field_move(*, action_field: ActionField, direction: str) -> None:
    with transaction.atomic():
        roadmap = Roadmap.objects.select_for_update().get(pk=action_field.roadmap_id)
        roadmap_ensure_editable(roadmap=roadmap)
        _move(action_field, roadmap.action_fields.live(), direction)


def measure_move(*, measure: Measure, direction: str) -> None:
    with transaction.atomic():
        action_field = ActionField.objects.select_for_update().get(pk=measure.action_field_id)
        roadmap_ensure_editable(roadmap=action_field.roadmap)
        _move(measure, action_field.measures.live(), direction)
