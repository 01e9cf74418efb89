"""Journeys from "Meine Aufgaben": each role lands there after login and does its work from it.

The board member answers a review round, the steering committee decides a submitted goal, staff
publish an approved roadmap; every page passes the axe-core scan.
"""

import pytest

from fields.models import Roadmap
from governance.models import DevelopmentGoal, ReviewResponse, ReviewRound
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

EMAIL = {account.key: account.email for account in DEMO_ACCOUNTS}


def _open_task(ui, section: str, title: str):
    page = ui.page
    tasks = page.get_by_test_id(f"tasks-{section}")
    tasks.get_by_role("link", name=title).click()
    page.wait_for_load_state("load")
    ui.scan()


def test_board_member_answers_a_round_from_meine_aufgaben(ui, demo):
    round_ = ReviewRound.objects.get(title="Priorisierung der Handlungsbedarfe IPS 2026")
    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.page
    assert page.url.endswith("/aufgaben/")
    assert page.get_by_role("heading", name="Meine Aufgaben", level=1).is_visible()
    page.get_by_test_id("task-count").wait_for()  # the badge in the navigation (htmx)
    before = int(page.get_by_test_id("task-count").inner_text())
    ui.screenshot("meine-aufgaben-beirat")

    _open_task(ui, "rounds_to_answer", round_.title)
    items = page.get_by_test_id("review-item")
    for index in range(items.count()):
        items.nth(index).get_by_label("4", exact=True).check()
    ui.press("Bewertung absenden")
    assert ReviewResponse.objects.filter(item__round=round_, user__email=EMAIL["board"]).exists()

    ui.nav("Meine Aufgaben")
    ui.scan()
    assert page.get_by_test_id("tasks-rounds_to_answer").count() == 0
    badge = page.get_by_test_id("task-count")
    if before > 1:
        badge.wait_for()
        assert int(badge.inner_text()) == before - 1


def test_steering_committee_decides_from_meine_aufgaben(ui, demo):
    goal = DevelopmentGoal.objects.filter(status=DevelopmentGoal.Status.SUBMITTED).first()
    assert goal is not None, "the seed has a submitted goal"
    ui.login(EMAIL["steering"], DEMO_PASSWORD)
    page = ui.page
    assert page.url.endswith("/aufgaben/")
    _open_task(ui, "goals_to_decide", goal.title)
    page.get_by_label("beschließen", exact=True).check()
    ui.press("Entscheidung speichern")
    goal.refresh_from_db()
    assert goal.status == DevelopmentGoal.Status.APPROVED
    ui.nav("Meine Aufgaben")
    ui.scan()
    section = page.get_by_test_id("tasks-goals_to_decide")
    assert section.count() == 0 or goal.title not in section.inner_text()


def test_staff_publish_an_approved_roadmap_from_meine_aufgaben(ui, demo):
    roadmap = Roadmap.objects.filter(status=Roadmap.Status.APPROVED, is_archived=False).first()
    if roadmap is None:  # the seed may have published all approved ones: approve a draft
        roadmap = Roadmap.objects.filter(is_archived=False, is_current=True).first()
        Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.APPROVED)
    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.page
    assert page.url.endswith("/aufgaben/")
    ui.screenshot("meine-aufgaben-geschaeftsstelle")
    _open_task(ui, "roadmaps_to_publish", str(roadmap))
    ui.press("Veröffentlichen")
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.PUBLISHED


def test_ministry_sees_every_bodys_meetings_and_the_grouped_navigation(ui, demo):
    ui.login(EMAIL["ministry"], DEMO_PASSWORD)
    page = ui.page
    assert page.url.endswith("/aufgaben/")
    ui.nav("Meine Gremien")
    ui.scan()
    assert "Kommende Sitzungen aller Gremien" in page.locator("main").inner_text()
    ui.goto("/aufgaben/einstellungen/")
    ui.press("Kalenderadresse erstellen")
    assert "/kalender/" in page.get_by_test_id("feed-url").input_value()
