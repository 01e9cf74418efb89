"""Reads for reports."""

from django.db.models import QuerySet

from ris_portal.roles import UserRoles

from .models import Report


def report_list_published(*, kind: str = "", year: int | None = None) -> QuerySet[Report]:
    reports = Report.objects.filter(status=Report.Status.PUBLISHED)
    if kind:
        reports = reports.filter(kind=kind)
    if year:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "kind", "-number")


def report_published_years() -> list[int]:
    return list(
        Report.objects.filter(status=Report.Status.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def report_list_all(*, status: str = "", year: int | None = None) -> QuerySet[Report]:
    reports = Report.objects.select_related("requested_by")
    if status:
        reports = reports.filter(status=status)
    if year:
        reports = reports.filter(year=year)
    return reports.order_by("-requested_at", "-id")


def report_visible_to(roles: UserRoles) -> QuerySet[Report]:
    """Published reports for everybody; drafts for the ministry, steering committee and staff."""
    if roles.can_view_draft_reports:
        return Report.objects.select_related("requested_by", "published_by")
    return Report.objects.filter(status=Report.Status.PUBLISHED)
