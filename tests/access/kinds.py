"""All object kinds of the object-access test, by name."""

from . import (
    kinds_api,
    kinds_fields,
    kinds_governance,
    kinds_monitoring,
    kinds_personal,
    kinds_recommendations,
)
from .world import Kind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        *kinds_fields.KINDS,
        *kinds_governance.KINDS,
        *kinds_monitoring.KINDS,
        *kinds_recommendations.KINDS,
        *kinds_api.KINDS,
        *kinds_personal.KINDS,
    )
}
