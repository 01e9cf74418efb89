import pytest

from fields.models import Actor
from tests.factories import ActionFieldFactory, ActorFactory, MeasureFactory, ThemeFactory

from .chain import network_chain


@pytest.fixture
def content(cast):
    """A theme, network, need and draft roadmap (2 action fields, 3 measures) in field A."""
    theme = ThemeFactory(field=cast.field_a, slug="photonik", name="Photonik")
    actor = ActorFactory(name="Institut für Photonik", kind=Actor.Kind.RESEARCH)
    chain = network_chain(
        theme, actor, "Photonik", "netz-photonik", role="forschung", need="Fachkräfte fehlen"
    )
    network, need, roadmap = chain["network"], chain["need"], chain["roadmap"]
    af1 = ActionFieldFactory(roadmap=roadmap, title="Fachkräfte", order=1)
    af2 = ActionFieldFactory(roadmap=roadmap, title="Transfer", order=2)
    m1 = MeasureFactory(action_field=af1, title="Weiterbildung", order=1)
    m2 = MeasureFactory(action_field=af1, title="Studiengang", order=2)
    m3 = MeasureFactory(action_field=af2, title="Testumgebung", order=1)
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
