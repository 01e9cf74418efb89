"""Two people edit the same roadmap in real browsers: the refused save merges, nothing is lost."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fields.models import Roadmap
from ris_portal.roles import GROUP_STAFF
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import UI, new_context
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

STAFF = next(a for a in DEMO_ACCOUNTS if a.key == "staff")


def _save(ui):
    ui.page.get_by_role("button", name="Speichern", exact=True).click()
    ui.page.wait_for_load_state("load")
    ui.scan()


def test_a_refused_roadmap_save_shows_both_changes_and_marks_a_collision(ui, demo, browser):
    roadmap = Roadmap.objects.live().filter(status=Roadmap.Status.DRAFT).first()
    url = reverse("fields:roadmap_update", kwargs={"pk": roadmap.pk})
    UserFactory(username="kollegin@example.org", groups=[GROUP_STAFF])
    context = new_context(browser)
    colleague = UI(context.new_page(), ui.base_url)
    try:
        ui.login(STAFF.email, DEMO_PASSWORD)
        colleague.login("kollegin@example.org", "Sicheres-Passwort-1")
        ui.goto(url)
        colleague.goto(url)

        # A renames the roadmap; B, on the same version, rewrites the summary.
        ui.page.get_by_label("Titel").fill("Roadmap mit neuem Titel")
        _save(ui)
        colleague.page.get_by_label("Zusammenfassung").fill("Zusammenfassung der Kollegin")
        _save(colleague)
        page = colleague.page
        expect(page.get_by_test_id("conflict")).to_be_visible()
        expect(page.get_by_label("Titel")).to_have_value("Roadmap mit neuem Titel")
        expect(page.get_by_label("Zusammenfassung")).to_have_value("Zusammenfassung der Kollegin")
        _save(colleague)  # the merged form: saved, both changes kept
        roadmap.refresh_from_db()
        assert (roadmap.title, roadmap.summary) == (
            "Roadmap mit neuem Titel",
            "Zusammenfassung der Kollegin",
        )

        # Both change the title: B's form marks it and keeps A's value until B decides.
        ui.goto(url)
        colleague.goto(url)
        ui.page.get_by_label("Titel").fill("Titel von A")
        _save(ui)
        page.get_by_label("Titel").fill("Titel von B")
        _save(colleague)
        expect(page.get_by_test_id("conflict-collisions")).to_be_visible()
        expect(page.get_by_label("Titel")).to_have_value("Titel von A")
        expect(page.get_by_text("Ihre Eingabe war: „Titel von B“", exact=False)).to_be_visible()
        roadmap.refresh_from_db()
        assert roadmap.title == "Titel von A"
    finally:
        context.close()
