"""Real-browser fixtures: Playwright drives Debian's Chromium against the live server.

Every page a test visits must pass an axe-core scan (WCAG 2.1 A/AA): the `ui` fixture records
each navigation and, at teardown, fails the test if a visited page was never scanned.
Pages may make no requests outside the live server; any attempt fails the test.

With CI=true the tests must run (a missing Chromium is an error); elsewhere they skip visibly.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still
# synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"Browser tests must run in CI: {reason}")
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev dependency missing
        _unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class UI:
    """A page plus the accessibility bookkeeping."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.scanned: set[str] = set()
        self.external_requests: list[str] = []
        self.csp_violations: list[str] = []

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def goto(self, path: str):
        self.page.goto(self.url(path))
        self.scan()
        return self.page

    def scan(self) -> None:
        """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE_JS))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        assert not violations, (
            f"axe-core: WCAG violations on {self.page.url}:\n{json.dumps(violations, indent=2)}"
        )
        self.scanned.add(self._key(self.page.url))

    def follow(self, name, **options):
        """Click the link `name` (options as for `get_by_role`), wait for the page, scan it."""
        self.page.get_by_role("link", name=name, **options).click()
        self.scan()

    def press(self, name, **options):
        """Click the button `name` (options as for `get_by_role`), wait for the page, scan it."""
        self.page.get_by_role("button", name=name, **options).click()
        self.scan()

    def login(self, email: str, password: str):
        self.goto("/accounts/login/")
        self.page.get_by_label("E-Mail-Adresse").fill(email)
        self.page.get_by_label("Passwort", exact=True).fill(password)
        self.page.get_by_role("button", name="Anmelden").click()
        self.page.wait_for_load_state("load")
        self.scan()

    def nav(self, name: str):
        """Follow a main-navigation link; links of a menu group open their group first."""
        import re

        nav = self.page.get_by_role("navigation", name="Hauptnavigation")
        menu = nav.locator("details").filter(has=self.page.locator(f'a:text-is("{name}")'))
        if menu.count() and not menu.first.evaluate("d => d.open"):
            menu.first.locator("summary").click()
        # The name may be followed by a count ("Meine Aufgaben 3 (3 offene Punkte)").
        nav.get_by_role("link", name=re.compile(rf"^{re.escape(name)}(\s|$)")).click()
        self.page.wait_for_load_state("load")

    def logout(self):
        self.page.get_by_role("button", name="Abmelden").first.click()
        self.page.wait_for_load_state("load")
        self.scan()

    def screenshot(self, name: str) -> None:
        """Screenshots for the user guide in docs/; only when RIS_SCREENSHOTS=1."""
        if os.environ.get("RIS_SCREENSHOTS") == "1":
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)

    @staticmethod
    def _key(url: str) -> str:
        return url.split("#")[0]


def new_context(browser):
    """A German browser context with axe-core and a CSP watcher as init scripts.

    Init scripts are exempt from the page's CSP (a script tag added later would be blocked),
    and every page reports what the CSP refused. Tests that need a second person use this too.
    """
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE_JS))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' on ' "
        "+ e.documentURI));"
    )
    return context


@pytest.fixture
def ui(browser, live_server):
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(15000)
    helper = UI(page, live_server.url)

    def guard(route):
        if route.request.url.startswith(live_server.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            helper.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on(
        "console",
        lambda message: (
            helper.csp_violations.append(message.text)
            if "CSP violation" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "framenavigated",
        lambda frame: (
            helper.visited.append(UI._key(frame.url)) if frame == page.main_frame else None
        ),
    )
    yield helper
    context.close()
    assert not helper.external_requests, f"External requests: {helper.external_requests}"
    assert not helper.csp_violations, f"Refused by the CSP: {helper.csp_violations}"
    unscanned = sorted(
        {u for u in helper.visited if u not in helper.scanned and u != "about:blank"}
    )
    assert not unscanned, f"Pages visited without an axe-core scan: {unscanned}"


@pytest.fixture
def demo(transactional_db):
    """The seed data and demo accounts, as `seed_demo` loads them."""
    from ris_portal.seed import seed_all

    return seed_all()
