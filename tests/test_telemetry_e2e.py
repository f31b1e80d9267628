"""One trace from the caller through the gateway, the actors service, NATS and both consumers,
exported by OTLP/HTTP to a real receiver (a tiny HTTP server collecting ``POST /v1/traces``).

The platform runs as real processes with ``OTEL_EXPORTER_OTLP_ENDPOINT`` set; the spans are
decoded with ``opentelemetry-proto``. Personal data sent in the request is in no span.
"""

from __future__ import annotations

import gzip
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from agora_common.nats_server import free_port
from agora_platform.testing.e2e import Agora, Platform, eventually, start_platform
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest


@dataclass(frozen=True)
class Span:
    service: str
    name: str
    kind: int
    trace_id: str
    span_id: str
    parent_id: str
    attributes: dict[str, str]


class Receiver(ThreadingHTTPServer):
    """An OTLP/HTTP (protobuf) trace receiver keeping every request body it was sent."""

    def __init__(self, port: int) -> None:
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def spans(self) -> list[Span]:
        with self.lock:
            bodies = list(self.bodies)
        found = []
        for body in bodies:
            request = ExportTraceServiceRequest()
            request.ParseFromString(body)
            for resource_spans in request.resource_spans:
                resource = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        found.append(
                            Span(
                                service=resource.get("service.name", ""),
                                name=span.name,
                                kind=span.kind,
                                trace_id=span.trace_id.hex(),
                                span_id=span.span_id.hex(),
                                parent_id=span.parent_span_id.hex(),
                                attributes={a.key: a.value.string_value for a in span.attributes},
                            )
                        )
        return found


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if self.path == "/v1/traces":
            with self.server.lock:
                self.server.bodies.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(free_port())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# SERVER, CLIENT, PRODUCER, CONSUMER in the protobuf enum
SERVER, CLIENT, PRODUCER, CONSUMER = 2, 3, 4, 5


@pytest.fixture
def traced_platform(tmp_path: Path, receiver: Receiver) -> Iterator[Platform]:
    """A platform of its own, every process exporting its spans to ``receiver``."""
    endpoint = f"http://127.0.0.1:{receiver.server_address[1]}"
    platform = start_platform(
        tmp_path / "platform",
        env={"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint, "OTEL_BSP_SCHEDULE_DELAY": "200"},
    )
    yield platform
    platform.stop()


async def test_one_request_is_one_trace_from_the_gateway_to_the_consumers(
    traced_platform: Platform, receiver: Receiver
) -> None:
    platform = traced_platform
    agora = Agora(platform)
    try:
        await agora.start()
        de = await agora.agency("DE")
        trace_id = secrets.token_hex(16)
        legal_name = f"Secret Name {secrets.token_hex(4)}"
        created = await de.post(
            "/v1/actors",
            json={
                "kind": "organisation",
                "public_name": "Traced Newsroom",
                "legal_name": legal_name,
                "sectors": ["independent_media"],
                "host_country": "DE",
            },
            headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"},
        )
        assert created.status_code == 201, created.text

        def consumed_by(service: str, spans: list[Span]) -> bool:
            return any(
                s.service == service and s.kind == CONSUMER and s.name.endswith(".registered")
                for s in spans
            )

        def served_by_gateway(spans: list[Span]) -> bool:
            return any(s.service == "agora-gateway" and s.kind == SERVER for s in spans)

        async def whole_trace() -> list[Span] | None:
            # Each process exports on its own schedule: the gateway's server span ends after the
            # response is sent and may arrive after the consumers' spans, so wait for all of them.
            spans = [s for s in receiver.spans() if s.trace_id == trace_id]
            done = (
                served_by_gateway(spans)
                and consumed_by("agora-funding", spans)
                and consumed_by("agora-evaluation", spans)
            )
            return spans if done else None

        spans = await eventually(whole_trace, timeout=60)
    finally:
        await agora.close()

    def one(service: str, kind: int, name: str) -> Span:
        found = [s for s in spans if s.service == service and s.kind == kind and name in s.name]
        assert found, f"no {name} span of kind {kind} in {service}: {spans}"
        return found[0]

    gateway = one("agora-gateway", SERVER, "POST")
    forwarded = one("agora-gateway", CLIENT, "POST")  # httpx, to the actors service
    actors = one("agora-actors", SERVER, "POST")
    query = one("agora-actors", CLIENT, "INSERT")  # SQLAlchemy
    published = one("agora-actors", PRODUCER, "publish agora.actors.registered")
    for service in ("agora-funding", "agora-evaluation"):
        consumer = one(service, CONSUMER, "process agora.actors.registered")
        assert consumer.parent_id == published.span_id
        assert any(s.service == service and s.parent_id == consumer.span_id for s in spans)
    assert actors.parent_id == forwarded.span_id
    assert {gateway.trace_id, query.trace_id, published.trace_id} == {trace_id}

    # Nothing a caller sent as personal data reached a span (names, statements, attributes).
    with receiver.lock:
        assert not any(legal_name.encode() in body for body in receiver.bodies)
