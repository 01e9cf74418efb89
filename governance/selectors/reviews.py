"""Review rounds (Priorisierung): rounds, items, answers, participation and results."""

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
)

from fields.models import Need, Roadmap, Theme
from ris_portal.models import live_q
from ris_portal.roles import UserRoles

from .. import models
from .bodies import visible_body_filter


def review_rounds_for(roles: UserRoles, *, user=None):
    queryset = models.ReviewRound.objects.live().select_related("body", "body__field")
    condition = visible_body_filter(roles)
    if condition is not None:
        queryset = queryset.filter(condition)
    queryset = queryset.annotate(item_count=Count("items", distinct=True)).order_by(
        "status", "-deadline", "-id"
    )
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            answered=Exists(
                models.ReviewResponse.objects.filter(item__round=OuterRef("pk"), user=user)
            )
        )
    return queryset


def review_items(round_: models.ReviewRound):
    return round_.items.select_related("need", "need__theme", "theme").order_by("order", "id")


def review_answers_of(round_: models.ReviewRound, user) -> dict[int, models.ReviewResponse]:
    return {
        response.item_id: response
        for response in models.ReviewResponse.objects.filter(item__round=round_, user=user)
    }


def review_participation(round_: models.ReviewRound) -> list[dict]:
    """Per active member: answered or not (live, for staff); no scores."""
    answered = set(
        models.ReviewResponse.objects.filter(item__round=round_).values_list("user_id", flat=True)
    )
    members = (
        models.Membership.objects.active()
        .live()
        .filter(body_id=round_.body_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    seen, rows = set(), []
    for membership in members:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        rows.append({"user": membership.user, "answered": membership.user_id in answered})
    return rows


def review_results(round_: models.ReviewRound) -> list[models.ReviewItem]:
    """Aggregates of a closed round, highest mean first; comments attached per item."""
    comments = models.ReviewResponse.objects.exclude(comment="").order_by("created_at")
    return list(
        review_items(round_)
        .prefetch_related(Prefetch("responses", queryset=comments, to_attr="comments"))
        .order_by("-mean", "order")
    )


def review_results_dataset(round_: models.ReviewRound):
    """The results of a closed round as a tablib Dataset (for CSV/XLSX export)."""
    import tablib
    from django.utils.translation import gettext as _

    dataset = tablib.Dataset(
        headers=[
            _("Art"),
            _("Gegenstand"),
            _("Thema"),
            _("Bewertungen"),
            _("Interessenkonflikte"),
            _("Mittelwert"),
            _("Median"),
            _("Streuung (SD)"),
            _("Adresse"),
        ]
    )
    site = settings.SITE_URL
    for item in review_results(round_):
        if item.need is not None:
            kind, theme, url = (
                _("Handlungsbedarf"),
                item.need.theme.name,
                item.need.get_absolute_url(),
            )
        else:
            assert item.theme is not None  # an item has a need or a theme (check constraint)
            kind, theme, url = _("Thema"), item.theme.name, item.theme.get_absolute_url()
        dataset.append(
            [
                kind,
                str(item.subject),
                theme,
                item.score_count,
                item.conflict_count,
                item.mean,
                item.median,
                item.spread,
                site + url,
            ]
        )
    return dataset


def needs_for_field(field_id: int):
    return (
        Need.objects.live()
        .filter(theme__field_id=field_id)
        .select_related("theme")
        .order_by("theme__name", "title")
    )


def themes_for_field(field_id: int):
    return Theme.objects.live().filter(field_id=field_id).order_by("name")


def review_results_for_needs(need_ids):
    """Closed review-round items about these needs (the results that set their priority)."""
    return (
        models.ReviewItem.objects.filter(
            live_q("round"),
            need_id__in=list(need_ids),
            round__status=models.ReviewRound.Status.CLOSED,
        )
        .select_related("round", "round__body", "need")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=models.ReviewResponse.objects.exclude(comment="").order_by("created_at"),
                to_attr="comments",
            )
        )
        .order_by("-round__closed_at", "-mean")
    )


def roadmap_need_ids(roadmap: Roadmap) -> set[int]:
    return set(
        # One filter() call: the live measure is the one on the roadmap (one join).
        Need.objects.live()
        .filter(live_q("measures"), measures__action_field__roadmap=roadmap)
        .values_list("pk", flat=True)
    )
