"""What tracing costs: a service app's request and an event's trace hand-over, off and on.

    .venv/bin/python tools/telemetry_overhead.py            # both modes, each in a fresh process
    .venv/bin/python tools/telemetry_overhead.py off|on     # one mode

"on" exports to a local OTLP/HTTP sink (a thread answering 200 to every POST). A request is a
``GET`` through the whole middleware stack of ``create_service_app`` that runs one query
(in-process, httpx's ASGI transport, SQLite); the figures are the median of five rounds.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REQUESTS = 1000
EVENTS = 20000
ROUNDS = 5


class _Sink(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def measure(mode: str) -> dict[str, float]:
    if mode == "on":
        sink = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"] = f"http://127.0.0.1:{sink.server_address[1]}"
    import httpx
    from agora_common import telemetry
    from agora_common.app import ServiceSpec, create_service_app
    from agora_common.keys import dev_identity_private_key
    from agora_common.settings import CommonSettings
    from sqlalchemy import text

    data = Path(tempfile.mkdtemp())
    dev_identity_private_key(data)
    app = create_service_app(
        ServiceSpec(
            name="overhead",
            title="overhead",
            description="overhead",
            settings=CommonSettings(
                data_dir=data, nats_url="nats://127.0.0.1:9", log_level="ERROR"
            ),
            database_url=f"sqlite+aiosqlite:///{data}/overhead.db",
            routers=[],
        )
    )

    @app.get("/probe")
    async def probe() -> dict[str, int]:
        async with app.state.db.transaction(readonly=True) as session:
            return {"one": int(await session.scalar(text("SELECT 1")))}

    async def requests() -> list[float]:
        rounds = []
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://x") as http,
        ):
            for _ in range(50):
                await http.get("/probe")
            for _ in range(ROUNDS):
                start = time.perf_counter()
                for _ in range(REQUESTS):
                    await http.get("/probe")
                rounds.append((time.perf_counter() - start) / REQUESTS)
        return rounds

    def events() -> list[float]:
        rounds = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            with telemetry.request_trace([]):
                for _ in range(EVENTS):
                    headers = telemetry.event_headers("agora.funding.commitment_made")
                    with telemetry.consuming(headers, "agora.funding.commitment_made"):
                        pass
            rounds.append((time.perf_counter() - start) / EVENTS)
        return rounds

    per_request = statistics.median(asyncio.run(requests()))
    per_event = statistics.median(events())
    return {
        "enabled": float(telemetry.enabled()),
        "request_us": per_request * 1e6,
        "event_us": per_event * 1e6,
    }


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(measure(sys.argv[1])))
        return
    found = {}
    for mode in ("off", "on"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        output = subprocess.run(  # noqa: S603 (this script, by its own path)
            [sys.executable, __file__, mode], env=env, capture_output=True, text=True, check=True
        ).stdout
        found[mode] = json.loads(output.strip().splitlines()[-1])
    for mode, figures in found.items():
        print(
            f"tracing {mode:3}: {figures['request_us']:8.1f} µs per request (one query), "
            f"{figures['event_us']:6.2f} µs per event (publish headers + consume context)"
        )


if __name__ == "__main__":
    main()
