from django.db.models import Count, Prefetch, Q

from .models import Body, Membership


def body_list_public():
    return (
        Body.objects.filter(is_archived=False)
        .select_related("field")
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_archived=False)))
        .order_by("kind", "field__order", "name")
    )


def body_detail_public(slug: str):
    public_members = (
        Membership.objects.active()
        .filter(public_consent=True, is_archived=False)
        .select_related("user", "organisation")
    )
    return (
        Body.objects.filter(is_archived=False, slug=slug)
        .select_related("field")
        .prefetch_related(
            Prefetch("memberships", queryset=public_members, to_attr="public_members")
        )
    )
