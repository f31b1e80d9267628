"""The path templates of the merged document, to name a proxied request by its template."""

from __future__ import annotations

import re
from typing import Any

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}

Templates = list[tuple[str, "re.Pattern[str]", frozenset[str]]]


def route_templates(document: dict[str, Any]) -> Templates:
    """Each path template of the document as a pattern, most specific (fewest parameters) first."""
    out = []
    for template, item in document.get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        methods = frozenset(m.upper() for m in item if m in METHODS)
        out.append((template, re.compile(f"^{pattern}$"), methods))
    out.sort(key=lambda t: (t[0].count("{"), t[0]))
    return out


def match_template(templates: Templates, method: str, path: str) -> str | None:
    for template, pattern, methods in templates:
        if method in methods and pattern.match(path):
            return template
    return None
