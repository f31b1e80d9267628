"""Prometheus metrics: requests by route template and status, latency, outbox backlog, lag.

Labels hold only bounded, non-identifying values: the service name, the HTTP method, the route
*template* (``/v1/actors/{actor_id}``, never the path itself) and the status code. A request that
matched no route is counted under ``unmatched``, so a scanner cannot grow the label set.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("agora.access")
REGISTRY = CollectorRegistry(auto_describe=True)
UNMATCHED = "unmatched"
_QUIET = frozenset({"/healthz", "/readyz", "/metrics"})

http_requests = Counter(
    "agora_http_requests",
    "HTTP requests handled, by route template and status.",
    ["service", "method", "route", "status"],
    registry=REGISTRY,
)
http_latency = Histogram(
    "agora_http_request_duration_seconds",
    "Time to handle an HTTP request, by route template.",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
outbox_backlog = Gauge(
    "agora_outbox_backlog",
    "Outbox events committed but not yet published to NATS.",
    ["service"],
    registry=REGISTRY,
)
consumer_lag = Gauge(
    "agora_consumer_lag",
    "Events in the stream the durable consumer has not yet acknowledged.",
    ["service", "consumer"],
    registry=REGISTRY,
)
consumer_processed = Gauge(
    "agora_consumer_processed_events",
    "Events applied by this process's consumer since it started.",
    ["service", "consumer"],
    registry=REGISTRY,
)
consumer_parked = Gauge(
    "agora_consumer_parked_events",
    "Events parked on the dead-letter subject by this process's consumer since it started.",
    ["service", "consumer"],
    registry=REGISTRY,
)

RouteOf = Callable[[Scope], str | None]


def route_template(scope: Scope) -> str | None:
    """The template of the route that handled the request, if one did."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else None


class MetricsMiddleware:
    """Counts and times every HTTP request under its route template."""

    def __init__(self, app: ASGIApp, *, service: str, route_of: RouteOf = route_template) -> None:
        self.app = app
        self.service = service
        self.route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = time.perf_counter() - started
            route = self.route_of(scope) or UNMATCHED
            method = scope["method"] if route != UNMATCHED else "other"
            http_requests.labels(self.service, method, route, str(status)).inc()
            http_latency.labels(self.service, method, route).observe(elapsed)
            # The template, never the path: paths carry ids. Probes and scrapes stay quiet.
            access_log.log(
                logging.DEBUG if route in _QUIET else logging.INFO,
                "request handled",
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
