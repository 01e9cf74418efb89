"""Factories for the API app's rows (conventions: tests/factories.py)."""

import factory

from api import services
from api.models import ApiToken
from tests.factories import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token of `user` for the raw key `raw` (only its prefix and hash are stored)."""

    class Meta:
        model = ApiToken

    class Params:
        raw = factory.Sequence(lambda n: f"{services.TOKEN_PREFIX}test-{n}")

    user = factory.SubFactory(UserFactory)
    name = "Test"
    prefix = factory.LazyAttribute(lambda o: o.raw[:10])
    key_hash = factory.LazyAttribute(lambda o: services.token_hash(o.raw))
    created_by = factory.SelfAttribute("user")
