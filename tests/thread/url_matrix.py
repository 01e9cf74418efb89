"""URLs of the thread app × every role: search and results-chain pages."""

from fields.models import Roadmap
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.matrix import PUBLIC, Case, expect

NOWHERE = expect(404, 404, 404, 404, 404, 404, 404)


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


def _pk(key):
    return lambda c, w: {"pk": w[key].pk}


CASES = [
    Case("thread:search", PUBLIC, query="?q=Netz"),
    Case("thread:search", PUBLIC, query="?q=Netz&art=netzwerke&page=2", label="one-kind"),
    Case("thread:field_chain", PUBLIC, kwargs=lambda c, w: {"slug": c.field_a.slug}),
    Case("thread:roadmap_chain", PUBLIC, kwargs=_pk("published"), label="published"),
    # A draft: only those who see the field's internals (404 for everybody else).
    Case(
        "thread:roadmap_chain",
        expect(404, 404, 200, 404, 200, 200, 200),
        kwargs=_pk("draft_a"),
        label="draft-own-field",
    ),
    Case(
        "thread:roadmap_chain",
        expect(404, 404, 404, 404, 200, 200, 200),
        kwargs=_pk("draft_b"),
        label="draft-foreign-field",
    ),
    # Submitted to the Lenkungskreis: its members see it too.
    Case(
        "thread:roadmap_chain",
        expect(404, 404, 404, 200, 200, 200, 200),
        kwargs=_pk("submitted_b"),
        label="submitted",
    ),
    Case("thread:roadmap_chain", NOWHERE, kwargs=_pk("archived"), label="archived"),
]
