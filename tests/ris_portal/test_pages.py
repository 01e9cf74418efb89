"""Base pages: home, legal pages, feedback channel, error pages, query budgets."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from ris_portal.models import FeedbackMessage
from ris_portal.templatetags.ris import markdown
from tests.factories import (
    BodyFactory,
    FeedbackMessageFactory,
    FieldFactory,
    IndicatorFactory,
    InvitationFactory,
    UserFactory,
)

from ..conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_home_lists_fields_from_the_database(client):
    FieldFactory(name="Gesundes Leben und Gesundheitswirtschaft")
    html = client.get(reverse("home")).content.decode()
    assert "Gesundes Leben und Gesundheitswirtschaft" in html


def test_home_shows_an_empty_state_without_fields(client):
    assert (
        "Noch keine Spezialisierungsfelder angelegt."
        in client.get(reverse("home")).content.decode()
    )


def test_base_layout_has_skip_link_landmarks_and_language(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="de"' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html


def test_english_is_served_from_the_catalogue(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html and "Accessibility statement" in html


def test_accessibility_feedback_reaches_staff(client, settings, django_capture_on_commit_callbacks):
    settings.STAFF_NOTIFY_EMAIL = "gs@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accessibility"),
            {"message": "Der Button hat zu wenig Kontrast.", "page_url": "/gremien/"},
        )
    assert response.status_code == 302
    assert FeedbackMessage.objects.get().page_url == "/gremien/"
    assert mail.outbox[0].to == ["gs@example.org"]
    assert "zu wenig Kontrast" in mail.outbox[0].body


def test_feedback_without_message_is_rejected_with_a_german_error(client):
    response = client.post(reverse("accessibility"), {"message": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not FeedbackMessage.objects.exists()


def test_staff_marks_feedback_handled(client, cast):
    feedback = FeedbackMessageFactory(message="Fokus nicht sichtbar")
    client_for(client, cast.staff)
    client.post(reverse("feedback_mark_handled", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.handled and feedback.handled_by == cast.staff


def test_404_page_is_the_portal_page(client, settings):
    settings.DEBUG = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_markdown_is_sanitised():
    html = markdown(
        "**fett** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<strong>fett</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_no_informal_german_in_our_templates_and_code():
    # Lower case or capitalised at a sentence start; not upper case ("DIR" is a command-line
    # placeholder), not part of an option or name (`--output-dir`) and not a keyword argument
    # (`dir=` in tempfile calls).
    informal = re.compile(
        r"(?<![-_.])\b([Dd]u|[Dd]ich|[Dd]ir|[Dd]ein|[Dd]eine|[Dd]einen|[Dd]einem|[Dd]einer)\b(?!=)"
    )
    offenders = []
    for path in (
        list(ROOT.glob("templates/**/*.html"))
        + list(ROOT.glob("*/templates/**/*.html"))
        + list(ROOT.glob("*/*.py"))
    ):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # German text only: skip lines without umlauts/typical German words to avoid English "dir".
            if informal.search(line) and not line.strip().startswith("#") and "import" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_every_scrolling_table_wrapper_is_reachable_by_keyboard():
    """A table wrapper that scrolls must take focus (axe scrollable-region-focusable, WCAG 2.1.1).

    The crawl found the assessment table on a theme page scrolling for board members, who see no
    links in it; staff got links in the same table, which made it pass for them.
    """
    wrapper = re.compile(r'<div class="kern-table-responsive[^"]*"([^>]*)>')
    offenders = []
    for path in list(ROOT.glob("templates/**/*.html")) + list(ROOT.glob("*/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        for match in wrapper.finditer(path.read_text(encoding="utf-8")):
            attrs = match.group(1)
            if (
                'tabindex="0"' not in attrs
                or 'role="region"' not in attrs
                or "aria-label" not in attrs
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not offenders, "\n".join(offenders)


def _invitations(rows, cast):
    for i in range(rows):
        user = UserFactory(username=f"eingeladen{i}@example.org")
        InvitationFactory(user=user, invited_by=cast.staff, last_sent_at="2026-01-01T10:00Z")


# List pages use a fixed number of queries, independent of the number of rows.
# page: (who looks, how many rows (few, many), how to build them, queries at most: which)
QUERY_BUDGETS = {
    "feedback_inbox": (
        "staff",
        (3, 30),
        lambda rows, cast: FeedbackMessageFactory.create_batch(
            rows, handled=True, handled_by=cast.staff
        ),
        8,  # session, user, groups, memberships (roles), count, page of rows with handled_by
    ),
    "invitation_list": (
        "staff",
        (3, 30),
        _invitations,
        8,  # session, user, groups, memberships, count, page of invitations joined with both users
    ),
    "governance:body_list": (
        "anonymous",
        (3, 30),
        lambda rows, cast: BodyFactory.create_batch(rows),
        3,  # count, page of bodies with field and member count
    ),
    "monitoring:indicator_catalogue": (
        "anonymous",
        (3, 30),
        lambda rows, cast: IndicatorFactory.create_batch(rows),
        3,  # count, page of indicators
    ),
    "home": (
        "anonymous",
        (2, 20),
        lambda rows, cast: FieldFactory.create_batch(rows),
        2,  # fields with theme and highlight counts
    ),
}


@pytest.mark.parametrize(
    ("page", "rows"),
    [(page, rows) for page, (_who, counts, *_rest) in QUERY_BUDGETS.items() for rows in counts],
)
def test_list_page_keeps_its_query_budget(client, cast, page, rows, django_assert_max_num_queries):
    who, _counts, build, budget = QUERY_BUDGETS[page]
    build(rows, cast)
    client_for(client, cast.for_role(who))
    with django_assert_max_num_queries(budget):
        assert client.get(reverse(page)).status_code == 200
