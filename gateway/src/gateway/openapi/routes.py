"""The merged OpenAPI document, its Swagger UI and ReDoc pages, and their assets."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from gateway.openapi import pages, service


def add_document_routes(app: FastAPI, services: dict[str, str]) -> None:
    """``/openapi.json`` (the gateway's paths and every service's), ``/docs`` and ``/redoc``."""

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_document() -> JSONResponse:
        return JSONResponse(await service.document(app, services))

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        return pages.swagger_ui(title=app.title, root_path=request.scope.get("root_path", ""))

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        return pages.redoc(title=app.title, root_path=request.scope.get("root_path", ""))

    @app.get(f"{pages.ASSETS_PATH}/{pages.REDOC_BUNDLE}", include_in_schema=False)
    async def redoc_bundle() -> Response:
        return pages.redoc_bundle()

    app.mount(pages.ASSETS_PATH, pages.assets(), name="docs-assets")
