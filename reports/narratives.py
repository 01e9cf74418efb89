"""The office's assessment (Einschätzung) per report chapter: writes and reads.

Staff write one Markdown text per chapter of a report (statewide chapter, each field chapter,
governance), versioned with history and optimistic locking. The steering committee reads the
draft and comments on it. Both stop once a report of that kind and year is published: the
published report must keep saying what the text said. The report prints each text as it stood
on its Stichtag (from the history), so rendering the same Stichtag twice gives the same text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fields.models import SpecializationField
from ris_portal.concurrency import ConcurrentEditError, save_versioned
from ris_portal.snapshots import end_of_day

from .models import Narrative, NarrativeComment, Report

STATEWIDE = Narrative.Chapter.STATEWIDE
FIELD = Narrative.Chapter.FIELD
GOVERNANCE = Narrative.Chapter.GOVERNANCE
FIELD_PREFIX = "feld-"
KINDS = (Report.Kind.ANNUAL, Report.Kind.FINAL)
CLOSED_MESSAGE = gettext_lazy(
    "Der Bericht für dieses Jahr ist veröffentlicht; seine Einschätzungen können nicht mehr "
    "geändert oder kommentiert werden."
)


@dataclass
class ChapterRef:
    """One chapter of a report that can carry an assessment."""

    chapter: str
    field: SpecializationField | None = None
    narrative: Narrative | None = None

    @property
    def slug(self) -> str:
        return f"{FIELD_PREFIX}{self.field.slug}" if self.field else self.chapter

    @property
    def title(self) -> str:
        if self.field is not None:
            return self.field.name
        return str(Narrative.Chapter(self.chapter).label)

    @property
    def has_text(self) -> bool:
        return bool(self.narrative and self.narrative.text.strip())


# --- reads ------------------------------------------------------------------------------------
def narratives_open(*, kind: str, year: int) -> bool:
    """Editing and commenting end when a report of this kind and year is published."""
    return not Report.objects.filter(kind=kind, year=year, status=Report.Status.PUBLISHED).exists()


def narrative_chapters(*, kind: str, year: int, with_comment_counts: bool = False) -> list:
    """All chapters of the report in print order, each with its narrative (or None)."""
    from django.db.models import Count

    fields = list(SpecializationField.objects.live().order_by("order", "name"))
    narratives = Narrative.objects.live().filter(kind=kind, year=year).select_related("field")
    if with_comment_counts:
        narratives = narratives.annotate(comment_count=Count("comments"))
    by_key = {(n.chapter, n.field_id): n for n in narratives}
    refs = [ChapterRef(STATEWIDE, narrative=by_key.get((STATEWIDE, None)))]
    refs += [ChapterRef(FIELD, f, by_key.get((FIELD, f.pk))) for f in fields]
    refs.append(ChapterRef(GOVERNANCE, narrative=by_key.get((GOVERNANCE, None))))
    return refs


def chapter_from_slug(slug: str) -> ChapterRef | None:
    """`thueringen`, `governance` or `feld-<field slug>`; None if there is no such chapter."""
    if slug in (STATEWIDE, GOVERNANCE):
        return ChapterRef(slug)
    if slug.startswith(FIELD_PREFIX):
        field = (
            SpecializationField.objects.live().filter(slug=slug.removeprefix(FIELD_PREFIX)).first()
        )
        if field is not None:
            return ChapterRef(FIELD, field)
    return None


def narrative_for(*, kind: str, year: int, ref: ChapterRef) -> Narrative | None:
    return (
        Narrative.objects.live()
        .filter(kind=kind, year=year, chapter=ref.chapter, field=ref.field)
        .select_related("field")
        .first()
    )


def narratives_as_of(*, kind: str, year: int, stichtag: datetime.date) -> dict[tuple, str]:
    """{(chapter, field id): Markdown text} as the texts stood at the end of the Stichtag.

    One query over the history: the latest record of each narrative up to the Stichtag. A text
    archived by then, or created later, is absent.
    """
    records = (
        Narrative.history.filter(kind=kind, year=year, history_date__lt=end_of_day(stichtag))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "chapter", "field_id", "text", "is_archived", "history_type")
    )
    latest = {}
    for pk, chapter, field_id, text, archived, history_type in records:
        latest[pk] = (chapter, field_id, text, archived or history_type == "-")
    return {
        (chapter, field_id): text
        for chapter, field_id, text, gone in latest.values()
        if not gone and text.strip()
    }


# --- writes -----------------------------------------------------------------------------------
def _ensure_open(kind: str, year: int) -> None:
    if not narratives_open(kind=kind, year=year):
        raise ValidationError(str(CLOSED_MESSAGE), code="closed")


def narrative_save(
    *,
    kind: str,
    year: int,
    ref: ChapterRef,
    text: str,
    expected_version: int | None = None,
) -> Narrative:
    """Create the chapter's text or change it (optimistic locking against `expected_version`).

    Raises `ConcurrentEditError` when someone saved in between (also when someone created the
    text while this user was writing a new one), `ValidationError` when the report is published.
    """
    with transaction.atomic():
        _ensure_open(kind, year)
        existing = narrative_for(kind=kind, year=year, ref=ref)
        if existing is None:
            narrative = Narrative(
                kind=kind, year=year, chapter=ref.chapter, field=ref.field, text=text
            )
            narrative.full_clean()
            try:
                with transaction.atomic():
                    narrative.save()
            except IntegrityError:
                # A parallel first save won the unique constraint: treat it as an edit conflict.
                current = narrative_for(kind=kind, year=year, ref=ref)
                raise ConcurrentEditError(current, expected_version) from None
            return narrative
        existing.text = text
        existing.full_clean()
        # Loaded while the chapter was empty (version 0) but written meanwhile: a conflict.
        return save_versioned(existing, expected_version=expected_version)


def narrative_comment_create(*, narrative: Narrative, author, text: str) -> NarrativeComment:
    """A steering committee member (or staff) comments on the draft before publication."""
    with transaction.atomic():
        _ensure_open(narrative.kind, narrative.year)
        if not narrative.text.strip():
            raise ValidationError(_("Zu einem leeren Text kann nicht kommentiert werden."))
        comment = NarrativeComment(
            narrative=narrative,
            author=author,
            text=text.strip(),
            narrative_version=narrative.version,
        )
        comment.full_clean()
        comment.save()
    return comment
