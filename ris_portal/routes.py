"""URL patterns of the apps: one route a line, and the standard routes of an edited entity."""

from django.urls import include, path

# The standard views of an entity in a staff area: their path below the entity's prefix, by key.
# An app names the views it has; the URL names are `<name>_<key>` ("theme_update").
STANDARD_ROUTES = {
    "list": "",
    "create": "neu/",
    "detail": "<int:pk>/",
    "update": "<int:pk>/bearbeiten/",
    "archive": "<int:pk>/archivieren/",
    "history": "<int:pk>/verlauf/",
}


def route(pattern: str, view, name: str, **initkwargs):
    """`path()` for a view function or a class-based view (then with `as_view(**initkwargs)`)."""
    if isinstance(view, type):
        view = view.as_view(**initkwargs)
    return path(pattern, view, name=name)


def crud(prefix: str, name: str, views: dict) -> list:
    """The standard routes (see STANDARD_ROUTES) of one entity below `prefix` ("…/themen/")."""
    return [
        route(prefix + STANDARD_ROUTES[key], view, f"{name}_{key}") for key, view in views.items()
    ]


def below(prefix: str, *routes):
    """Routes that share a path prefix (a prefix without converters: the routes carry those)."""
    return path(prefix, include(list(routes)))
