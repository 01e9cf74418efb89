"""Read access for the fields app: querysets with the joins their callers need."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from ris_portal.models import live_q
from ris_portal.permissions import scope_to_internal_fields

from . import models

# Roadmaps the steering committee sees in the workspace: once they have been submitted to it.
STEERING_VISIBLE_STATUSES = (
    models.Roadmap.Status.SUBMITTED,
    models.Roadmap.Status.APPROVED,
    models.Roadmap.Status.PUBLISHED,
    models.Roadmap.Status.RETURNED,
)


def field_list_public():
    return (
        models.SpecializationField.objects.live()
        .annotate(
            theme_count=Count("themes", filter=live_q("themes")),
            highlight_count=Count(
                "themes", filter=live_q("themes") & Q(themes__status=models.Theme.Status.HIGHLIGHT)
            ),
        )
        .order_by("order", "name")
    )


def theme_list_public(field: models.SpecializationField | None = None):
    """Public themes (field page, API, open data): no candidates, nothing archived.

    Without a field: the public themes of all public (not archived) fields.
    """
    queryset = (
        models.Theme.objects.live("field")
        .exclude(status=models.Theme.Status.CANDIDATE)
        .prefetch_related("potentials")
    )
    if field is not None:
        return queryset.filter(field=field).order_by("-status", "name")
    return queryset.select_related("field").prefetch_related("related_fields").order_by("pk")


# --- workspace ------------------------------------------------------------------------------
# Every function takes the user's roles and scopes to the fields whose internals they may see;
# callers then use get_object_or_404 on the result (out of scope answers 404).


def _scoped(queryset, roles, field_path: str):
    return scope_to_internal_fields(queryset, roles, field_path)


def field_list_workspace(roles):
    return _scoped(
        models.SpecializationField.objects.annotate(
            theme_count=Count("themes", filter=live_q("themes"), distinct=True),
        ).order_by("order", "name"),
        roles,
        "id",
    )


def theme_list_workspace(roles):
    return _scoped(
        models.Theme.objects.select_related("field")
        .annotate(
            assessment_count=Count("assessments", filter=live_q("assessments"), distinct=True)
        )
        .order_by("field__order", "name"),
        roles,
        "field",
    )


def theme_detail_workspace(roles):
    return _scoped(
        models.Theme.objects.select_related("field").prefetch_related(
            "related_fields", "potentials"
        ),
        roles,
        "field",
    )


def assessment_scope(roles):
    return _scoped(
        models.RelevanceAssessment.objects.select_related("theme__field", "author"),
        roles,
        "theme__field",
    )


def actor_list_workspace():
    return models.Actor.objects.prefetch_related("fields")


def network_list_workspace(roles):
    return _scoped(
        models.ValueNetwork.objects.select_related("theme__field")
        .annotate(member_count=Count("memberships", filter=live_q("memberships"), distinct=True))
        .order_by("name"),
        roles,
        "theme__field",
    )


def network_detail_workspace(roles):
    return _scoped(
        models.ValueNetwork.objects.select_related("theme__field"), roles, "theme__field"
    )


def membership_scope(roles):
    return _scoped(
        models.NetworkMembership.objects.select_related("network__theme__field", "actor"),
        roles,
        "network__theme__field",
    )


def need_list_workspace(roles):
    return _scoped(
        models.Need.objects.select_related("theme__field", "network"), roles, "theme__field"
    )


def _roadmap_scoped(queryset, roles, roadmap_path: str = ""):
    """Roadmaps (or their parts, `roadmap_path` leads to the roadmap) the role may see.

    The field's internal audience sees every state; the steering committee, in addition,
    the roadmaps of any field once they are submitted to it. One rule for the roadmap, its
    action fields and measures, so that no page shows a part of a roadmap that the roadmap's
    own page would refuse.
    """
    prefix = f"{roadmap_path}__" if roadmap_path else ""
    field_ids = roles.internal_field_ids()
    if field_ids is None:
        return queryset
    condition = Q(**{f"{prefix}network__theme__field__in": field_ids})
    if roles.is_steering:
        condition |= Q(**{f"{prefix}status__in": STEERING_VISIBLE_STATUSES})
    return queryset.filter(condition)


def roadmap_list_workspace(roles):
    return _roadmap_scoped(models.Roadmap.objects.select_related("network__theme__field"), roles)


def roadmap_other_versions(roadmap: models.Roadmap, roles):
    """The other Fassungen of the roadmap's network that the role may see."""
    return roadmap_list_workspace(roles).filter(network=roadmap.network_id).exclude(pk=roadmap.pk)


