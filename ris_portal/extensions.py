"""Where the domain apps plug into the wiring, so that `ris_portal` imports none of them.

The wiring (roles, home page, navigation, demo data) needs something from the apps above it.
Instead of importing them, it asks the installed apps:

- `app_modules(name)`: the `<app>.<name>` module of every installed app that has one, in the
  order of `INSTALLED_APPS` (navigation items, seed data);
- home-page blocks an app registers in its `AppConfig.ready()` with `register_home_block`;
- role resolvers (memberships in bodies) an app registers with `ris_portal.roles.register_resolver`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.template.loader import render_to_string


def app_modules(name: str) -> list[ModuleType]:
    """`<app>.<name>` of every installed project app that has such a module."""
    modules = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        if config.name.startswith("django.") or find_spec(config.name) is None:
            continue
        try:
            if find_spec(module_name) is None:
                continue
        except ModuleNotFoundError:
            continue
        modules.append(import_module(module_name))
    return modules


@dataclass(frozen=True)
class HomeBlock:
    """A section of the home page: a template and the context it needs."""

    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 100


_home_blocks: list[HomeBlock] = []


def register_home_block(block: HomeBlock) -> None:
    """Add (or replace, by template) a home-page block; called from `AppConfig.ready`."""
    _home_blocks[:] = [b for b in _home_blocks if b.template != block.template] + [block]
    _home_blocks.sort(key=lambda b: b.order)


def home_blocks(request: HttpRequest) -> list[str]:
    """The registered blocks, rendered (HTML) in their order, for `home.html`."""
    return [render_to_string(b.template, b.context(request), request) for b in _home_blocks]
