"""The office's assessments per report chapter: writing, commenting, locking, the Stichtag."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import Narrative, NarrativeComment, Report
from reports.narratives import (
    ChapterRef,
    narrative_comment_create,
    narrative_save,
    narratives_as_of,
)
from ris_portal.concurrency import ConcurrentEditError
from tests.conftest import client_for
from tests.factories import FieldFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

STATEWIDE = ChapterRef(Narrative.Chapter.STATEWIDE)


def _url(name, chapter="thueringen", year=2025, kind="jahresbericht"):
    return reverse(f"reports:{name}", kwargs={"kind": kind, "year": year, "chapter": chapter})


def _save(text, version=None, year=2025, ref=STATEWIDE):
    return narrative_save(
        kind=Report.Kind.ANNUAL, year=year, ref=ref, text=text, expected_version=version
    )


def test_staff_write_a_chapter_with_preview_history_and_no_lost_update(client, cast):
    client_for(client, cast.staff)
    page = client.get(_url("narrative_edit", "feld-feld-a"))
    html = page.content.decode()
    assert 'data-testid="preview-text"' in html  # the htmx Markdown preview of the project
    assert reverse("fields:markdown_preview") in html

    response = client.post(
        _url("narrative_edit", "feld-feld-a"), {"text": "Die **Photonik** wächst.", "version": 0}
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(field=cast.field_a)
    assert narrative.chapter == Narrative.Chapter.FIELD and narrative.version == 1

    stale = {"text": "Mein Text", "version": 1}
    client.post(_url("narrative_edit", "feld-feld-a"), {"text": "Neuer Text", "version": 1})
    conflict = client.post(_url("narrative_edit", "feld-feld-a"), stale)
    assert conflict.status_code == 200
    assert "Jemand anderes hat diesen Eintrag inzwischen" in conflict.content.decode()
    assert "Neuer Text" in conflict.content.decode()  # what the other person saved
    narrative.refresh_from_db()
    assert narrative.text == "Neuer Text"
    assert narrative.history.count() == 2
    # The merged form carries the current version: after seeing both texts the user may save.
    assert conflict.context["form"].data["version"] == "2"
    again = client.post(_url("narrative_edit", "feld-feld-a"), {"text": "Mein Text", "version": 2})
    assert again.status_code == 302
    narrative.refresh_from_db()
    assert (narrative.text, narrative.version) == ("Mein Text", 3)

    history = client.get(reverse("reports:narrative_history", kwargs={"pk": narrative.pk}))
    assert history.status_code == 200


def test_two_first_drafts_of_one_chapter_do_not_overwrite_each_other(cast):
    _save("Erster Entwurf")
    with pytest.raises(ConcurrentEditError):
        _save("Zweiter Entwurf", version=0)  # loaded while the chapter was still empty
    assert Narrative.objects.get().text == "Erster Entwurf"


def test_the_chapter_page_shows_sanitised_markdown(client, cast):
    _save('Gut.<script>alert("x")</script> [Link](javascript:alert(1)) *kursiv*')
    client_for(client, cast.ministry)
    html = client.get(_url("narrative_chapter")).content.decode()
    assert "<em>kursiv</em>" in html
    assert "<script>alert" not in html and "javascript:" not in html


def test_the_steering_committee_comments_on_the_draft(client, cast):
    narrative = _save("Entwurf für Thüringen")
    client_for(client, cast.steering)
    page = client.get(_url("narrative_chapter"))
    assert "Entwurf für Thüringen" in page.content.decode()
    assert 'name="text"' in page.content.decode()  # the comment form
    response = client.post(_url("narrative_comment"), {"text": "Bitte FuE-Quote nennen."})
    assert response.status_code == 302
    comment = NarrativeComment.objects.get()
    assert (comment.author, comment.narrative, comment.narrative_version) == (
        cast.steering,
        narrative,
        1,
    )
    _save("Überarbeitet", version=1)
    page = client.get(_url("narrative_chapter")).content.decode()
    assert "Bitte FuE-Quote nennen." in page and "Text seither geändert" in page

    client_for(client, cast.ministry)
    page = client.get(_url("narrative_chapter")).content.decode()
    assert "Bitte FuE-Quote nennen." in page and 'name="text"' not in page
    assert client.post(_url("narrative_comment"), {"text": "x"}).status_code == 403


def test_nothing_changes_once_the_years_report_is_published(client, cast):
    narrative = _save("Endfassung")
    ReportFactory(status=Report.Status.PUBLISHED, year=2025)
    with pytest.raises(ValidationError, match="veröffentlicht"):
        _save("Nachträglich", version=1)
    with pytest.raises(ValidationError, match="veröffentlicht"):
        narrative_comment_create(narrative=narrative, author=cast.steering, text="Zu spät")
    client_for(client, cast.staff)
    response = client.get(_url("narrative_edit"))
    assert response.status_code == 302 and response.url == _url("narrative_chapter")
    history = client.get(reverse("reports:narrative_history", kwargs={"pk": narrative.pk}))
    assert "veröffentlicht" in history.context["blocked_reason"]
    # Another year and the final report of the same year stay open.
    _save("Anderes Jahr", year=2026)
    narrative_save(kind=Report.Kind.FINAL, year=2025, ref=STATEWIDE, text="Abschluss")


def test_a_comment_needs_text_to_comment_on(cast):
    narrative = _save("")
    with pytest.raises(ValidationError):
        narrative_comment_create(narrative=narrative, author=cast.steering, text="Leer?")


def test_unknown_chapters_kinds_and_years_are_not_found(client, cast):
    client_for(client, cast.staff)
    assert client.get(_url("narrative_chapter", "feld-gibt-es-nicht")).status_code == 404
    assert client.get(_url("narrative_chapter", "anhang")).status_code == 404
    assert client.get(_url("narrative_chapter", kind="altbericht")).status_code == 404
    assert client.get(_url("narrative_chapter", year=1999)).status_code == 404


def test_the_report_gets_each_text_as_it_stood_on_the_stichtag(cast):
    field = FieldFactory(name="Feld C", slug="feld-c")
    with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)):
        _save("Stand März")
        _save("Feld C im März", ref=ChapterRef(Narrative.Chapter.FIELD, field))
    with time_machine.travel(datetime.datetime(2026, 3, 31, 21, 30, tzinfo=datetime.UTC)):
        # 23:30 in Germany: still on the Stichtag 31 March.
        _save("Stand 31. März abends", version=1)
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC)):
        _save("Stand April", version=2)
        _save("Governance im April", ref=ChapterRef(Narrative.Chapter.GOVERNANCE))
        field_text = Narrative.objects.get(field=field)
        field_text.is_archived = True
        field_text.save()

    at = narratives_as_of(kind="jahresbericht", year=2025, stichtag=datetime.date(2026, 3, 31))
    assert at == {
        ("thueringen", None): "Stand 31. März abends",
        ("feld", field.pk): "Feld C im März",
    }
    later = narratives_as_of(kind="jahresbericht", year=2025, stichtag=datetime.date(2026, 4, 30))
    assert later == {
        ("thueringen", None): "Stand April",
        ("governance", None): "Governance im April",
    }
    assert (
        narratives_as_of(kind="jahresbericht", year=2025, stichtag=datetime.date(2026, 1, 1)) == {}
    )


@pytest.mark.parametrize("fields", [1, 10])
def test_the_overview_stays_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, fields
):
    for n in range(fields):
        field = FieldFactory(name=f"Feld {n:02d}", slug=f"f-{n}", code=f"F{n}", order=10 + n)
        narrative = _save(f"Text {n}", ref=ChapterRef(Narrative.Chapter.FIELD, field))
        for _ in range(3):
            narrative_comment_create(narrative=narrative, author=cast.steering, text="Gut.")
    client_for(client, cast.steering)
    # session, user, roles (2), published report?, fields, narratives with comment counts.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:narrative_overview"), {"jahr": 2025})
    chapters = response.context["chapters"]
    assert len(chapters) == fields + 4  # Thüringen, field A, field B, the new ones, governance
    assert chapters[-2].narrative.comment_count == 3


@pytest.mark.parametrize("comments", [2, 20])
def test_the_chapter_page_stays_within_a_fixed_query_budget(
    client, cast, django_assert_max_num_queries, comments
):
    narrative = _save("Entwurf")
    for n in range(comments):
        narrative_comment_create(narrative=narrative, author=cast.steering, text=f"Punkt {n}")
    client_for(client, cast.ministry)
    # session, user, roles (2), published report?, narrative, comments with their authors.
    with django_assert_max_num_queries(8):
        response = client.get(_url("narrative_chapter"))
    assert response.content.decode().count('data-testid="comment"') == comments
