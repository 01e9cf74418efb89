import pytest

from fields.models import (
    ActionField,
    Actor,
    Measure,
    Need,
    NetworkMembership,
    Roadmap,
    ValueNetwork,
)
from tests.factories import ThemeFactory


@pytest.fixture
def content(cast):
    """A theme, network, need and draft roadmap (2 action fields, 3 measures) in field A."""
    theme = ThemeFactory(field=cast.field_a, slug="photonik", name="Photonik")
    actor = Actor.objects.create(name="Institut für Photonik", kind=Actor.Kind.RESEARCH)
    network = ValueNetwork.objects.create(theme=theme, slug="netz-photonik", name="Netz Photonik")
    NetworkMembership.objects.create(network=network, actor=actor, role="forschung")
    need = Need.objects.create(theme=theme, network=network, title="Fachkräfte fehlen")
    roadmap = Roadmap.objects.create(network=network, title="Roadmap Photonik")
    af1 = ActionField.objects.create(roadmap=roadmap, title="Fachkräfte", order=1)
    af2 = ActionField.objects.create(roadmap=roadmap, title="Transfer", order=2)
    m1 = Measure.objects.create(action_field=af1, title="Weiterbildung", order=1)
    m2 = Measure.objects.create(action_field=af1, title="Studiengang", order=2)
    m3 = Measure.objects.create(action_field=af2, title="Testumgebung", order=1)
    m1.needs.set([need])
    m1.responsible_actors.set([actor])
    return {
        "theme": theme,
        "actor": actor,
        "network": network,
        "need": need,
        "roadmap": roadmap,
        "action_fields": [af1, af2],
        "measures": [m1, m2, m3],
    }
