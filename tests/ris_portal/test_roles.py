import datetime

import pytest

from ris_portal.roles import Role, roles_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_board_member_sees_only_own_field_internals(cast):
    roles = roles_for(cast.board)
    assert roles.is_board_member
    assert roles.can_view_field_internals(cast.field_a.pk)
    assert not roles.can_view_field_internals(cast.field_b.pk)
    assert roles.internal_field_ids() == {cast.field_a.pk}
    assert not roles.can_edit_content


def test_expired_membership_grants_no_role(cast):
    former = UserFactory()
    MembershipFactory(
        body=cast.board_b,
        user=former,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    roles = roles_for(former)
    assert roles.roles == {Role.PUBLIC}
    assert not roles.can_view_field_internals(cast.field_b.pk)


def test_steering_ministry_staff_capabilities(cast):
    assert roles_for(cast.steering).can_decide
    assert not roles_for(cast.steering).can_view_field_internals(cast.field_a.pk)
    assert roles_for(cast.ministry).can_view_dashboards
    assert roles_for(cast.ministry).internal_field_ids() is None
    assert not roles_for(cast.ministry).can_edit_content
    assert roles_for(cast.staff).can_edit_content
    assert roles_for(cast.superuser).is_staff


def test_roles_are_resolved_once_per_user_object(cast, django_assert_num_queries):
    roles_for(cast.board)
    with django_assert_num_queries(0):
        roles_for(cast.board)


def test_statistics_office_delivers_values_but_sees_no_internals(cast):
    from ris_portal.roles import GROUP_STATISTICS

    roles = roles_for(UserFactory(groups=[GROUP_STATISTICS]))
    assert roles.is_statistics_office
    assert roles.can_write_indicator_values
    assert roles.can_view_unpublished_indicator_values
    assert roles.can_hold_api_token
    assert not roles.can_view_dashboards
    assert not roles.can_view_draft_reports
    assert not roles.can_view_internal_workspace
    assert not roles.can_edit_content
    assert not roles.can_manage_api_tokens
    assert roles.labels == ["Statistisches Landesamt"]


def test_api_token_capabilities_of_the_other_roles(cast):
    assert roles_for(cast.staff).can_manage_api_tokens
    assert roles_for(cast.staff).can_write_indicator_values
    assert roles_for(cast.ministry).can_hold_api_token
    assert not roles_for(cast.ministry).can_write_indicator_values
    assert not roles_for(cast.steering).can_hold_api_token
    assert not roles_for(cast.board).can_hold_api_token
