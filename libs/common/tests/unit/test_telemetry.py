"""Tracing: off unless an OTLP endpoint is configured (nothing installed then), W3C trace context
carried through requests and events either way, and spans that never carry exception messages."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
from agora_common import telemetry
from agora_common.logs import JsonFormatter
from opentelemetry import trace
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.sampling import Decision
from opentelemetry.trace import SpanContext, SpanKind, TraceFlags
from opentelemetry.trace.status import Status, StatusCode

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"

# A service app built and asked for /healthz in a fresh interpreter; what it installed, as JSON.
PROBE = textwrap.dedent(
    """
    import asyncio, json, sys
    import httpx
    from agora_common import telemetry
    from pathlib import Path
    from agora_common.app import ServiceSpec, create_service_app
    from agora_common.keys import dev_identity_private_key
    from agora_common.settings import CommonSettings
    from opentelemetry import trace

    dev_identity_private_key(Path(sys.argv[1]))  # as the supervisor does before a service starts
    app = create_service_app(ServiceSpec(
        name="probe", title="probe", description="probe",
        settings=CommonSettings(data_dir=sys.argv[1], nats_url="nats://127.0.0.1:9"),
        database_url="sqlite+aiosqlite:///" + sys.argv[1] + "/probe.db", routers=[],
    ))

    async def healthz():
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app):  # the database engine, NATS (not there)
            async with httpx.AsyncClient(transport=transport, base_url="http://probe") as http:
                return (await http.get("/healthz")).status_code

    status = asyncio.run(healthz())
    print(json.dumps({
        "status": status,
        "enabled": telemetry.enabled(),
        "provider": type(trace.get_tracer_provider()).__name__,
        "loaded": sorted(
            m for m in sys.modules
            if m.startswith(("opentelemetry.sdk", "opentelemetry.instrumentation"))
        ),
    }))
    """
)


def probe(tmp_path: Path, **otel: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")} | otel
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_without_an_endpoint_no_tracer_provider_or_instrumentation_is_installed(
    tmp_path: Path,
) -> None:
    found = probe(tmp_path)
    assert found == {
        "status": 200,
        "enabled": False,
        "provider": "ProxyTracerProvider",
        "loaded": [],
    }


def test_with_an_endpoint_the_sdk_and_instrumentations_are_installed(tmp_path: Path) -> None:
    # Port 9 (discard): nothing listens, and nothing needs to for the spans to be recorded.
    found = probe(
        tmp_path, OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9", OTEL_EXPORTER_OTLP_TIMEOUT="1"
    )
    assert (found["status"], found["enabled"], found["provider"]) == (200, True, "TracerProvider")
    loaded = found["loaded"]
    assert isinstance(loaded, list)
    for module in ("fastapi", "httpx", "sqlalchemy"):
        assert f"opentelemetry.instrumentation.{module}" in loaded
    disabled = probe(
        tmp_path, OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9", OTEL_SDK_DISABLED="true"
    )
    assert disabled["enabled"] is False


def test_configured_reads_the_standard_variables() -> None:
    assert not telemetry.configured({})
    assert not telemetry.configured({"OTEL_EXPORTER_OTLP_ENDPOINT": " "})
    assert telemetry.configured({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"})
    assert telemetry.configured({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"})
    assert not telemetry.configured(
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "TRUE"}
    )


def log_line() -> dict[str, object]:
    record = logging.LogRecord("agora.test", logging.INFO, __file__, 1, "hello", None, None)
    return dict(orjson.loads(JsonFormatter("actors").format(record)))


def test_off_a_callers_trace_reaches_the_logs_and_the_events_it_causes() -> None:
    assert not telemetry.enabled()
    assert "trace_id" not in log_line()
    with telemetry.request_trace([(b"traceparent", TRACEPARENT.encode())]):
        assert log_line()["trace_id"] == TRACE_ID
        headers = telemetry.event_headers("agora.actors.registered")
    assert headers["traceparent"].split("-")[1] == TRACE_ID
    with telemetry.consuming(headers, "agora.actors.registered"):
        assert telemetry.trace_id() == TRACE_ID
    assert telemetry.trace_id() is None


def test_off_a_malformed_or_missing_traceparent_starts_a_new_trace() -> None:
    seen = set()
    for headers in ([], [(b"traceparent", b"00-" + b"0" * 32 + b"-00f067aa0ba902b7-01")]):
        with telemetry.request_trace(headers):
            trace_id = telemetry.trace_id()
            assert trace_id is not None
            assert trace_id != "0" * 32
            seen.add(trace_id)
    assert len(seen) == 2
    with telemetry.consuming(None, "agora.funding.fx_rate_set"):
        assert telemetry.trace_id() is not None


def test_spans_keep_an_exceptions_type_only() -> None:
    from agora_common.telemetry_sdk import scrubbed

    context = SpanContext(int(TRACE_ID, 16), 1, is_remote=False, trace_flags=TraceFlags(1))
    span = ReadableSpan(
        name="INSERT agora",
        context=context,
        events=[
            Event(
                "exception",
                {
                    "exception.type": "IntegrityError",
                    "exception.message": "Key (email)=(ivan@example.org) already exists",
                    "exception.stacktrace": "Traceback ... ivan@example.org",
                },
            )
        ],
        status=Status(StatusCode.ERROR, "Key (email)=(ivan@example.org) already exists"),
    )
    clean = scrubbed(span)
    assert "ivan@example.org" not in repr(clean.events[0].attributes)
    assert dict(clean.events[0].attributes or {}) == {"exception.type": "IntegrityError"}
    assert (clean.status.status_code, clean.status.description) == (StatusCode.ERROR, None)
    assert clean.context == span.context


def test_a_query_outside_any_request_or_event_is_not_recorded() -> None:
    from agora_common.telemetry_sdk import NoOrphanClientSpans

    sampler = NoOrphanClientSpans()
    root = sampler.should_sample(None, 1, "SELECT agora", SpanKind.CLIENT)
    server = sampler.should_sample(None, 1, "GET /v1/actors", SpanKind.SERVER)
    parent = trace.set_span_in_context(
        trace.NonRecordingSpan(SpanContext(1, 2, is_remote=False, trace_flags=TraceFlags(1)))
    )
    child = sampler.should_sample(parent, 1, "SELECT agora", SpanKind.CLIENT)
    assert root.decision is Decision.DROP
    assert server.decision is Decision.RECORD_AND_SAMPLE
    assert child.decision is Decision.RECORD_AND_SAMPLE
