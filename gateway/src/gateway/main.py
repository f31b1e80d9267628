"""The gateway: the one door for every participating state."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from agora_common import telemetry
from agora_common.app import NO_NATIVE_TELEMETRY
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from agora_common.keys import dev_identity_private_key, load_or_create, random_secret
from agora_common.logs import configure_logging
from agora_common.metrics import MetricsMiddleware
from agora_common.problems import install_problem_handlers
from fastapi import FastAPI

from gateway.asyncapi.routes import router as asyncapi_router
from gateway.audit.routes import router as audit_router
from gateway.audit.writer import audit_writer_running
from gateway.auth.cache import client_cache_running
from gateway.auth.routes import router as auth_router
from gateway.auth.tokens import TokenIssuer
from gateway.checkpoints.routes import router as checkpoints_router
from gateway.clients import service as clients
from gateway.clients.routes import router as clients_router
from gateway.clients.sealing import SecretSealer
from gateway.config import Settings
from gateway.console.routes import router as console_router
from gateway.console.service import new_console_client
from gateway.idempotency.service import IdempotencyStore
from gateway.openapi.routes import add_document_routes
from gateway.openapi.service import prepare_document
from gateway.operations.routes import router as operations_router
from gateway.overview.routes import router as overview_router
from gateway.pipeline.middleware import GatewayPipeline
from gateway.proxy.paths import metrics_route
from gateway.proxy.routes import router as proxy_router
from gateway.proxy.service import new_http_client, new_upstream
from gateway.request_context import GatewayRequestContext
from gateway.safeguards import audit_safeguards
from gateway.stewardship.routes import router as stewardship_router
from gateway.webhooks.routes import router as webhooks_router
from gateway.webhooks.runtime import webhooks_running

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


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.check_keys()
    configure_logging("gateway", settings.log_level)
    telemetry.setup("gateway")
    services = settings.services()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.resolved_database_url())
        telemetry.instrument_engine(db.engine)
        app.state.db = db
        app.state.tokens = TokenIssuer(_token_key(settings), settings.token_ttl_seconds)
        app.state.signer = IdentitySigner(_signing_key(settings))
        # mTLS to the services (refused missing in production, docs/deploy.md).
        upstream_tls = settings.upstream_tls()
        app.state.upstream = new_upstream(settings.upstream_timeout_seconds, upstream_tls)
        app.state.http = new_http_client(settings.upstream_timeout_seconds, upstream_tls)
        app.state.services = services
        app.state.console_http = new_console_client(settings.upstream_timeout_seconds)
        app.state.openapi = None
        app.state.route_templates = None
        app.state.idempotency = IdempotencyStore(
            db,
            _token_key(settings),
            stale_after=timedelta(seconds=settings.upstream_timeout_seconds + 20),
        )
        app.state.settings = settings
        app.state.sealer = SecretSealer(_token_key(settings))
        async with db.transaction() as session:
            await clients.bootstrap_admin(
                session,
                client_id=settings.admin_client_id,
                secret=settings.admin_client_secret,
                data_dir=settings.data_dir,
                second_client_id=settings.second_admin_client_id,
                second_secret=settings.second_admin_client_secret,
                production=settings.production,
            )
        preparing = asyncio.create_task(prepare_document(app, services), name="openapi-merge")
        try:
            async with (
                audit_writer_running(db) as app.state.audit_writer,
                audit_safeguards(app, settings, db),
                # Revocations are heard on the checkpoint publisher's NATS connection.
                client_cache_running(
                    db, app.state.anchor.bus, settings.auth_cache_seconds
                ) as app.state.client_cache,
                webhooks_running(app, db, _token_key(settings)),
            ):
                yield
        finally:
            preparing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await preparing
            await app.state.upstream.aclose()
            await app.state.http.aclose()
            await app.state.console_http.aclose()
            await db.dispose()
            telemetry.flush()

    app = FastAPI(
        title="Agora",
        description=DESCRIPTION,
        version="1.0.0",
        lifespan=lifespan,
        openapi_url=None,
        # FastAPI's own OpenTelemetry support asks for the global providers on every request
        # (environment variables included); with tracing off there are none to find.
        telemetry=None if telemetry.enabled() else NO_NATIVE_TELEMETRY,
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    # Outermost last: request context → metrics → limits, auth, idempotency, audit → routes.
    app.add_middleware(
        GatewayPipeline,
        rate_limit_per_minute=settings.rate_limit_per_minute,
        token_attempts_per_minute=settings.token_attempts_per_minute,
        token_requests_per_address_per_minute=settings.token_requests_per_address_per_minute,
        anonymous_requests_per_address_per_minute=settings.anonymous_requests_per_address_per_minute,
        trusted_proxies=settings.trusted_proxy_networks(),
    )
    app.add_middleware(MetricsMiddleware, service="gateway", route_of=metrics_route)
    app.add_middleware(GatewayRequestContext)
    telemetry.instrument_app(app)
    app.include_router(auth_router)
    app.include_router(clients_router)
    app.include_router(stewardship_router)
    app.include_router(audit_router)
    app.include_router(checkpoints_router)
    app.include_router(overview_router)
    app.include_router(operations_router)
    app.include_router(webhooks_router)
    add_document_routes(app, services)
    app.include_router(asyncapi_router)
    app.include_router(console_router)
    app.include_router(proxy_router)  # last: every other /v1/<service>/… path
    return app
