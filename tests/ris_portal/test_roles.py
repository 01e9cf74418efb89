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
