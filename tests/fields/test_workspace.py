"""Workspace behaviour: board scope and comments, in-place editing, portfolio, filters."""

import datetime

from django.urls import reverse

from fields.models import ActionField, Measure, Roadmap, RoadmapComment, Theme
from tests.conftest import client_for
from tests.factories import RelevanceAssessmentFactory, ThemeFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _post_as(client, user, name, obj, data, **extra):
    """Log `user` in and post `data` to the URL `name` of `obj`."""
    client_for(client, user)
    return client.post(reverse(name, kwargs={"pk": obj.pk}), data, **extra)


def test_board_members_see_drafts_and_needs_of_their_field_only(client, cast, content):
    client_for(client, cast.board)
    roadmap_url = reverse("fields:roadmap_detail", kwargs={"pk": content["roadmap"].pk})
    page = client.get(roadmap_url).content.decode()
    assert "Weiterbildung" in page
    assert "Titel und Zusammenfassung bearbeiten" not in page  # no editing for the board
    needs = client.get(reverse("fields:need_list")).content.decode()
    assert "Fachkräfte fehlen" in needs
    other = ThemeFactory(field=cast.field_b, slug="b-thema", name="Thema B")
    assert client.get(reverse("fields:theme_detail", args=[other.pk])).status_code == 404
    assert "Thema B" not in client.get(reverse("fields:theme_list")).content.decode()


def test_a_board_comment_is_listed_on_the_roadmap_for_staff(client, cast, content):
    roadmap = content["roadmap"]
    text = "Bitte die Hochschulen stärker einbinden."
    response = _post_as(client, cast.board, "fields:roadmap_comment", roadmap, {"text": text})
    assert response.status_code == 302
    comment = RoadmapComment.objects.get(roadmap=roadmap)
    assert comment.author == cast.board
    client.logout()
    client_for(client, cast.staff)
    page = client.get(reverse("fields:roadmap_detail", kwargs={"pk": roadmap.pk})).content
    assert text.encode() in page
    assert b"Bernd Beirat" in page


def test_board_members_cannot_comment_once_the_roadmap_is_submitted(client, cast, content):
    roadmap = content["roadmap"]
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.SUBMITTED)
    client_for(client, cast.board)
    page = client.get(reverse("fields:roadmap_detail", kwargs={"pk": roadmap.pk})).content
    assert b"Kommentar abgeben" not in page
    client.post(reverse("fields:roadmap_comment", args=[roadmap.pk]), {"text": "Spät"})
    assert not RoadmapComment.objects.exists()


def test_htmx_adds_an_action_field_and_returns_the_updated_structure(client, cast, content):
    roadmap = content["roadmap"]
    data = {"new-action-field-title": "Internationalisierung"}
    response = _post_as(client, cast.staff, "fields:action_field_create", roadmap, data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="roadmap-structure"')
    # The title is German content in its own element (lang="de" in another UI language).
    assert "Handlungsfeld 3: <span>Internationalisierung</span>" in html
    assert ActionField.objects.filter(roadmap=roadmap, title="Internationalisierung").exists()


def test_htmx_measure_form_errors_are_shown_in_place(client, cast, content):
    af = content["action_fields"][0]
    data = {
        f"new-measure-{af.pk}-title": "Zeitreise",
        f"new-measure-{af.pk}-status": "geplant",
        f"new-measure-{af.pk}-start": "2027-01-01",
        f"new-measure-{af.pk}-end": "2026-01-01",
    }
    response = _post_as(client, cast.staff, "fields:measure_create", af, data, **HTMX)
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not Measure.objects.filter(title="Zeitreise").exists()


def test_htmx_moves_a_measure_up(client, cast, content):
    m1, m2, _m3 = content["measures"]
    response = _post_as(client, cast.staff, "fields:measure_move", m2, {"direction": "up"}, **HTMX)
    html = response.content.decode()
    assert html.index("Studiengang") < html.index("Weiterbildung")


def test_editing_a_measure_of_a_published_roadmap_is_refused(client, cast, content):
    roadmap = content["roadmap"]
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.PUBLISHED)
    measure = content["measures"][0]
    client_for(client, cast.staff)
    url = reverse("fields:measure_update", kwargs={"pk": measure.pk})
    response = client.post(url, {"title": "Neu", "status": "geplant", "version": 1})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Weiterbildung"
    page = client.get(reverse("fields:roadmap_detail", args=[roadmap.pk])).content.decode()
    assert "Maßnahme hinzufügen" not in page
    assert "kann nicht bearbeitet werden" in page


