"""Personal pages in the English UI: German content marked lang="de"; nothing marked in German.

Regression test for issue 15 (see `tests/fields/test_internal_language.py`): a notification is
stored in the portal's language (German) whatever language its reader uses.
"""

from django.urls import reverse

from personal.models import Kind, Notification
from tests.html_language import assert_german_marked, get_page, marked_german


def test_the_notifications(client, cast):
    Notification.objects.create(
        user=cast.board,
        kind=Kind.ROUND_OPENED,
        title="Neue Runde im Beirat",
        text="Bitte bewerten Sie die Bedarfe.",
        url=reverse("governance:my_bodies"),
    )
    Notification.objects.create(user=cast.board, kind=Kind.ROUND_CLOSED, title="Runde beendet")
    url = reverse("personal:notifications")
    html = get_page(client, cast.board, url)
    assert_german_marked(
        html, "Neue Runde im Beirat", "Bitte bewerten Sie die Bedarfe.", "Runde beendet"
    )
    html = get_page(client, cast.board, url, language="de")
    assert marked_german(html) == 0
