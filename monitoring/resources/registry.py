"""Which resource imports which kind, and the downloadable templates."""

from __future__ import annotations

import tablib

from ..models import ImportBatch
from .activities import ActivityImportResource
from .actors import ActorImportResource
from .engine import BaseImportResource
from .indicator_values import IndicatorValueImportResource

IMPORT_RESOURCES: dict[str, type[BaseImportResource]] = {
    ImportBatch.Kind.ACTIVITIES: ActivityImportResource,
    ImportBatch.Kind.INDICATOR_VALUES: IndicatorValueImportResource,
    ImportBatch.Kind.ACTORS: ActorImportResource,
}


def template_dataset(kind: str):
    resource = IMPORT_RESOURCES[kind]
    dataset = tablib.Dataset(headers=[c.header for c in resource.columns])
    dataset.append([c.example for c in resource.columns])
    return dataset
