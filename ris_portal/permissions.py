"""View helpers built on `ris_portal.roles`: capability checks (403) and scoping (404)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .roles import UserRoles, roles_for


def _check(request, capability: str) -> None:
    if not getattr(roles_for(request.user), capability):
        raise PermissionDenied


class CapabilityRequiredMixin:
    """Anonymous users are sent to the login page; users lacking the capability get 403.

    `capability` names a boolean property of `UserRoles`, e.g. "can_edit_content".
    """

    capability: str = ""
    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.capability:
            _check(request, self.capability)
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a View

    def load_objects(self) -> None:
        """Hook: look up the objects the URL names (scoped, 404) and keep them on the view.

        It runs after the capability check, so that a role without the capability gets 403
        whatever the URL names: looking the object up first would answer 404 for one that
        does not exist and 403 for one that does, telling the visitor which ids exist.
        """

    @property
    def roles(self) -> UserRoles:
        return roles_for(self.request.user)


def capability_required(capability: str):
    """Decorator form of `CapabilityRequiredMixin` for small function views."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            _check(request, capability)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def scope_to_internal_fields(queryset, roles: UserRoles, field_path: str = "field"):
    """Restrict a queryset to the fields whose internals the user may see (else 404 later)."""
    field_ids = roles.internal_field_ids()
    if field_ids is None:
        return queryset
    return queryset.filter(**{f"{field_path}__in": field_ids})


class SelectedObjectMixin:
    """A DetailView's object as a selector finds it: `selector(<the URL's pk or slug>)` returns
    a queryset scoped to what may be shown (a public page: published rows only); empty → 404."""

    selector: Any = None
    kwargs: dict[str, Any]

    def get_object(self, queryset=None):
        value = self.kwargs.get("pk", self.kwargs.get("slug"))
        return get_object_or_404(type(self).selector(value))


class PublicDetailView(SelectedObjectMixin, DetailView):
    """A public page of one row that `selector` finds (see SelectedObjectMixin).

    By convention the template is `<app>/<model>/public_detail.html` and the row is in the
    context under its model name ("roadmap"); `related` names what the page lists besides:
    context name -> function of the row.
    """

    template_name_suffix = "/public_detail"
    related: dict[str, Callable[[Any], Any]] = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({name: rows(self.object) for name, rows in self.related.items()})
        return context
