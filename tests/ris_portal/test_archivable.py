"""The archive rule written once: `.live()`, `.live("path")`, `.archived()` and `live_q(...)`."""

import pytest
from django.db.models import Count

from fields.models import Need, SpecializationField, Theme
from ris_portal.models import live_q
from tests.factories import (
    ActionFieldFactory,
    FieldFactory,
    MeasureFactory,
    NeedFactory,
    ThemeFactory,
)


@pytest.fixture
def themes(db):
    """A live field and an archived one; a live theme, an archived one and one below the
    archived field."""
    field = FieldFactory()
    archived_field = FieldFactory(is_archived=True)
    return (
        field,
        archived_field,
        ThemeFactory(field=field),
        ThemeFactory(field=field, is_archived=True),
        ThemeFactory(field=archived_field),
    )


def test_live_leaves_out_archived_rows_and_rows_below_an_archived_parent(themes):
    _, _, live, archived, below_archived_field = themes

    assert set(Theme.objects.live()) == {live, below_archived_field}
    assert set(Theme.objects.live("field")) == {live}
    assert set(Theme.objects.archived()) == {archived}


def test_live_q_without_a_path_is_the_row_itself_and_with_paths_the_related_rows(themes):
    field, archived_field, live, archived, below_archived_field = themes
    ThemeFactory(field=archived_field, is_archived=True)

    assert set(Theme.objects.filter(live_q())) == {live, below_archived_field}
    assert set(Theme.objects.filter(live_q("field"))) == {live, archived}
    assert set(Theme.objects.filter(live_q(), live_q("field"))) == {live}
    assert set(Theme.objects.filter(live_q("field") | live_q())) == {
        live,
        archived,
        below_archived_field,
    }
    needs = {theme: NeedFactory(theme=theme) for theme in Theme.objects.all()}
    assert set(Need.objects.filter(live_q("theme", "theme__field"))) == {needs[live]}
    # Counting only live related rows; the counted parent itself may be archived.
    counts = dict(
        SpecializationField.objects.annotate(
            themes_live=Count("themes", filter=live_q("themes"))
        ).values_list("pk", "themes_live")
    )
    assert counts == {field.pk: 1, archived_field.pk: 1}


@pytest.mark.django_db
def test_live_q_in_the_same_filter_call_meets_the_same_related_row():
    """A need with an archived measure on the roadmap and a live one elsewhere is not a need of
    the roadmap's live measures: `live_q` and the other lookup share one join."""
    action_field = ActionFieldFactory()
    elsewhere = ActionFieldFactory()
    on_roadmap = NeedFactory()
    only_archived_on_roadmap = NeedFactory()
    MeasureFactory(action_field=action_field, needs=[on_roadmap])
    MeasureFactory(action_field=action_field, needs=[only_archived_on_roadmap], is_archived=True)
    MeasureFactory(action_field=elsewhere, needs=[only_archived_on_roadmap])
    roadmap = action_field.roadmap

    same_row = Need.objects.live().filter(
        live_q("measures"), measures__action_field__roadmap=roadmap
    )
    assert set(same_row) == {on_roadmap}
    # Two filter() calls join twice and would also find the other need.
    two_joins = Need.objects.live("measures").filter(measures__action_field__roadmap=roadmap)
    assert set(two_joins) == {on_roadmap, only_archived_on_roadmap}
