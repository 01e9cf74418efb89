"""Rules of the fields services, against the real database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fields import services
from fields.models import Measure, NetworkMembership, Roadmap
from ris_portal.concurrency import ConcurrentEditError
from tests.factories import RelevanceAssessmentFactory, RoadmapFactory


def test_it_copies_action_fields_and_measures_into_a_new_current_version(content):
    old = content["roadmap"]
    old.status = Roadmap.Status.PUBLISHED
    old.save()
    new = services.roadmap_new_version(roadmap=old)
    old.refresh_from_db()
    assert (old.number, old.is_current, old.status) == (1, False, Roadmap.Status.PUBLISHED)
    assert (new.number, new.is_current, new.status) == (2, True, Roadmap.Status.DRAFT)
    assert [af.title for af in new.action_fields.all()] == ["Fachkräfte", "Transfer"]
    copied = Measure.objects.filter(action_field__roadmap=new).order_by("action_field__order")
    assert [m.title for m in copied] == ["Weiterbildung", "Studiengang", "Testumgebung"]
    first = copied.get(title="Weiterbildung")
    assert list(first.needs.all()) == [content["need"]]
    assert list(first.responsible_actors.all()) == [content["actor"]]
    # The old version keeps its own measures.
    assert Measure.objects.filter(action_field__roadmap=old).count() == 3


def test_it_refuses_a_new_version_of_a_version_that_is_no_longer_current(content):
    old = content["roadmap"]
    services.roadmap_new_version(roadmap=old)
    old.refresh_from_db()
    with pytest.raises(ValidationError):
        services.roadmap_new_version(roadmap=old)


def test_the_database_allows_only_one_current_roadmap_per_network(content):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoadmapFactory(network=content["network"], number=2, title="Zweite")


def test_it_refuses_a_second_roadmap_for_a_network_with_a_current_one(content):
    with pytest.raises(ValidationError):
        services.roadmap_create(network=content["network"], title="Noch eine")


def test_it_moves_a_draft_to_board_review_and_back(content):
    roadmap = content["roadmap"]
    services.roadmap_start_board_review(roadmap=roadmap, expected_version=roadmap.version)
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.BOARD_REVIEW
    services.roadmap_back_to_draft(roadmap=roadmap, expected_version=roadmap.version)
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.DRAFT
    assert roadmap.history.first().history_change_reason == "Zurück in den Entwurf"


def test_it_refuses_board_review_for_a_submitted_roadmap(content):
    roadmap = content["roadmap"]
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.SUBMITTED)
    roadmap.refresh_from_db()
    with pytest.raises(ValidationError):
        services.roadmap_start_board_review(roadmap=roadmap, expected_version=roadmap.version)


def test_it_refuses_a_transition_based_on_a_stale_version(content):
    roadmap = content["roadmap"]
    with pytest.raises(ConcurrentEditError):
        services.roadmap_start_board_review(roadmap=roadmap, expected_version=roadmap.version + 1)


@pytest.mark.parametrize("status", ["eingereicht", "beschlossen", "veroeffentlicht"])
def test_it_keeps_submitted_approved_and_published_roadmaps_read_only(content, status):
    roadmap = content["roadmap"]
    Roadmap.objects.filter(pk=roadmap.pk).update(status=status)
    roadmap.refresh_from_db()
    af = content["action_fields"][0]
    with pytest.raises(ValidationError):
        services.action_field_create(roadmap=roadmap, title="Neu")
    with pytest.raises(ValidationError):
        services.measure_create(action_field=af, title="Neu")
    with pytest.raises(ValidationError):
        services.measure_move(measure=content["measures"][1], direction="up")
    with pytest.raises(ValidationError):
        services.object_archive(obj=content["measures"][0], expected_version=1)


def test_it_appends_new_action_fields_and_measures_at_the_end(content):
    roadmap = content["roadmap"]
    af = services.action_field_create(roadmap=roadmap, title="Internationalisierung")
    assert af.order == 3
    measure = services.measure_create(
        action_field=af,
        title="Delegationsreise",
        status="geplant",
        needs=[content["need"]],
        responsible_actors=[content["actor"]],
    )
    assert measure.order == 1
    assert list(measure.needs.all()) == [content["need"]]


def test_it_reorders_measures_within_their_action_field(content):
    m1, m2, _m3 = content["measures"]
    services.measure_move(measure=m2, direction="up")
    af = content["action_fields"][0]
    assert [m.title for m in af.measures.all()] == ["Studiengang", "Weiterbildung"]
    # Moving the first one further up changes nothing.
    services.measure_move(measure=Measure.objects.get(pk=m2.pk), direction="up")
    assert [m.title for m in af.measures.all()] == ["Studiengang", "Weiterbildung"]


def test_it_reorders_action_fields(content):
    af1, af2 = content["action_fields"]
    services.action_field_move(action_field=af1, direction="down")
    assert [a.title for a in content["roadmap"].action_fields.all()] == ["Transfer", "Fachkräfte"]


def test_it_archives_instead_of_deleting(content):
    need = content["need"]
    services.object_archive(obj=need, expected_version=need.version)
    need.refresh_from_db()
    assert need.is_archived
    assert need.history.first().history_change_reason == "Archiviert"


def test_it_rejects_assessment_scores_outside_one_to_five(content, cast):
    # 6 is one too many: the service refuses it (and 0 beside it), the database too.
    too_high = {
        "theme": content["theme"],
        "author": cast.staff,
        "specialisation_advantage": 6,
        "actor_base": 3,
        "application_relevance": 3,
        "justification": "zu hoch",
    }
    with pytest.raises(ValidationError):
        services.assessment_create(**too_high, growth_potential=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelevanceAssessmentFactory(
            **too_high, growth_potential=3, assessed_on=datetime.date(2026, 1, 1)
        )


def test_it_reactivates_an_archived_member_instead_of_duplicating_it(content):
    membership = NetworkMembership.objects.get(network=content["network"])
    services.object_archive(obj=membership, expected_version=membership.version)
    again = services.network_member_add(
        network=content["network"], actor=content["actor"], role="anwender"
    )
    assert again.pk == membership.pk
    assert (again.is_archived, again.role) == (False, "anwender")
    with pytest.raises(ValidationError):
        services.network_member_add(
            network=content["network"], actor=content["actor"], role="anwender"
        )


def test_board_members_comment_only_while_a_roadmap_is_a_draft_or_in_review(content, cast):
    roadmap = content["roadmap"]
    comment = services.roadmap_comment_create(roadmap=roadmap, author=cast.board, text=" Gut. ")
    assert comment.text == "Gut."
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.SUBMITTED)
    roadmap.refresh_from_db()
    with pytest.raises(ValidationError):
        services.roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Zu spät")
