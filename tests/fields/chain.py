"""The chain below a theme that the fields tests build again and again (workspace content, URL
matrix, query budgets): a value network with a member, a need of the network and a draft roadmap."""

from tests.factories import (
    NeedFactory,
    NetworkMembershipFactory,
    RoadmapFactory,
    ValueNetworkFactory,
)


def network_chain(theme, actor, name: str, slug: str, *, role: str, need: str) -> dict:
    """Network "Netz {name}" (`slug`) of `theme` with `actor` as member in `role`, the need
    titled `need` and the draft roadmap "Roadmap {name}"."""
    network = ValueNetworkFactory(theme=theme, slug=slug, name=f"Netz {name}")
    return {
        "network": network,
        "membership": NetworkMembershipFactory(network=network, actor=actor, role=role),
        "need": NeedFactory(theme=theme, network=network, title=need),
        "roadmap": RoadmapFactory(network=network, title=f"Roadmap {name}"),
    }
