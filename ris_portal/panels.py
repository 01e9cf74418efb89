"""Extension point: panels that apps higher up add to the object pages of apps below them.

The layering is fields ← governance, monitoring ← reports, thread: a lower app must not import a
higher one. Yet a measure's page (fields) should show the activities and indicators behind it
(monitoring) and the decision on its roadmap (governance). Instead of importing upwards, a page
renders `{% object_panels obj %}` (or `{% object_panels obj public=True %}` on public pages), and
whichever installed app registered a provider for that model contributes its HTML. The `thread`
app registers the golden-thread panel for every object of the strategy chain in its `ready()`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

# provider(obj, *, request, public: bool) -> rendered HTML ("" for nothing to show)
Provider = Callable[..., str]
_PROVIDERS: dict[str, list[Provider]] = {}


def register_panel(model_label: str, provider: Provider) -> None:
    """Register `provider` for objects of `model_label` ("app_label.modelname", lower case)."""
    providers = _PROVIDERS.setdefault(model_label.lower(), [])
    if provider not in providers:
        providers.append(provider)


def render_panels(obj, *, request, public: bool = False) -> SafeString:
    if obj is None:
        return mark_safe("")
    label = obj._meta.label_lower
    parts = [
        provider(obj, request=request, public=public) for provider in _PROVIDERS.get(label, [])
    ]
    # Providers render templates (autoescaped); their output is already safe HTML.
    return mark_safe("".join(part for part in parts if part))  # noqa: S308
