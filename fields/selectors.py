"""Read access for the fields app: querysets with the joins their callers need."""

from django.db.models import Count, Q

from .models import SpecializationField, Theme


def field_list_public():
    return (
        SpecializationField.objects.filter(is_archived=False)
        .annotate(
            theme_count=Count("themes", filter=Q(themes__is_archived=False)),
            highlight_count=Count(
                "themes", filter=Q(themes__is_archived=False, themes__status=Theme.Status.HIGHLIGHT)
            ),
        )
        .order_by("order", "name")
    )


def theme_list_public(field: SpecializationField):
    """Themes shown on the public field page: no candidates, nothing archived."""
    return (
        Theme.objects.filter(field=field, is_archived=False)
        .exclude(status=Theme.Status.CANDIDATE)
        .prefetch_related("potentials")
        .order_by("-status", "name")
    )
