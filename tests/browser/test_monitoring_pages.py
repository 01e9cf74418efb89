"""Every monitoring page passes axe-core with the seed data; roles see the right navigation."""

import pytest

from monitoring.models import Activity, Indicator, IndicatorValue
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}


def _nav_keys(page) -> set[str]:
    return set(
        page.locator("nav[aria-label='Hauptnavigation'] a").evaluate_all(
            "links => links.map(a => a.dataset.nav)"
        )
    )


def test_staff_monitoring_pages_are_accessible(ui, demo):
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    assert {"dashboard", "activities", "import", "indicators"} <= _nav_keys(ui.page)
    activity = Activity.objects.live().first()
    indicator = Indicator.objects.get(code="MON-RD-PROJECTS")
    value = IndicatorValue.objects.filter(indicator=indicator).first()
    for path in (
        "/verwaltung/aktivitaeten/",
        "/verwaltung/aktivitaeten/?kind=studie&year=2024",
        "/verwaltung/aktivitaeten/neu/",
        f"/verwaltung/aktivitaeten/{activity.pk}/",
        f"/verwaltung/aktivitaeten/{activity.pk}/archivieren/",
        "/verwaltung/import/",
        f"/verwaltung/indikatoren/{indicator.pk}/",
        f"/verwaltung/indikatoren/{indicator.pk}/werte/neu/",
        f"/verwaltung/indikatoren/{indicator.pk}/ziele/neu/",
        f"/verwaltung/indikatorwerte/{value.pk}/",
        "/verwaltung/berichtsjahre/",
        "/dashboard/industrielle-produktion/",
        "/indikatoren/MON-RD-PROJECTS/",
    ):
        ui.goto(path)
    # No report is published in the seed data: the public page shows no values yet.
    assert ui.page.get_by_text("noch keine Werte veröffentlicht").is_visible()


def test_ministry_sees_dashboards_but_not_the_staff_tools(ui, demo):
    ui.login(ACCOUNTS["ministry"].email, DEMO_PASSWORD)
    keys = _nav_keys(ui.page)
    assert "dashboard" in keys
    assert not {"activities", "import"} & keys
    page = ui.goto("/dashboard/")
    assert page.locator("svg[role='img']").count() >= 3
    assert page.get_by_text("auf Kurs").or_(page.get_by_text("hinter Plan")).first.is_visible()
