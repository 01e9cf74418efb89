"""UI defects of issue 15 that only a browser shows: overlapping toolbar links, scroll regions a
keyboard cannot reach, a stale message after an htmx action, the login page's layout."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fields.models import RelevanceAssessment, Roadmap
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}

# In each toolbar: the box of every link and button, grown by what it shows (its visible label
# and icon may overflow it), then every pair that overlaps and every label outside its button.
OVERLAPS = """() => {
  const found = [];
  const visible = el => [el, ...el.querySelectorAll('.kern-label:not(.kern-sr-only), .kern-icon')]
    .map(part => part.getBoundingClientRect()).filter(r => r.width > 1 && r.height > 1);
  for (const bar of document.querySelectorAll('.ris-toolbar')) {
    const items = [...bar.querySelectorAll('a, button')].map(el => {
      const rects = visible(el);
      const own = el.getBoundingClientRect();
      for (const r of rects) {
        if (r.left < own.left - 0.5 || r.right > own.right + 0.5) {
          found.push('outside its button: ' + el.textContent.trim());
        }
      }
      return {el, box: {
        left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
        top: Math.min(...rects.map(r => r.top)), bottom: Math.max(...rects.map(r => r.bottom)),
      }};
    }).filter(item => item.box.right > item.box.left);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i].box, b = items[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) {
          found.push(items[i].el.textContent.trim() + ' / ' + items[j].el.textContent.trim());
        }
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [1280, 360])
def test_roadmap_toolbar_links_do_not_overlap(ui, demo, width):
    roadmap = Roadmap.objects.filter(status=Roadmap.Status.DRAFT, is_archived=False).first()
    ui.page.set_viewport_size({"width": width, "height": 900})
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto(reverse("fields:roadmap_detail", kwargs={"pk": roadmap.pk}))
    toolbars = ui.page.locator(".ris-toolbar")
    assert toolbars.count() >= 3  # the roadmap's, and one per action field and measure
    assert ui.page.evaluate(OVERLAPS) == []


def test_read_only_theme_page_scroll_region_is_reachable_by_keyboard(ui, demo):
    theme = RelevanceAssessment.objects.filter(theme__field__code="IPS").first().theme
    ui.page.set_viewport_size({"width": 360, "height": 800})
    ui.login(ACCOUNTS["board"].email, DEMO_PASSWORD)
    ui.goto(reverse("fields:theme_detail", kwargs={"pk": theme.pk}))  # axe scan included
    region = ui.page.locator(
        "#assessments ~ .kern-table-responsive, section .kern-table-responsive"
    )
    region = region.first
    # The condition axe checks only exists when the table really scrolls.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.locator("a, button").count() == 0  # no edit links for a board member
    region.focus()
    assert ui.page.evaluate("document.activeElement.classList.contains('kern-table-responsive')")


def test_adding_a_measure_with_htmx_removes_the_previous_message(ui, demo):
    roadmap = Roadmap.objects.filter(status=Roadmap.Status.DRAFT, is_archived=False).first()
    page = ui.page
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto(reverse("fields:roadmap_update", kwargs={"pk": roadmap.pk}))
    page.get_by_label("Titel").fill(roadmap.title + " (überarbeitet)")
    ui.press("Speichern", exact=True)
    saved = page.locator("#ris-messages").get_by_text("Ihre Änderungen wurden gespeichert.")
    expect(saved).to_be_visible()

    action_field = page.get_by_test_id("action-field").first
    action_field.locator("summary").click()
    form = page.get_by_test_id("measure-create-1")
    form.get_by_label("Titel").fill("Neue Maßnahme per htmx")
    form.get_by_role("button", name="Maßnahme hinzufügen").click()
    expect(page.get_by_role("link", name="Neue Maßnahme per htmx", exact=True)).to_be_visible()
    expect(saved).to_have_count(0)
    ui.scan()


def test_login_page_layout_and_text(ui, demo):
    page = ui.page
    ui.goto("/accounts/login/")
    expect(page.get_by_text("registrieren")).to_have_count(0)
    label = page.locator('label[for="id_password"]').bounding_box()
    field = page.locator("#id_password").bounding_box()
    link = page.get_by_role("link", name="Passwort vergessen?").bounding_box()
    # Nothing between the label and its field: the link comes after the field.
    assert link["y"] > field["y"] + field["height"] - 1
    assert field["y"] >= label["y"] + label["height"] - 1