def test_new_version_copies_the_roadmap_after_confirmation(client, cast, content):
    roadmap = content["roadmap"]
    client_for(client, cast.staff)
    url = reverse("fields:roadmap_new_version", kwargs={"pk": roadmap.pk})
    assert b"Neue Fassung anlegen" in client.get(url).content
    response = client.post(url, {"version": roadmap.version})
    new = Roadmap.objects.get(network=roadmap.network, is_current=True)
    assert new.number == 2
    assert response["Location"] == new.get_absolute_url()


def test_portfolio_shows_latest_scores_sorted_with_chart_and_highlight(client, cast, content):
    strong = content["theme"]
    weak = ThemeFactory(field=cast.field_a, slug="schwach", name="Schwaches Thema")
    Theme.objects.filter(pk=strong.pk).update(status=Theme.Status.HIGHLIGHT)
    for theme, score, day in ((strong, 2, 1), (strong, 5, 2), (weak, 3, 1)):
        RelevanceAssessmentFactory(
            theme=theme,
            author=cast.staff,
            specialisation_advantage=score,
            actor_base=score,
            application_relevance=score,
            growth_potential=score,
            justification="x",
            assessed_on=datetime.date(2026, 1, day),
        )
    client_for(client, cast.board)
    url = reverse("fields:field_portfolio", kwargs={"pk": cast.field_a.pk})
    response = client.get(url, {"sort": "mean"})
    rows = response.context["rows"]
    assert [r.name for r in rows] == ["Photonik", "Schwaches Thema"]
    assert rows[0].mean == 5  # the latest assessment counts
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="ris-chart"' in html
    assert "<title>Photonik (Highlight)</title>" in html
    assert 'data-testid="highlight-badge"' in html
    response = client.get(url, {"sort": "name"})
    assert [r.name for r in response.context["rows"]] == ["Photonik", "Schwaches Thema"]


def test_list_filters_and_search_narrow_the_rows(client, cast, content):
    ThemeFactory(field=cast.field_b, slug="b", name="Wasserstoff", status="kandidat")
    client_for(client, cast.staff)
    url = reverse("fields:theme_list")
    names = lambda r: [t.name for t in r.context["object_list"]]  # noqa: E731
    assert names(client.get(url, {"field": cast.field_b.pk})) == ["Wasserstoff"]
    assert names(client.get(url, {"status": "kandidat"})) == ["Wasserstoff"]
    assert names(client.get(url, {"q": "photo"})) == ["Photonik"]
    empty = client.get(url, {"q": "gibt es nicht"}).content.decode()
    assert "Keine Einträge passen zu Ihren Filtern." in empty


def test_markdown_is_sanitised_in_the_preview_and_on_pages(client, cast, content):
    client_for(client, cast.staff)
    response = client.post(
        reverse("fields:markdown_preview"),
        {"_field": "description", "description": "**fett** <script>alert(1)</script>"},
    )
    assert response.content == b"<p><strong>fett</strong> </p>"
    Theme.objects.filter(pk=content["theme"].pk).update(
        description="[Link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    page = client.get(reverse("fields:theme_detail", args=[content["theme"].pk])).content
    assert b"javascript:" not in page
    assert b"onerror" not in page


def test_a_second_roadmap_for_a_network_is_refused_with_a_message(client, cast, content):
    client_for(client, cast.staff)
    response = client.post(
        reverse("fields:roadmap_create"),
        {"network": content["network"].pk, "title": "Doppelte Roadmap"},
    )
    assert response.status_code == 200
    assert "bereits eine aktuelle Roadmap" in response.content.decode()
    assert not Roadmap.objects.filter(title="Doppelte Roadmap").exists()
