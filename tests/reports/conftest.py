"""Shared by the tests that read a report as of a Stichtag (history built at chosen dates)."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def cast_since_2020(cast):
    """The cast (fields, bodies, memberships) was created just now; date its history 2020.

    Modules use it with `pytest.mark.usefixtures("cast_since_2020")`."""
    from fields.models import SpecializationField
    from governance.models import Body, Membership

    since = timezone.make_aware(datetime.datetime(2020, 1, 1))
    for model in (SpecializationField, Body, Membership):
        model.history.model.objects.update(history_date=since)
