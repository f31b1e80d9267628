"""One OpenAPI 3.1 document for every public path: the gateway's own and each service's."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

import httpx

log = logging.getLogger("agora.gateway.openapi")
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}

SECURITY_SCHEMES = {
    "oauth2": {
        "type": "oauth2",
        "description": "OAuth 2.0 client credentials (RFC 6749 §4.4).",
        "flows": {"clientCredentials": {"tokenUrl": "/v1/auth/token", "scopes": {}}},
    },
    "bearer": {"type": "http", "scheme": "bearer"},
}


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                name = value.rsplit("/", 1)[-1]
                if name in renames:
                    value = f"#/components/schemas/{renames[name]}"
            out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, renames) for v in node]
    return node


def merge(own: dict[str, Any], services: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The gateway's document plus every service's ``/v1`` paths and their schemas."""
    doc = copy.deepcopy(own)
    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    for service, spec in services.items():
        theirs: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        renames = {
            name: f"{service.capitalize()}{name}"
            for name, schema in theirs.items()
            if name in schemas and schemas[name] != schema
        }
        spec = _rewrite_refs(spec, renames)
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas[renames.get(name, name)] = schema
        for path, item in spec.get("paths", {}).items():
            if path.startswith("/v1/"):
                doc["paths"][path] = item
    doc["components"]["securitySchemes"] = SECURITY_SCHEMES
    doc["paths"] = dict(sorted(doc["paths"].items()))
    return doc


async def fetch_service_documents(
    http: httpx.AsyncClient, services: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Each reachable service's document, and the names of those that did not answer."""
    documents, missing = {}, []
    for name, url in services.items():
        try:
            response = await http.get(f"{url}/openapi.json", timeout=5)
            response.raise_for_status()
            documents[name] = response.json()
        except (httpx.HTTPError, ValueError):
            missing.append(name)
    return documents, missing


Templates = list[tuple[str, "re.Pattern[str]", frozenset[str]]]


def route_templates(document: dict[str, Any]) -> Templates:
    """Each path template of the document as a pattern, most specific (fewest parameters) first."""
    out = []
    for template, item in document.get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        methods = frozenset(m.upper() for m in item if m in _METHODS)
        out.append((template, re.compile(f"^{pattern}$"), methods))
    out.sort(key=lambda t: (t[0].count("{"), t[0]))
    return out


def match_template(templates: Templates, method: str, path: str) -> str | None:
    for template, pattern, methods in templates:
        if method in methods and pattern.match(path):
            return template
    return None
