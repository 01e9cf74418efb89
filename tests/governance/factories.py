"""Factories for the governance app's rows (conventions: tests/factories.py)."""

import datetime
import secrets

import factory
from django.utils import timezone

from governance import models
from tests.factories import BodyFactory, FieldFactory, RoadmapFactory, UserFactory

# The smallest file a PDF reader accepts: what a meeting document's download returns.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _in_days(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class DevelopmentGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DevelopmentGoal

    field = factory.SubFactory(FieldFactory)
    title = factory.Sequence(lambda n: f"Entwicklungsziel {n}")


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Minutes

    meeting = factory.SubFactory("tests.governance.factories.MeetingFactory", minutes=None)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A two-hour meeting in Erfurt `days` from now (negative: in the past).

    Like `services.meeting_create` it comes with empty draft minutes; `minutes=None` leaves
    them out (to build other minutes, or a meeting as old data has it).
    """

    class Meta:
        model = models.Meeting
        skip_postgeneration_save = True

    class Params:
        days = 7

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Sitzung {n}")
    starts_at = factory.LazyAttribute(lambda o: _in_days(o.days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Erfurt"
    minutes = factory.RelatedFactory(MinutesFactory, factory_related_name="meeting")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A Tagesordnungspunkt; pass `roadmap`, `need` or `goal` for one about a subject."""

    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    title = "Einladung"
    kind = models.MeetingDocument.Kind.INVITATION
    file = factory.django.FileField(filename="einladung.pdf", data=PDF_BYTES)
    size = len(PDF_BYTES)
    uploaded_by = factory.SubFactory(UserFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Decision

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Beschluss {n}")
    outcome = models.Decision.Outcome.APPROVED


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    """An open round with a deadline `days` from now over `needs` and/or `themes`.

    Like `services.review_round_open`, the round gets one item per need or theme, in order.
    """

    class Meta:
        model = models.ReviewRound
        skip_postgeneration_save = True

    class Params:
        days = 7

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Runde {n}")
    deadline = factory.LazyAttribute(lambda o: _in_days(o.days))
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        for need in extracted or ():
            ReviewItemFactory(round=self, need=need, order=self.items.count() + 1)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        for theme in extracted or ():
            ReviewItemFactory(round=self, theme=theme, order=self.items.count() + 1)


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewItem

    round = factory.SubFactory(ReviewRoundFactory)
    order = 1


class ForumEventFactory(factory.django.DjangoModelFactory):
    """A three-hour forum in Erfurt `days` from now with 10 places."""

    class Meta:
        model = models.ForumEvent

    class Params:
        days = 14

    slug = factory.Sequence(lambda n: f"forum-{n}")
    title = "RIS-Forum"
    starts_at = factory.LazyAttribute(lambda o: _in_days(o.days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    location = "Erfurt"
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (the double opt-in done); the services decide the waiting list."""

    class Meta:
        model = models.Registration

    event = factory.SubFactory(ForumEventFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"teilnahme{n}@example.org")
    privacy_consent = True
    status = models.Registration.Status.CONFIRMED
    confirmation_token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    confirmation_sent_at = factory.LazyFunction(timezone.now)
    email_confirmed_at = factory.LazyFunction(timezone.now)


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A board's recommendation on a roadmap, given in a meeting."""

    class Meta:
        model = models.Recommendation

    body = factory.SubFactory(BodyFactory)
    roadmap = factory.SubFactory(RoadmapFactory)
    procedure = models.Recommendation.Procedure.MEETING
    outcome = models.Recommendation.Outcome.APPROVE
    rationale = "Begründung"
    given_at = factory.LazyFunction(timezone.now)


class ReviewResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewResponse

    item = factory.SubFactory(ReviewItemFactory)
    user = factory.SubFactory(UserFactory)
