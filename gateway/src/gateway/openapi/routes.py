"""The merged OpenAPI document and its Swagger UI."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from gateway.openapi import service


def add_document_routes(app: FastAPI, services: dict[str, str]) -> None:
    """``/openapi.json`` (the gateway's paths and every service's) and ``/docs``."""

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_document() -> JSONResponse:
        return JSONResponse(await service.document(app, services))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Agora API")
