"""A service's server process: uvicorn with mTLS when configured, and a plain port for probes.

    python -m agora_common.serve actors.main:create_app --host 0.0.0.0 --port 8000 --health-port 8001

With ``AGORA_TLS_CERT_FILE``, ``AGORA_TLS_KEY_FILE`` and ``AGORA_TLS_CLIENT_CA_FILE`` the port
serves HTTPS and completes a TLS handshake only with a client certificate the internal CA signed
(the gateway's): a request captured on the pod network cannot be replayed to another replica.
In production a service refuses to start without them, unless ``AGORA_TLS_TERMINATED_BY_MESH``
(:meth:`agora_common.settings.CommonSettings.server_tls`).

The health port answers ``/healthz``, ``/readyz`` and ``/metrics`` only, in plain HTTP, for the
kubelet's and compose's probes (which hold no client certificate); it carries no ``/v1`` route, so
nothing there takes an identity. It opens once the application has started.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import ssl
import sys
from collections.abc import Iterator
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.importer import import_from_string

from agora_common.settings import CommonSettings

# Exit status when the application did not start (uvicorn's own STARTUP_FAILURE).
STARTUP_FAILURE = 3
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class ProbesOnly:
    """The application as the health port shows it: probe paths, 404 for everything else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in PROBE_PATHS:
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        await send(
            {
                "type": "http.response.start",
                "status": 404,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")],
            }
        )
        await send({"type": "http.response.body", "body": b"Not found.\n"})


class _MainServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.startup_done = asyncio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets)
        finally:
            self.startup_done.set()


class _ProbeServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The main server takes SIGTERM/SIGINT and stops this one after itself.
        yield


def server_config(
    app: Any, *, host: str, port: int, settings: CommonSettings, log_level: str
) -> uvicorn.Config:
    """The main port: HTTPS with a required client certificate when TLS is configured."""
    tls = settings.server_tls()
    options: dict[str, Any] = {}
    if tls is not None:
        options = {
            "ssl_certfile": str(tls.cert_file),
            "ssl_keyfile": str(tls.key_file),
            "ssl_ca_certs": str(tls.client_ca_file),
            "ssl_cert_reqs": ssl.CERT_REQUIRED,
        }
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # Paths carry ids: requests are logged by route template in the application, if at all.
        access_log=False,
        # No proxy sits between the gateway and a service.
        proxy_headers=False,
        **options,
    )


async def serve(main: _MainServer, probes: uvicorn.Server | None) -> bool:
    """Run the main server; the probe server from its start until its end. True once started."""
    running = asyncio.create_task(main.serve())
    starting = asyncio.create_task(main.startup_done.wait())
    await asyncio.wait({running, starting}, return_when=asyncio.FIRST_COMPLETED)
    starting.cancel()
    if probes is None or not main.started:
        await running
        return main.started
    probing = asyncio.create_task(probes.serve())
    try:
        await running
    finally:
        probes.should_exit = True
        await probing
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factory", help="module:function returning the ASGI application")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--health-port", type=int, help="plain HTTP port for the probes")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    settings = CommonSettings()
    try:
        settings.server_tls()  # refuse a production service without TLS before anything starts
    except RuntimeError as error:
        print(f"agora_common.serve: {error}", file=sys.stderr)
        return 2
    app = import_from_string(args.factory)()
    config = server_config(
        app, host=args.host, port=args.port, settings=settings, log_level=args.log_level
    )
    probes = None
    if args.health_port is not None:
        probes = _ProbeServer(
            uvicorn.Config(
                ProbesOnly(app),
                host=args.host,
                port=args.health_port,
                log_level=args.log_level,
                access_log=False,
                proxy_headers=False,
                lifespan="off",  # the main server runs the application's lifespan
            )
        )
    started = asyncio.run(serve(_MainServer(config), probes))
    return 0 if started else STARTUP_FAILURE


if __name__ == "__main__":
    raise SystemExit(main())
