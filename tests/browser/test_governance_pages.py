"""Forum registration with waiting list, and an axe-checked tour of the governance pages."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import DevelopmentGoal, ForumEvent, Meeting, Membership, Registration
from governance.seed import UPCOMING_MEETING
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.governance.factories import MeetingDocumentFactory, MeetingFactory

pytestmark = pytest.mark.browser

EMAIL = {account.key: account.email for account in DEMO_ACCOUNTS}


def _register(ui, name, email):
    """Register on the event page, then open the link from the e-mail and confirm."""
    page = ui.page
    event_url = page.url
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen").check()
    ui.press("Verbindlich anmelden")
    assert page.get_by_text("Bitte bestätigen Sie Ihre Anmeldung").is_visible()
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    link = re.search(r"https?://\S+/anmeldung-bestaetigen/\S+/", message.body)[0]
    ui.goto(urlparse(link).path)
    page.get_by_test_id("registration-confirm").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.url == event_url


def test_visitors_register_for_a_forum_event_until_the_waiting_list(ui, demo):
    event = ForumEvent.objects.get(slug="ris-forum-2026")
    event.capacity = 1
    event.save()
    page = ui.goto("/veranstaltungen/")
    ui.follow(event.title)
    _register(ui, "Erika Muster", "erika@example.org")
    assert page.get_by_text("Ihre Anmeldung ist bestätigt").is_visible()
    _register(ui, "Max Muster", "max@example.org")
    assert page.get_by_text("Sie stehen auf der Warteliste").is_visible()
    assert list(
        Registration.objects.filter(event=event).order_by("id").values_list("status", flat=True)
    ) == ["bestaetigt", "warteliste"]

    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    ui.goto(f"/verwaltung/veranstaltungen/{event.pk}/teilnehmende/")
    assert "erika@example.org" in page.locator("main").inner_text()


def test_staff_and_members_pages_pass_accessibility_checks(ui, demo):
    meeting = Meeting.objects.get(title="3. Sitzung des Strategiebeirats IPS")
    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    for path in (
        "/gremien/",
        "/gremien/beschluesse/",
        f"/verwaltung/gremien/{meeting.body.slug}/",
        f"/verwaltung/gremien/{meeting.body.slug}/bearbeiten/",
        f"/verwaltung/gremien/{meeting.body.slug}/mitglied-neu/",
        f"/verwaltung/gremien/{meeting.body.slug}/sitzung-neu/",
        f"/priorisierung/neu/{meeting.body.slug}/",
        "/verwaltung/sitzungen/",
        meeting.get_absolute_url(),
        f"/verwaltung/sitzungen/{meeting.pk}/unterlage-neu/",
        f"/verwaltung/sitzungen/{meeting.pk}/teilnahme/",
        f"/verwaltung/sitzungen/{meeting.pk}/beschluss-neu/",
        f"/verwaltung/sitzungen/{meeting.pk}/top-neu/",
        f"/verwaltung/sitzungen/{meeting.pk}/einladen/",
        "/entwicklungsziele/",
        "/entwicklungsziele/neu/",
        *[goal.get_absolute_url() for goal in DevelopmentGoal.objects.all()],
        "/verwaltung/veranstaltungen/",
        "/verwaltung/veranstaltungen/neu/",
        f"/verwaltung/veranstaltungen/{ForumEvent.objects.get(slug='ris-forum-2026').pk}/absagen/",
        "/priorisierung/",
    ):
        ui.goto(path)
    # An item of the upcoming meeting (its agenda is open): the meeting page with the item's
    # links, the item's edit and remove pages (not sent back to the meeting page).
    upcoming = Meeting.objects.get(title=UPCOMING_MEETING)
    item = upcoming.agenda_items.live().first()
    ui.goto(upcoming.get_absolute_url())
    for path in (
        f"/verwaltung/tagesordnungspunkte/{item.pk}/bearbeiten/",
        f"/verwaltung/tagesordnungspunkte/{item.pk}/entfernen/",
    ):
        assert urlparse(ui.goto(path).url).path == path
    ui.logout()

    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.goto("/meine-gremien/")
    assert (
        "Strategiebeirat Industrielle Produktion und Systeme" in page.locator("main").inner_text()
    )
    assert "4. Sitzung des Strategiebeirats IPS" in page.locator("main").inner_text()
    ui.goto(meeting.get_absolute_url())
    assert page.get_by_test_id("minutes-text").is_visible()
    assert page.get_by_role("link", name="Protokoll bearbeiten").count() == 0


def test_a_board_member_opens_a_goal_of_the_field_and_follows_it(ui, demo):
    goal = DevelopmentGoal.objects.get(status=DevelopmentGoal.Status.SUBMITTED)
    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.goto("/entwicklungsziele/")
    ui.follow(goal.title)
    assert page.url.endswith(goal.get_absolute_url())
    assert page.get_by_test_id("goal-status").inner_text() == "beim Lenkungskreis eingereicht"
    # No approval pages for the board: no decide, no history.
    assert page.get_by_role("link", name="Verlauf").count() == 0
    ui.press("Folgen (Benachrichtigung bei Beschlüssen)")
    assert page.get_by_text("Sie folgen diesem Entwicklungsziel.").is_visible()
    ui.press("Nicht mehr folgen")
    assert page.get_by_text("Sie folgen diesem Entwicklungsziel nicht mehr.").is_visible()


def test_staff_withdraw_a_wrong_document_and_cancel_an_upcoming_meeting(ui, demo):
    from governance.models import Body, MeetingDocument

    board = Body.objects.get(slug=Meeting.objects.get(title__startswith="3. Sitzung").body.slug)
    meeting = MeetingFactory(body=board, days=21, title="Sondersitzung des Strategiebeirats IPS")
    staff = next(a for a in DEMO_ACCOUNTS if a.key == "staff")
    from django.contrib.auth import get_user_model

    uploader = get_user_model().objects.get(email=staff.email)
    MeetingDocumentFactory(
        meeting=meeting, uploaded_by=uploader, title="Einladung (falsche Fassung)"
    )

    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.goto(meeting.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"Zurückziehen.*falsche Fassung")).click()
    ui.scan()
    ui.press("Zurückziehen")
    assert page.get_by_text("ist zurückgezogen").is_visible()
    document = MeetingDocument.objects.get(meeting=meeting)
    assert document.is_archived
    # Staff still see it and could release it again (confirmation page, axe-checked).
    assert page.get_by_text("Zurückgezogene Unterlagen").is_visible()
    ui.goto(f"/verwaltung/unterlagen/{document.pk}/wieder-freigeben/")
    page = ui.goto(meeting.get_absolute_url())

    page.get_by_role("link", name="Sitzung absagen").click()
    ui.scan()
    page.get_by_label("Grund der Absage").fill("Terminkonflikt mit dem Landtag")
    ui.press("Sitzung absagen")
    assert page.get_by_test_id("meeting-cancelled").is_visible()
    ui.logout()

    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.goto("/meine-gremien/")
    assert "abgesagt" in page.locator("main").inner_text()
    page = ui.goto(meeting.get_absolute_url())
    assert "Terminkonflikt mit dem Landtag" in page.locator("main").inner_text()
    assert "Einladung (falsche Fassung)" not in page.locator("main").inner_text()


def test_staff_end_a_membership_and_the_former_member_no_longer_sees_the_board(ui, demo):
    membership = Membership.objects.select_related("body", "user").get(
        user__email=EMAIL["board"], body__kind="strategiebeirat"
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.goto(f"/verwaltung/gremien/{membership.body.slug}/")
    # The link names the person for screen readers ("Beenden: Bernd Beirat").
    ui.follow(re.compile(rf"^Beenden\W+{membership.user.get_full_name()}$"))
    assert "keine internen Inhalte des Gremiums mehr" in page.locator("main").inner_text()
    page.get_by_label("Letzter Tag der Mitgliedschaft").fill(yesterday.isoformat())
    ui.press("Mitgliedschaft beenden")
    main = page.locator("main").inner_text()
    assert f"beendet am {yesterday:%d.%m.%Y}" in main
    ui.screenshot("gremien-mitgliedschaft-beendet")
    ui.logout()

    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.goto("/meine-gremien/")
    assert membership.body.name not in page.locator("main").inner_text()
