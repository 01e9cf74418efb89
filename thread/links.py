"""Who may follow a link to which object, and where it goes (public page or internal page).

`Viewer` bundles the user's roles with the page mode: on a public page only public objects are
named (even for staff, so that the page shows what the public sees); on an internal page every
object the role may open, each linked to the page the role can open (never a link into a 404).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from fields.models import Measure, Need, Roadmap, SpecializationField, Theme, ValueNetwork
from fields.selectors import STEERING_VISIBLE_STATUSES
from ris_portal.roles import ANONYMOUS_ROLES, UserRoles

PUBLIC_THEME_STATUSES = (Theme.Status.ACTIVE, Theme.Status.HIGHLIGHT, Theme.Status.DORMANT)


@dataclass(frozen=True)
class Viewer:
    roles: UserRoles = ANONYMOUS_ROLES
    public: bool = True

    def internals(self, field_id: int | None) -> bool:
        return not self.public and self.roles.can_view_field_internals(field_id)

    @property
    def staff(self) -> bool:
        return not self.public and self.roles.can_edit_content

    def sees_body(self, body_id: int) -> bool:
        if self.public:
            return False
        return self.roles.is_staff or self.roles.is_ministry or body_id in self.roles.body_ids


def field_url(viewer: Viewer, field: SpecializationField) -> str:
    if viewer.internals(field.pk):
        return reverse("fields:field_detail", kwargs={"pk": field.pk})
    return reverse("fields:field_public", kwargs={"slug": field.slug})


def theme_visible(viewer: Viewer, theme: Theme) -> bool:
    if viewer.internals(theme.field_id):
        return True
    return not theme.is_archived and theme.status in PUBLIC_THEME_STATUSES


def theme_url(viewer: Viewer, theme: Theme) -> str | None:
    if viewer.internals(theme.field_id):
        return reverse("fields:theme_detail", kwargs={"pk": theme.pk})
    return None


def network_url(viewer: Viewer, network: ValueNetwork, field_id: int) -> str | None:
    if viewer.internals(field_id):
        return reverse("fields:network_detail", kwargs={"pk": network.pk})
    return None


def need_url(viewer: Viewer, need: Need, field_id: int) -> str | None:
    if viewer.internals(field_id):
        return reverse("fields:need_detail", kwargs={"pk": need.pk})
    return None


def roadmap_visible(viewer: Viewer, roadmap: Roadmap, field_id: int) -> bool:
    return roadmap_url(viewer, roadmap, field_id) is not None


def roadmap_url(viewer: Viewer, roadmap: Roadmap, field_id: int) -> str | None:
    if not viewer.public:
        steering = viewer.roles.is_steering and roadmap.status in STEERING_VISIBLE_STATUSES
        if viewer.internals(field_id) or steering:
            return reverse("fields:roadmap_detail", kwargs={"pk": roadmap.pk})
    if roadmap.is_public and not roadmap.is_archived:
        return reverse("fields:roadmap_public", kwargs={"pk": roadmap.pk})
    return None


def measure_url(viewer: Viewer, measure: Measure, roadmap: Roadmap, field_id: int) -> str | None:
    if viewer.internals(field_id):
        return reverse("fields:measure_detail", kwargs={"pk": measure.pk})
    if roadmap.is_public and not roadmap.is_archived and not measure.is_archived:
        return reverse("fields:measure_public", kwargs={"pk": measure.pk})
    return None


def activity_url(viewer: Viewer, activity) -> str | None:
    if viewer.staff:
        return reverse("monitoring:activity_update", kwargs={"pk": activity.pk})
    return None


def indicator_url(viewer: Viewer, indicator) -> str:
    if viewer.staff:
        return reverse("monitoring:indicator_manage", kwargs={"pk": indicator.pk})
    return reverse("monitoring:indicator_public", kwargs={"code": indicator.code})


def decision_visible(viewer: Viewer, decision) -> bool:
    if decision.is_archived:
        return False
    return decision.is_public or viewer.sees_body(decision.body_id)


def decision_url(viewer: Viewer, decision) -> str:
    return reverse("governance:decision_detail", kwargs={"pk": decision.pk})


def recommendation_visible(viewer: Viewer, recommendation, roadmap: Roadmap | None) -> bool:
    """Mirror of `governance.selectors.recommendations_for` for one loaded row."""
    if recommendation.is_archived:
        return False
    given = recommendation.status == recommendation.Status.GIVEN
    if given and roadmap is not None and roadmap.is_public:
        return True
    if viewer.public:
        return False
    if viewer.sees_body(recommendation.body_id):
        return True
    return given and viewer.roles.is_steering


def review_item_url(viewer: Viewer, item) -> str | None:
    if viewer.sees_body(item.round.body_id):
        url = reverse("governance:review_detail", kwargs={"pk": item.round_id})
        return f"{url}#item-{item.pk}"
    return None


def report_url(report) -> str:
    return reverse("reports:report_detail", kwargs={"pk": report.pk})
