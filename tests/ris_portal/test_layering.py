"""The wiring depends on nothing above it: `ris_portal` imports no domain app.

Domain apps plug in through `ris_portal.extensions` (navigation, seed data, home-page blocks)
and `ris_portal.roles.register_resolver` (roles from memberships). Only the configuration
(`settings.py`: INSTALLED_APPS, `urls.py`: the root URLconf, `celery.py`: the one periodic
schedule by task name) names the apps, as strings.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
WIRING = ROOT / "ris_portal"
CONFIGURATION = {WIRING / "settings.py", WIRING / "urls.py", WIRING / "celery.py"}


def _domain_apps() -> set[str]:
    return {
        app
        for app in settings.INSTALLED_APPS
        if "." not in app and app != "ris_portal" and (ROOT / app / "apps.py").exists()
    }


def _names_a_domain_app(name: str, domain: set[str]) -> bool:
    return name.split(".")[0] in domain


def _violations() -> list[str]:
    domain = _domain_apps()
    found = []
    for path in sorted(WIRING.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [
                    f"{where}:{node.lineno} import {a.name}"
                    for a in node.names
                    if _names_a_domain_app(a.name, domain)
                ]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if _names_a_domain_app(node.module, domain):
                    found.append(f"{where}:{node.lineno} from {node.module} import …")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and path not in CONFIGURATION
                and " " not in node.value
                and any(node.value == app or node.value.startswith(f"{app}.") for app in domain)
            ):
                # import_module("fields.seed") is an import too.
                found.append(f"{where}:{node.lineno} names {node.value!r}")
    return found


def test_the_domain_apps_are_found():
    assert {"fields", "governance", "monitoring", "reports"} <= _domain_apps()


def test_ris_portal_imports_no_domain_app():
    assert _violations() == []


def test_ris_portal_has_no_import_cycle():
    """concurrency → (nothing of ours); history → concurrency; merge → history; editing → all."""
    imports: dict[str, set[str]] = {}
    for path in WIRING.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 and node.module:
                    targets.add(node.module.split(".")[0])
                elif node.module and node.module.startswith("ris_portal."):
                    targets.add(node.module.split(".")[1])
        imports[path.stem] = targets

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for target in imports.get(start, ()):
            if target == goal or (target not in seen and reaches(target, goal, seen | {target})):
                return True
        return False

    cycles = sorted(module for module in imports if reaches(module, module, {module}))
    assert cycles == []
