"""Tracing with OpenTelemetry: W3C trace context through HTTP and NATS, spans sent by OTLP/HTTP.

Off unless an OTLP endpoint is configured with the standard variables
(``OTEL_EXPORTER_OTLP_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``; ``OTEL_SDK_DISABLED=true``
turns it off again). When off, no SDK, tracer provider or instrumentation is installed: only the
API's W3C propagator carries a caller's ``traceparent`` (or one the gateway starts) through the
gateway, the services and the events, so that log lines keep their ``trace_id``. When on,
``setup`` installs the SDK with an OTLP/HTTP exporter and the httpx instrumentation,
``instrument_app`` the FastAPI one, ``instrument_engine`` the SQLAlchemy one; an event carries
the context of a producer span in its NATS headers, and its consumer continues that trace.

Spans never carry an exception's message or stack trace, nor an error's description: those can
quote submitted values (a database error quotes the row). Only the exception type is kept.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from opentelemetry import context, propagate, trace
from opentelemetry.propagators.textmap import TextMapPropagator
from opentelemetry.trace import NonRecordingSpan, SpanContext, SpanKind, TraceFlags
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider
    from sqlalchemy.ext.asyncio import AsyncEngine

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
# Probes and scrapes every few seconds: no trace of them.
UNTRACED_URLS = "/healthz$,/readyz$,/metrics$"
_TRACE_HEADERS = (b"traceparent", b"tracestate")

_W3C = TraceContextTextMapPropagator()
_provider: TracerProvider | None = None
_tracer: trace.Tracer | None = None


def configured(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether an OTLP endpoint is configured (and the SDK not disabled)."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    return any(environ.get(name, "").strip() for name in ENDPOINT_VARIABLES)


def enabled() -> bool:
    """Whether this process records and exports spans (``setup`` found an endpoint)."""
    return _tracer is not None


def setup(service: str) -> bool:
    """Install the SDK, its OTLP/HTTP exporter and the httpx instrumentation, once per process,
    when an endpoint is configured; otherwise nothing. True when spans are exported."""
    global _provider, _tracer
    if _tracer is not None:
        return True
    if not configured():
        return False
    # Imported here: a process without an endpoint never loads the SDK or an instrumentation.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    from agora_common.telemetry_sdk import NoOrphanClientSpans, ScrubbingExporter

    provider = TracerProvider(
        resource=Resource.create({"service.name": f"agora-{service}"}),
        sampler=NoOrphanClientSpans(),
    )
    provider.add_span_processor(BatchSpanProcessor(ScrubbingExporter(OTLPSpanExporter())))
    trace.set_tracer_provider(provider)
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    _provider = provider
    _tracer = provider.get_tracer("agora")
    return True


def instrument_app(app: FastAPI) -> None:
    """Server spans for every request of ``app`` (but probes and scrapes), when tracing is on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(app, tracer_provider=_provider, excluded_urls=UNTRACED_URLS)


def instrument_engine(engine: AsyncEngine) -> None:
    """Client spans for the queries of ``engine`` (the process's database), when tracing is on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    instrumentor = SQLAlchemyInstrumentor()
    if not instrumentor.is_instrumented_by_opentelemetry:
        # It declares SQLAlchemy < 2.1 and would do nothing with ours (2.1); its engine events
        # are the same in 2.1 (tests/test_telemetry_e2e.py sees the query spans).
        instrumentor.instrument(
            engine=engine.sync_engine, tracer_provider=_provider, skip_dep_check=True
        )


def flush() -> None:
    """Send the spans still buffered (at shutdown)."""
    if _provider is not None:
        _provider.force_flush(timeout_millis=5000)


def _new_trace() -> context.Context:
    """A context in a new trace that nothing records: its id ties the log lines of one request
    and the events it causes together, as when tracing is on."""
    span_context = SpanContext(
        trace_id=secrets.randbits(128) or 1,
        span_id=secrets.randbits(64) or 1,
        is_remote=False,
        trace_flags=TraceFlags(TraceFlags.SAMPLED),
    )
    return trace.set_span_in_context(NonRecordingSpan(span_context))


def _propagator() -> TextMapPropagator:
    """The configured propagators (``OTEL_PROPAGATORS``) when tracing is on; off, W3C trace
    context alone, which is all the logs need and a quarter of the cost."""
    return propagate.get_global_textmap() if _tracer is not None else _W3C


def _continued(carrier: Mapping[str, str]) -> context.Context:
    """The caller's trace context from W3C headers (malformed ones are ignored), or a new one."""
    found = _propagator().extract(carrier)
    if trace.get_current_span(found).get_span_context().is_valid:
        return found
    return _new_trace()


@contextlib.contextmanager
def _attached(ctx: context.Context) -> Iterator[None]:
    token = context.attach(ctx)
    try:
        yield
    finally:
        context.detach(token)


@contextlib.contextmanager
def request_trace(headers: Sequence[tuple[bytes, bytes]]) -> Iterator[None]:
    """The trace of an HTTP request (ASGI headers), for log lines and the calls it makes.

    With tracing on, the FastAPI instrumentation has already started the request's span; off,
    the caller's ``traceparent`` is continued, or a new trace begins.
    """
    if _tracer is not None:
        yield
        return
    carrier = {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in headers
        if name.lower() in _TRACE_HEADERS
    }
    with _attached(_continued(carrier)):
        yield


def event_headers(subject: str) -> dict[str, str]:
    """The NATS headers that carry the current trace to the consumers of an event on
    ``subject`` (W3C ``traceparent``, ``tracestate``); with tracing on, of a producer span."""
    headers: dict[str, str] = {}
    if _tracer is None:
        _W3C.inject(headers)
        return headers
    with _tracer.start_as_current_span(
        f"publish {subject}",
        kind=SpanKind.PRODUCER,
        attributes={"messaging.system": "nats", "messaging.destination.name": subject},
    ):
        propagate.inject(headers)
    return headers


@contextlib.contextmanager
def consuming(
    headers: Mapping[str, str] | None, subject: str, *, span: bool = True
) -> Iterator[None]:
    """Continue the trace an event's NATS headers carry: a consumer span (tracing on and
    ``span``), else only the context, so that log lines name the trace."""
    parent = _continued(headers or {})
    if _tracer is None or not span:
        with _attached(parent):
            yield
        return
    with _tracer.start_as_current_span(
        f"process {subject}",
        context=parent,
        kind=SpanKind.CONSUMER,
        attributes={"messaging.system": "nats", "messaging.destination.name": subject},
    ):
        yield


def trace_id() -> str | None:
    """The current trace id (32 hex digits), None outside any trace."""
    span_context = trace.get_current_span().get_span_context()
    return format(span_context.trace_id, "032x") if span_context.is_valid else None
