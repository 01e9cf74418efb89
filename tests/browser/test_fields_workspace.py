"""Flow 1 in a real browser: staff build a theme, its network and roadmap, with history."""

import pytest
from playwright.sync_api import expect

from fields.models import Measure, RelevanceAssessment, Roadmap, Theme
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

STAFF = next(a for a in DEMO_ACCOUNTS if a.key == "staff")


def _submit(ui, name="Speichern"):
    ui.page.get_by_role("button", name=name, exact=True).click()
    ui.page.wait_for_load_state("load")
    ui.scan()


def _add_measure(ui, section: int, title: str, description: str = ""):
    page = ui.page
    action_field = page.get_by_test_id("action-field").nth(section)
    action_field.locator("summary").click()
    form = page.get_by_test_id(f"measure-create-{section + 1}")
    form.get_by_label("Titel").fill(title)
    if description:
        form.get_by_label("Beschreibung (Markdown)").fill(description)
    form.get_by_role("button", name="Maßnahme hinzufügen").click()
    expect(
        page.get_by_test_id("action-field").nth(section).get_by_role("link", name=title, exact=True)
    ).to_be_visible()


def test_staff_build_theme_network_and_roadmap_and_restore_a_measure(ui, demo):
    page = ui.page
    ui.login(STAFF.email, DEMO_PASSWORD)

    # A theme …
    ui.goto("/arbeitsbereich/themen/neu/")
    page.get_by_label("Spezialisierungsfeld").select_option(
        label="Industrielle Produktion und Systeme"
    )
    page.get_by_label("Name", exact=True).fill("Photonische Quantentechnologien")
    page.get_by_label("Kürzel (URL)").fill("ips-quantentechnologien")
    page.get_by_label("Status").select_option(label="aktiv")
    page.get_by_label("Beschreibung (Markdown)").fill("Quantensensorik **made in Thüringen**.")
    page.get_by_test_id("preview-description").click()
    expect(page.locator("#id_description_preview strong")).to_have_text("made in Thüringen")
    ui.scan()
    _submit(ui)
    expect(page.get_by_role("heading", level=1)).to_have_text("Photonische Quantentechnologien")
    theme = Theme.objects.get(slug="ips-quantentechnologien")

    # … assessed on the four criteria …
    page.get_by_role("link", name="Thema bewerten").click()
    ui.scan()
    for label, score in (
        ("Erkennbare Spezialisierungsvorteile für Thüringen", "5"),
        ("Ausreichend wissenschaftliche und/oder wirtschaftliche Akteure", "4"),
        ("Hohe Anwendungsrelevanz für künftige Herausforderungen", "4"),
        ("Hohes Zukunfts- und Wachstumspotenzial", "5"),
    ):
        page.get_by_role("group", name=label).get_by_label(score, exact=True).check()
    page.get_by_label("Begründung").fill("Starke Forschungsbasis in Jena.")
    _submit(ui, "Bewertung speichern")
    expect(page.get_by_test_id("assessment")).to_have_count(1)
    assessment = RelevanceAssessment.objects.get(theme=theme)
    assert assessment.scores == [5, 4, 4, 5]

    # … marked a highlight.
    ui.press("Als Highlight markieren")
    expect(page.get_by_test_id("theme-status")).to_contain_text("Highlight")
    theme.refresh_from_db()
    assert theme.status == Theme.Status.HIGHLIGHT

    # A value network with two actors.
    page.get_by_role("link", name="Netzwerk zu diesem Thema anlegen").click()
    ui.scan()
    page.get_by_label("Name").fill("Quantennetzwerk Jena")
    page.get_by_label("Kürzel (URL)").fill("quantennetzwerk-jena")
    _submit(ui)
    for actor, role in (
        ("Demo: Institut für angewandte Photonik", "Forschung und Entwicklung"),
        ("Demo: Optikwerk Muster GmbH", "Hersteller/Systemintegrator"),
    ):
        page.get_by_label("Akteur", exact=True).select_option(label=actor)
        page.get_by_label("Rolle in der Wertschöpfungskette", exact=True).select_option(label=role)
        _submit(ui, "Hinzufügen")
    expect(page.get_by_test_id("members").locator("tbody tr")).to_have_count(2)

    # A need of the network.
    page.get_by_role("link", name="Handlungsbedarf anlegen").click()
    ui.scan()
    page.get_by_label("Titel").fill("Reinraumkapazität fehlt")
    page.get_by_label("Art").select_option(label="Engpass")
    _submit(ui)
    expect(page.get_by_role("heading", level=1)).to_have_text("Reinraumkapazität fehlt")

    # A roadmap with two action fields and three measures, edited in place.
    # The need names its network twice: in its facts and in the golden-thread panel.
    page.get_by_role("link", name="Quantennetzwerk Jena").first.click()
    ui.scan()
    page.get_by_role("link", name="Roadmap anlegen").click()
    ui.scan()
    page.get_by_label("Titel").fill("Roadmap Quantentechnologien 2026")
    _submit(ui)
    roadmap = Roadmap.objects.get(title="Roadmap Quantentechnologien 2026")
    for title in ("Forschung in die Anwendung", "Fachkräfte"):
        form = page.get_by_test_id("action-field-create")
        form.get_by_label("Titel").fill(title)
        form.get_by_role("button", name="Handlungsfeld hinzufügen").click()
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    _add_measure(ui, 0, "Demonstrator Quantensensor", "Erste Fassung des Textes")
    _add_measure(ui, 0, "Transferwerkstatt")
    _add_measure(ui, 1, "Masterstudiengang Quantentechnik")
    ui.scan()
    assert Measure.objects.filter(action_field__roadmap=roadmap).count() == 3

    # Ordering: move the second measure up.
    page.get_by_role("button", name="Nach oben: Transferwerkstatt").click()
    expect(page.get_by_test_id("measure").first).to_contain_text("Transferwerkstatt")

    # Edit a measure in place.
    measure = Measure.objects.get(title="Demonstrator Quantensensor")
    item = page.locator(f"#measure-{measure.pk}")
    item.get_by_test_id("measure-edit").click()
    editor = page.locator(f"#measure-{measure.pk} form")
    expect(editor).to_be_visible()
    ui.scan()
    editor.get_by_label("Beschreibung (Markdown)").fill("Zweite Fassung des Textes")
    editor.get_by_role("button", name="Speichern").click()
    expect(page.locator(f"#measure-{measure.pk}")).to_contain_text("Zweite Fassung des Textes")
    ui.scan()

    # History: who/when/what, and restore the earlier text.
    page.get_by_role("link", name="Demonstrator Quantensensor", exact=True).click()
    ui.scan()
    page.get_by_role("link", name="Verlauf").click()
    ui.scan()
    expect(page.get_by_test_id("history-entry").first).to_contain_text("Greta Geschäftsstelle")
    expect(page.locator("ins.ris-diff-ins").first).to_contain_text("Zweite")
    page.locator("[data-testid^='restore-']").last.click()
    expect(page.get_by_role("heading", name="Früheren Stand wiederherstellen?")).to_be_visible()
    ui.scan()
    page.get_by_test_id("restore-confirm").click()
    page.wait_for_load_state("load")
    ui.scan()
    expect(page.get_by_text("Der frühere Stand wurde wiederhergestellt.")).to_be_visible()
    page.get_by_role("link", name="Zurück zum Eintrag").click()
    ui.scan()
    expect(page.get_by_test_id("measure-description")).to_have_text("Erste Fassung des Textes")
    measure.refresh_from_db()
    assert measure.description == "Erste Fassung des Textes"