def action_field_scope(roles):
    return _roadmap_scoped(
        models.ActionField.objects.select_related("roadmap__network__theme__field"),
        roles,
        "roadmap",
    )


def measure_list_workspace(roles):
    return _roadmap_scoped(
        models.Measure.objects.select_related("action_field__roadmap__network__theme__field"),
        roles,
        "action_field__roadmap",
    )


def _measures_prefetch() -> Prefetch:
    return Prefetch(
        "measures",
        queryset=models.Measure.objects.live().prefetch_related("responsible_actors", "needs"),
    )


def roadmap_structure(roadmap: models.Roadmap):
    """Action fields with their measures (actors, needs) for the roadmap pages."""
    return roadmap.action_fields.live().prefetch_related(_measures_prefetch())


def roadmaps_with_structure(queryset):
    """Roadmaps with their action fields and measures as `structure` (a constant number of
    queries for any number of roadmaps; same rows as `roadmap_structure`)."""
    return queryset.prefetch_related(
        Prefetch(
            "action_fields",
            queryset=models.ActionField.objects.live().prefetch_related(_measures_prefetch()),
            to_attr="structure",
        )
    )


def roadmap_comments(roadmap: models.Roadmap):
    return roadmap.comments.select_related("author")


def portfolio_rows(field: models.SpecializationField, sort: str = "name"):
    """Themes of a field with their latest assessment, for the portfolio table and chart."""
    latest = (
        models.RelevanceAssessment.objects.live()
        .filter(theme=OuterRef("pk"))
        .order_by("-assessed_on", "-id")
    )
    themes = (
        models.Theme.objects.live()
        .filter(field=field)
        .annotate(
            **{
                name: Subquery(latest.values(name)[:1])
                for name, _label in models.ASSESSMENT_CRITERIA
            },
            assessed_on=Subquery(latest.values("assessed_on")[:1]),
        )
    )
    rows = list(themes)
    for row in rows:
        scores = [getattr(row, name) for name, _label in models.ASSESSMENT_CRITERIA]
        row.assessed = all(score is not None for score in scores)
        row.mean = sum(scores) / len(scores) if row.assessed else None
    sort_keys = {name for name, _label in models.ASSESSMENT_CRITERIA} | {"mean"}
    if sort in sort_keys:
        rows.sort(key=lambda r: (getattr(r, sort) is None, -(getattr(r, sort) or 0), r.name))
    else:
        rows.sort(key=lambda r: r.name)
    return rows


# --- public ---------------------------------------------------------------------------------


def roadmap_list_public(field: models.SpecializationField | None = None):
    """Published roadmaps; per network only the newest published Fassung."""
    newest = (
        models.Roadmap.objects.live()
        .filter(network=OuterRef("network"), status=models.Roadmap.Status.PUBLISHED)
        .order_by("-number")
        .values("pk")[:1]
    )
    queryset = (
        models.Roadmap.objects.live()
        .filter(status=models.Roadmap.Status.PUBLISHED, pk=Subquery(newest))
        .select_related("network__theme")
    )
    if field is not None:
        queryset = queryset.filter(network__theme__field=field)
    return queryset.order_by("network__name")


def network_list_public(field: models.SpecializationField | None = None):
    """Networks around public themes (no candidates, nothing archived); all fields or one."""
    return (
        models.ValueNetwork.objects.live()
        .filter(theme__in=theme_list_public(field))
        .select_related("theme")
    )


def roadmaps_published():
    """Every published Fassung (the public roadmap page shows older published ones too)."""
    return (
        models.Roadmap.objects.live()
        .filter(status=models.Roadmap.Status.PUBLISHED)
        .select_related("network__theme__field")
    )


def roadmap_public(pk: int):
    return roadmaps_published().filter(pk=pk)


def measure_public(pk: int):
    """A measure of a published roadmap (nothing archived on the way)."""
    return (
        models.Measure.objects.live("action_field", "action_field__roadmap")
        .filter(pk=pk, action_field__roadmap__status=models.Roadmap.Status.PUBLISHED)
        .select_related("action_field__roadmap__network__theme__field")
        .prefetch_related("responsible_actors")
    )
