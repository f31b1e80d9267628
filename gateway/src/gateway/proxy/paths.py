"""Which service and which route template a proxied path stands for (audit and metrics name it)."""

from __future__ import annotations

from agora_common.metrics import route_template
from starlette.types import Scope

from gateway.openapi.templates import match_template


def service_of(scope: Scope) -> str | None:
    """The service a ``/v1/<service>/…`` path goes to; None for the gateway's own paths."""
    parts = scope["path"].split("/")
    if len(parts) < 3 or parts[1] != "v1" or parts[2] not in scope["app"].state.services:
        return None
    return parts[2]


def _known_template(scope: Scope) -> str | None:
    templates = scope["app"].state.route_templates
    return None if templates is None else match_template(templates, scope["method"], scope["path"])


def service_route(scope: Scope) -> str | None:
    """The route template of a path forwarded to a service, None for the gateway's own paths."""
    service = service_of(scope)
    if service is None:
        return None
    return _known_template(scope) or f"/v1/{service}/…"


def metrics_route(scope: Scope) -> str | None:
    """The route template for metrics: a proxied path is named by the service's template."""
    template = route_template(scope)
    if template is None or not template.startswith("/v1/{service}"):
        return template
    if scope["app"].state.route_templates is not None:
        return _known_template(scope)
    service = service_of(scope)
    return f"/v1/{service}/…" if service else None
