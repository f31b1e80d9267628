"""The shape every service shares: lifespan (database, NATS, relay, consumers), health, errors."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from starlette.types import ASGIApp, Receive, Scope, Send

from agora_common import metrics, telemetry
from agora_common.applied import AppliedRequests
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.identity import IdentityVerifier, current_identity
from agora_common.inbox import Consumer, Handler
from agora_common.keys import dev_identity_public_key
from agora_common.logs import configure_logging, request_id_var
from agora_common.metrics import MetricsMiddleware, render
from agora_common.openapi_examples import keep_example_nulls
from agora_common.outbox import OutboxRelay
from agora_common.problems import install_problem_handlers, problem_response
from agora_common.settings import CommonSettings

log = logging.getLogger("agora.app")
NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


@dataclass
class Subscription:
    """Events a service consumes: a durable consumer on one stream."""

    durable: str
    stream: str
    subjects: list[str]
    handlers: dict[str, Handler]


@dataclass
class ServiceSpec:
    name: str
    title: str
    description: str
    settings: CommonSettings
    database_url: str
    routers: list[APIRouter]
    publishes: tuple[str, list[str]] | None = None
    subscriptions: list[Subscription] = field(default_factory=list)
    on_startup: Callable[[FastAPI], Any] | None = None


def from_app_state(attribute: str) -> Any:
    """A dependency giving ``request.app.state.<attribute>`` (set up by the service's startup),
    for ``Annotated[Vault, from_app_state("vault")]`` declared once per service."""

    # async: FastAPI runs a plain ``def`` dependency in a worker thread, a hop per request.
    async def _from_state(request: Request) -> Any:
        return getattr(request.app.state, attribute)

    return Depends(_from_state)


def identity_verifier(settings: CommonSettings) -> IdentityVerifier:
    if settings.internal_verify_key:
        return IdentityVerifier(settings.internal_verify_key.encode())
    if settings.production:
        raise RuntimeError("AGORA_INTERNAL_VERIFY_KEY is required in production")
    return IdentityVerifier(dev_identity_public_key(settings.data_dir))


class RequestContextMiddleware:
    """Carries the gateway's request id and the W3C trace context into logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        rid = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or str(uuid.uuid4())
        rid_token = request_id_var.set(rid)
        try:
            with telemetry.request_trace(scope["headers"]):
                await self.app(scope, receive, send)
        finally:
            request_id_var.reset(rid_token)


async def collect_messaging_metrics(service: str, app: FastAPI) -> None:
    """Set the outbox backlog and consumer gauges from the current state."""
    relay: OutboxRelay | None = app.state.relay
    if relay is not None:
        try:
            metrics.outbox_backlog.labels(service).set(await relay.backlog())
        except Exception as exc:
            log.warning("outbox backlog unknown", extra={"error_type": type(exc).__name__})
    consumer: Consumer
    for consumer in app.state.consumers:
        lag = await consumer.pending()
        if lag is not None:
            metrics.consumer_lag.labels(service, consumer.durable).set(lag)
        metrics.consumer_processed.labels(service, consumer.durable).set(consumer.processed_total)
        metrics.consumer_parked.labels(service, consumer.durable).set(consumer.parked_total)


def create_service_app(spec: ServiceSpec) -> FastAPI:
    """A FastAPI app whose every /v1 route requires the gateway's signed identity."""
    settings = spec.settings
    configure_logging(spec.name, settings.log_level)
    telemetry.setup(spec.name)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(spec.database_url)
        telemetry.instrument_engine(db.engine)
        bus = Bus(
            settings.nats_url,
            f"agora-{spec.name}",
            replicas=settings.nats_stream_replicas,
            max_age_days=settings.nats_stream_max_age_days,
            duplicate_window_seconds=settings.nats_duplicate_window_seconds,
            user=settings.nats_user,
            password=settings.nats_password.get_secret_value() if settings.nats_password else None,
            tls_ca_file=settings.nats_tls_ca_file,
        )
        relay = None
        if spec.publishes:
            bus.want_stream(*spec.publishes)
            relay = OutboxRelay(db, bus)
        consumers = [
            Consumer(
                db,
                bus,
                durable=s.durable,
                stream=s.stream,
                subjects=s.subjects,
                handlers=s.handlers,
            )
            for s in spec.subscriptions
        ]
        app.state.db = db
        app.state.bus = bus
        app.state.relay = relay
        app.state.consumers = consumers
        app.state.identity_verifier = identity_verifier(settings)
        app.state.applied_requests = AppliedRequests()  # Idempotency-Key record (db.py)
        bus.start()
        if relay:
            relay.start()
        for consumer in consumers:
            consumer.start()
        if spec.on_startup:
            await spec.on_startup(app)
        try:
            yield
        finally:
            for consumer in consumers:
                await consumer.stop()
            if relay:
                await relay.stop()
            await bus.close()
            await db.dispose()
            telemetry.flush()

    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version="1.0.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # FastAPI's own OpenTelemetry support asks for the global providers on every request
        # (environment variables included); with tracing off there are none to find.
        telemetry=None if telemetry.enabled() else NO_NATIVE_TELEMETRY,
    )
    install_problem_handlers(app)
    keep_example_nulls(app)
    app.add_middleware(MetricsMiddleware, service=spec.name)
    app.add_middleware(RequestContextMiddleware)
    telemetry.instrument_app(app)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint() -> Response:
        # Scraped inside the platform's network only; aggregates without ids or personal data.
        await collect_messaging_metrics(spec.name, app)
        body, content_type = render()
        return Response(body, media_type=content_type)

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        down = []
        try:
            await app.state.db.ping()
        except Exception:
            down.append("database")
        if not app.state.bus.connected:
            down.append("nats")
        if down:
            return problem_response(503, "Not ready: " + ", ".join(down) + " unavailable.")
        return JSONResponse({"status": "ready"})

    for router in spec.routers:
        app.include_router(router, dependencies=[Depends(current_identity)])
    return app
