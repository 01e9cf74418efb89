"""The standard pages that `fields.views.workspace.edit_views()` generates lead somewhere real.

A generated create or archive page without `back_to` returns to `list_url_name`; that name must
exist, or the page answers with a 500 after the row was already saved.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fields.views.workspace import WorkspaceArchiveView, WorkspaceCreateView


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "view_class"):
            yield pattern.callback.view_class


def test_every_generated_page_that_returns_to_a_list_names_an_existing_list():
    checked = []
    for view in _views(get_resolver().url_patterns):
        returns_to_list = (
            issubclass(view, WorkspaceArchiveView)
            and not view.back_to
            and view.success_url is WorkspaceArchiveView.success_url
        ) or issubclass(view, WorkspaceCreateView)
        if returns_to_list:
            reverse(view.list_url_name)  # NoReverseMatch fails the test
            checked.append(view.__name__)
    assert {"ThemeArchiveView", "ThemeCreateView", "ActorArchiveView"} <= set(checked)
