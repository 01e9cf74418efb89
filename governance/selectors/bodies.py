"""Bodies and memberships: the public pages of the bodies, one's own memberships."""

from django.db.models import (
    Case,
    Prefetch,
    Q,
    When,
)
from django.utils import timezone

from ris_portal.roles import UserRoles

from .. import models


def body_list_public():
    return (
        models.Body.objects.live().select_related("field").order_by("kind", "field__order", "name")
    )


def memberships_public():
    """Members named in public: active today, not archived, with their consent."""
    return (
        models.Membership.objects.active()
        .live()
        .filter(public_consent=True)
        .select_related("user", "organisation")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def bodies_public_with_members():
    """Public bodies with `public_members` (API, open data; the body page uses the same rule)."""
    return (
        models.Body.objects.live()
        .select_related("field")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships_public(), to_attr="public_members")
        )
    )


def body_detail_public(slug: str):
    return bodies_public_with_members().filter(slug=slug)


def body_members_all(body: models.Body):
    """All memberships of a body (staff view): current ones first, then those that have ended."""
    has_ended = Case(When(end__lt=timezone.localdate(), then=True), default=False)
    return (
        body.memberships.select_related("user", "organisation")
        .annotate(has_ended=has_ended)
        .order_by("is_archived", "has_ended", "role", "user__last_name", "pk")
    )


def my_memberships(user):
    return (
        models.Membership.objects.active()
        .live("body")
        .filter(user=user)
        .select_related("body", "body__field")
        .order_by("body__kind", "body__name")
    )


def visible_body_filter(roles: UserRoles, path: str = "body_id") -> Q | None:
    """The bodies whose work (meetings, rounds, decisions) the role sees: None = all of them
    (staff, ministry), else the bodies the role is an active member of."""
    if roles.is_staff or roles.is_ministry:
        return None
    return Q(**{f"{path}__in": roles.body_ids})
