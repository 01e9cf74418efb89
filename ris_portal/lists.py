"""List pages: a list behind a capability, and lists filtered by the query string
(`?status=…&jahr=…`) with one way to read a filter value and to hand the chosen values back to
the filter form."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.views.generic import ListView

from .permissions import CapabilityRequiredMixin


class CapabilityListView(CapabilityRequiredMixin, ListView):
    """A list behind a capability (`capability`, by default editors), 25 rows a page."""

    capability = "can_edit_content"
    paginate_by = 25


class QueryFilterMixin:
    """For a ListView: filter values read from the query string.

    `filters` maps a query parameter to the context name of its value as given (the selection
    the filter form shows: "feld" -> "selected_field"). `get_queryset()` reads the values it
    filters by with `choice()` and `number()`: a value that is not valid means "no filter".
    """

    request: HttpRequest
    filters: dict[str, str] = {}

    def param(self, name: str) -> str:
        return self.request.GET.get(name, "")

    def choice(self, name: str, choices: type[models.TextChoices]) -> str:
        """The parameter if it is one of `choices`, else ""."""
        value = self.param(name)
        return value if value in choices.values else ""

    def number(self, name: str) -> int | None:
        """The parameter as a whole number (an id, a year) written in digits only, else None:
        "-1", " 6" or "²" are no filter, as the lists treated them before they shared this."""
        value = self.param(name)
        return int(value) if value.isascii() and value.isdigit() else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        selected = {context_name: self.param(name) for name, context_name in self.filters.items()}
        return super().get_context_data(**selected, **kwargs)  # type: ignore[misc]
