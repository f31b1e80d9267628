"""The gateway: the one door for every participating state."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from agora_common.app import RequestContextMiddleware
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from agora_common.keys import dev_identity_private_key, load_or_create, random_secret
from agora_common.logs import configure_logging
from agora_common.metrics import MetricsMiddleware, route_template
from agora_common.metrics import render as render_metrics
from agora_common.problems import NotFound, install_problem_handlers, problem_response
from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.types import Scope

from gateway import clients, openapi, proxy
from gateway.config import Settings
from gateway.idempotency import IdempotencyStore
from gateway.pipeline import GatewayPipeline
from gateway.routes import admin_router, audit_router, auth_router, coordination_router
from gateway.tokens import CurrentPrincipal, Principal, TokenIssuer, require_role

log = logging.getLogger("agora.gateway")

DESCRIPTION = """\
Agora is the coordination platform of like-minded states and donors that host and support the
relocated Russian public sphere. This is the single endpoint for participating states.

Get a token with `POST /v1/auth/token` (OAuth 2.0 client credentials), then call every other
operation with `Authorization: Bearer <token>`. Errors are `application/problem+json`.
"""


def _signing_key(settings: Settings) -> bytes:
    if settings.internal_signing_key:
        return settings.internal_signing_key.encode()
    if settings.production:
        raise RuntimeError("AGORA_INTERNAL_SIGNING_KEY is required in production")
    return dev_identity_private_key(settings.data_dir)


def _token_key(settings: Settings) -> bytes:
    if settings.token_key:
        return settings.token_key.encode()
    if settings.production:
        raise RuntimeError("AGORA_GATEWAY_TOKEN_KEY is required in production")
    return load_or_create(settings.data_dir / "keys" / "gateway-token.key", random_secret)


def gateway_route(scope: Scope) -> str | None:
    """The route template for metrics: a proxied path is named by the service's template."""
    template = route_template(scope)
    if template is None or not template.startswith("/v1/{service}"):
        return template
    templates = scope["app"].state.route_templates
    if templates is not None:
        return openapi.match_template(templates, scope["method"], scope["path"])
    service = scope["path"].split("/")[2] if scope["path"].count("/") >= 2 else ""
    return f"/v1/{service}/…" if service in scope["app"].state.services else None


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("gateway", settings.log_level)
    services = settings.services()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.resolved_database_url())
        app.state.db = db
        app.state.tokens = TokenIssuer(_token_key(settings), settings.token_ttl_seconds)
        app.state.signer = IdentitySigner(_signing_key(settings))
        app.state.http = proxy.new_http_client(settings.upstream_timeout_seconds)
        app.state.services = services
        app.state.openapi = None
        app.state.route_templates = None
        app.state.idempotency = IdempotencyStore(db, _token_key(settings))
        async with db.transaction() as session:
            await clients.bootstrap_admin(
                session,
                client_id=settings.admin_client_id,
                secret=settings.admin_client_secret,
                data_dir=settings.data_dir,
            )
        preparing = asyncio.create_task(prepare_document(), name="openapi-merge")
        try:
            yield
        finally:
            preparing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await preparing
            await app.state.http.aclose()
            await db.dispose()

    app = FastAPI(
        title="Agora",
        description=DESCRIPTION,
        version="1.0.0",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    # Outermost last: request context → metrics → limits, auth, idempotency, audit → routes.
    app.add_middleware(
        GatewayPipeline,
        rate_limit_per_minute=settings.rate_limit_per_minute,
        token_attempts_per_minute=settings.token_attempts_per_minute,
    )
    app.add_middleware(MetricsMiddleware, service="gateway", route_of=gateway_route)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(auth_router)
    app.include_router(admin_router)
    app.include_router(audit_router)
    app.include_router(coordination_router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> Response:
        http = request.app.state.http

        async def check(name: str, url: str) -> str | None:
            try:
                response = await http.get(f"{url}/readyz", timeout=2)
            except Exception:
                return name
            if response.status_code != 200:
                detail = ""
                with contextlib.suppress(ValueError, AttributeError):
                    detail = str(response.json().get("detail", ""))
                return f"{name} ({detail.removeprefix('Not ready: ').rstrip('.')[:100]})"
            return None

        down = [d for d in await asyncio.gather(*(check(n, u) for n, u in services.items())) if d]
        try:
            await request.app.state.db.ping()
        except Exception:
            down.append("gateway database")
        if down:
            return problem_response(503, "Not ready: " + "; ".join(down) + ".")
        return JSONResponse({"status": "ready"})

    def own_document() -> dict[str, Any]:
        return get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )

    async def merged_document() -> dict[str, Any]:
        """The merged document; kept once every service contributed its part."""
        documents, missing = await openapi.fetch_service_documents(app.state.http, services)
        merged = openapi.merge(own_document(), documents)
        merged["security"] = [{"oauth2": []}, {"bearer": []}]
        if not missing:
            app.state.route_templates = openapi.route_templates(merged)
            app.state.openapi = merged
        return merged

    async def prepare_document() -> None:
        # Early, so that metrics name proxied routes by their templates from the start.
        while app.state.openapi is None:
            try:
                await merged_document()
            except Exception as exc:
                log.warning("OpenAPI not merged yet", extra={"error_type": type(exc).__name__})
            if app.state.openapi is None:
                await asyncio.sleep(2)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_document() -> JSONResponse:
        return JSONResponse(app.state.openapi or await merged_document())

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(_: Principal = require_role("admin")) -> Response:
        body, content_type = render_metrics()
        return Response(body, media_type=content_type)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Agora API")

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @app.api_route("/v1/{service}", methods=methods, include_in_schema=False)
    @app.api_route("/v1/{service}/{rest:path}", methods=methods, include_in_schema=False)
    async def route_to_service(
        service: str, request: Request, principal: CurrentPrincipal, rest: str = ""
    ) -> Response:
        base_url = services.get(service)
        if base_url is None:
            raise NotFound("No such resource.")
        return await proxy.forward(
            request,
            base_url=base_url,
            principal=principal,
            http=request.app.state.http,
            signer=request.app.state.signer,
        )

    return app
