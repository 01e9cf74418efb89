"""URLs of the thread app × every role: search and results-chain pages."""

from fields.models import Roadmap
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.matrix import NOWHERE, PUBLIC, Case, expect, pk, variants


def _roadmap(field, status: str, slug: str) -> Roadmap:
    network = ValueNetworkFactory(theme=ThemeFactory(field=field), slug=slug, name=f"Netz {slug}")
    roadmap = RoadmapFactory(network=network, title=f"Roadmap {slug}", status=status)
    MeasureFactory(action_field=ActionFieldFactory(roadmap=roadmap, title="HF"), title="Maßnahme")
    return roadmap


def world(cast) -> dict:
    return {
        "published": _roadmap(cast.field_b, Roadmap.Status.PUBLISHED, "pub"),
        "draft_a": _roadmap(cast.field_a, Roadmap.Status.DRAFT, "draft-a"),
        "draft_b": _roadmap(cast.field_b, Roadmap.Status.DRAFT, "draft-b"),
        "submitted_b": _roadmap(cast.field_b, Roadmap.Status.SUBMITTED, "sub-b"),
        "archived": _archived(_roadmap(cast.field_a, Roadmap.Status.PUBLISHED, "arch")),
    }


def _archived(roadmap: Roadmap) -> Roadmap:
    roadmap.is_archived = True
    roadmap.save()
    return roadmap


CASES = [
    Case("thread:search", PUBLIC, query="?q=Netz"),
    Case("thread:search", PUBLIC, query="?q=Netz&art=netzwerke&page=2", label="one-kind"),
    Case("thread:field_chain", PUBLIC, kwargs=lambda c, w: {"slug": c.field_a.slug}),
    # A draft: only those who see the field's internals (404 for everybody else); submitted to
    # the Lenkungskreis: its members see it too.
    *variants(
        "thread:roadmap_chain",
        ("published", PUBLIC, pk("published")),
        ("draft-own-field", expect(404, 404, 200, 404, 200, 200, 200), pk("draft_a")),
        ("draft-foreign-field", expect(404, 404, 404, 404, 200, 200, 200), pk("draft_b")),
        ("submitted", expect(404, 404, 404, 200, 200, 200, 200), pk("submitted_b")),
        ("archived", NOWHERE, pk("archived")),
    ),
]
