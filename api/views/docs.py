"""The API root, its OpenAPI schema and the server-rendered documentation page.

The documentation is rendered from the same schema on the server (no Swagger UI or Redoc):
no external requests, no inline scripts or styles (a strict CSP holds), and it is an ordinary
accessible KERN page in German.
"""

from __future__ import annotations

import threading

from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from .resources import ROUTES

_schema_cache: dict[str, dict] = {}
_schema_lock = threading.Lock()


def api_schema() -> dict:
    """The OpenAPI document (generated once per process and language: it never changes while
    the code does not)."""
    language = get_language() or "de"
    with _schema_lock:
        if language not in _schema_cache:
            generator = SchemaGenerator(patterns=None, urlconf=None)
            _schema_cache[language] = generator.get_schema(request=None, public=True)
        return _schema_cache[language]


class ApiRootView(APIView):
    """GET /api/v1/: what there is, with absolute links."""

    @extend_schema(exclude=True)
    def get(self, request):
        absolute = request.build_absolute_uri
        return Response(
            {
                "name": "RIS-Portal Thüringen – API",
                "version": "1",
                "documentation": absolute(reverse("api:docs")),
                "schema": absolute(reverse("api:schema")),
                "open_data": absolute(reverse("opendata:index")),
                "resources": {
                    prefix.replace("-", "_"): absolute(reverse(f"api:{basename}-list"))
                    for prefix, _viewset, basename in ROUTES
                },
            }
        )


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: YAML by default, JSON with `?format=json` or Accept header."""

    def _get_schema_response(self, request):
        return Response(
            data=api_schema(),
            headers={"Content-Disposition": 'inline; filename="ris-portal-api.yaml"'},
        )


METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict, node: dict | None) -> dict:
    while node and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"].get(name, {})
    return node or {}


def _properties(schema: dict, node: dict) -> list[dict]:
    node = _resolve(schema, node)
    if node.get("type") == "array":
        node = _resolve(schema, node.get("items"))
    rows = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(schema, prop) if "$ref" in prop else prop
        kind = resolved.get("type") or ("object" if "allOf" in resolved else "")
        if kind == "array":
            item = _resolve(schema, resolved.get("items"))
            kind = f"Liste von {item.get('type', 'object')}"
        if resolved.get("enum"):
            kind = f"{kind or 'string'}: " + ", ".join(str(v) for v in resolved["enum"] if v)
        rows.append(
            {
                "name": name,
                "type": kind or "string",
                "required": name in required,
                "description": prop.get("description") or resolved.get("description", ""),
            }
        )
    return rows


def _operations(schema: dict) -> list[dict]:
    sections: dict[str, dict] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHOD_ORDER:
            op = item.get(method)
            if op is None:
                continue
            tag = (op.get("tags") or ["api"])[0]
            section = sections.setdefault(tag, {"tag": tag, "operations": []})
            ok = op.get("responses", {}).get("200") or op.get("responses", {}).get("201") or {}
            content = ok.get("content", {}).get("application/json", {})
            request_body = op.get("requestBody", {}).get("content", {}).get("application/json")
            section["operations"].append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p.get("in", ""),
                            "type": p.get("schema", {}).get("type", "string"),
                            "enum": p.get("schema", {}).get("enum", []),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "request": _properties(schema, request_body.get("schema"))
                    if request_body
                    else [],
                    "response": _response_fields(schema, content.get("schema")),
                    "needs_token": any("token" in s for s in op.get("security", [])),
                }
            )
    return sorted(sections.values(), key=lambda s: s["tag"])


def _response_fields(schema: dict, node: dict | None) -> list[dict]:
    node = _resolve(schema, node)
    # Paginated lists: describe the rows, not the envelope.
    results = node.get("properties", {}).get("results")
    if results is not None and "count" in node.get("properties", {}):
        return _properties(schema, results)
    return _properties(schema, node)


class ApiDocsView(TemplateView):
    template_name = "api/docs/index.html"

    def get_context_data(self, **kwargs):
        schema = api_schema()
        base = self.request.build_absolute_uri(reverse("api:root"))
        return super().get_context_data(
            info=schema.get("info", {}),
            sections=_operations(schema),
            base_url=base,
            schema_url=reverse("api:schema"),
            example_url=base + "roadmaps/?field=ips",
            **kwargs,
        )
