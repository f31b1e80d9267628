"""The merged document, kept in the app's state once every service contributed its part."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from agora_common.openapi_examples import restore_example_nulls
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gateway.openapi.document import fetch_service_documents, merge
from gateway.openapi.templates import route_templates

log = logging.getLogger("agora.gateway")


async def merged_document(app: FastAPI, services: dict[str, str]) -> dict[str, Any]:
    """The merged document; kept once every service contributed its part."""
    own = restore_example_nulls(
        get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        ),
        app.routes,
        separate_input_output=app.separate_input_output_schemas,
    )
    documents, missing = await fetch_service_documents(app.state.http, services)
    merged = merge(own, documents)
    merged["security"] = [{"oauth2": []}, {"bearer": []}]
    if not missing:
        app.state.route_templates = route_templates(merged)
        app.state.openapi = merged
    return merged


async def document(app: FastAPI, services: dict[str, str]) -> dict[str, Any]:
    """The kept document, or the best merge possible now."""
    kept: dict[str, Any] | None = app.state.openapi
    return kept or await merged_document(app, services)


async def prepare_document(app: FastAPI, services: dict[str, str]) -> None:
    """Merge until every service contributed (early, so metrics name proxied routes at once)."""
    while app.state.openapi is None:
        try:
            await merged_document(app, services)
        except Exception as exc:
            log.warning("OpenAPI not merged yet", extra={"error_type": type(exc).__name__})
        if app.state.openapi is None:
            await asyncio.sleep(2)
