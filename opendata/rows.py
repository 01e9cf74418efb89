"""The rows of the open-data tables: model objects read with the public's roles.

The open data contains exactly what the public reads: the API's selectors with `PUBLIC`.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.urls import reverse

from ris_portal.roles import ANONYMOUS_ROLES

from .schema import Row

PUBLIC = ANONYMOUS_ROLES


def _url(path: str) -> str:
    return settings.SITE_URL + path


class ObjectRow:
    """The row of one object: a column's cell is the object's attribute of the column's name.

    Most columns are plain attributes (`slug`, `field_id`, `published_at`); `computed` gives
    the others (links, joined lists, names of related rows) as functions of the object.
    """

    def __init__(self, obj: Any, computed: Mapping[str, Callable[[Any], Any]]):
        self.obj, self.computed = obj, computed

    def __getitem__(self, name: str) -> Any:
        compute = self.computed.get(name)
        return compute(self.obj) if compute else getattr(self.obj, name)


def object_rows(objects: Iterable, **computed: Callable[[Any], Any]) -> Iterator[tuple[Row, Any]]:
    """A table's rows from model objects; a row's last change is its object's `updated_at`."""
    for obj in objects:
        yield ObjectRow(obj, computed), obj.updated_at


def public_rows(
    selector: Callable, *order: str, **computed: Callable[[Any], Any]
) -> Callable[[], Iterator[tuple[Row, Any]]]:
    """A table's `rows`: the objects an API selector gives the public, in primary-key order
    (or `order`), with the `computed` columns."""
    return lambda: object_rows(selector(PUBLIC).order_by(*(order or ("pk",))), **computed)


def page_url(obj) -> str:
    """The full address of the object's public page (its `get_absolute_url()`)."""
    return _url(obj.get_absolute_url())


def page_of(url_name: str, key: str = "pk") -> Callable[[Any], str]:
    """The full address of a named page of the object, found by its `key` attribute."""
    return lambda obj: _url(reverse(url_name, kwargs={key: getattr(obj, key)}))
