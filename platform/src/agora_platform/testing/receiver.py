"""A real HTTP receiver for webhook tests: an asyncio server on a loopback port that records
every request and answers what the test says (it can be stopped and started again on the same
port, as a receiver that went down and came back)."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from agora_common.nats_server import free_port

_REASONS = {200: "OK", 204: "No Content", 307: "Temporary Redirect", 500: "Internal Server Error"}


@dataclass(frozen=True, slots=True)
class Received:
    """One request as the receiver read it (header names in lower case)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = tuple[int, dict[str, str]]


@dataclass
class Receiver:
    """Records requests on ``127.0.0.1:<port>``; ``answer`` decides each response."""

    port: int = field(default_factory=free_port)
    answer: Callable[[Received], Answer] = lambda _: (204, {})
    tls: ssl.SSLContext | None = None
    """Serve HTTPS with this server context (its certificate names the host to use)."""
    received: list[Received] = field(default_factory=list)
    _server: asyncio.Server | None = None
    _connections: set[asyncio.StreamWriter] = field(default_factory=set)

    def url(self, path: str = "/hook", host: str = "127.0.0.1") -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    async def start(self) -> Receiver:
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", self.port, reuse_address=True, ssl=self.tls
        )
        return self

    async def stop(self) -> None:
        """Close the port and every open connection (the receiver is down)."""
        if self._server is not None:
            self._server.close()
            for writer in list(self._connections):
                writer.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections.add(writer)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            request = Received(method, path, headers, body)
            self.received.append(request)
            status, extra = self.answer(request)
            reason = _REASONS.get(status, "Status")
            response = f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n"
            response += "".join(f"{k}: {v}\r\n" for k, v in extra.items()) + "\r\n"
            writer.write(response.encode("latin-1"))
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, ssl.SSLError):
            pass
        finally:
            self._connections.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
