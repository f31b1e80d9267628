"""A minimal HTTP/1.1 keep-alive client on asyncio streams.

The load generators share two cores with the platform they measure: a full-featured client
(httpx) would spend more CPU per request than the service under test. This one writes prebuilt
request bytes and reads exactly one response; nothing else.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class HttpError(Exception):
    """The connection broke or the server answered something that is not HTTP/1.1."""


def build_request(
    method: str,
    host: str,
    port: int,
    target: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
) -> bytes:
    """The bytes of one request; ``target`` is the path with its query string."""
    lines = [f"{method} {target} HTTP/1.1", f"host: {host}:{port}"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method in {"POST", "PUT", "PATCH"}:
        lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Connection:
    """One keep-alive connection; requests on it are sequential."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(
            self.host, self.port, limit=16 * 1024 * 1024
        )
        sock = self._writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def connect(self) -> None:
        """Open the connection now, so that its set-up is not counted in a measurement."""
        if self._writer is None:
            await self._open()

    async def send(self, raw: bytes) -> Reply:
        """Send prebuilt request bytes; reconnects once if the kept-alive connection was closed."""
        for attempt in (0, 1):
            if self._writer is None:
                await self._open()
            try:
                return await self._exchange(raw)
            except (ConnectionError, asyncio.IncompleteReadError, HttpError):
                self.close()
                if attempt:
                    raise
        raise HttpError("unreachable")

    async def _exchange(self, raw: bytes) -> Reply:
        assert self._reader is not None
        assert self._writer is not None
        self._writer.write(raw)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HttpError("not an HTTP/1.1 response")
        headers: dict[str, str] = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self._reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked()
        else:
            body = b""
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Reply(int(parts[1]), headers, body)

    async def _read_chunked(self) -> bytes:
        assert self._reader is not None
        chunks: list[bytes] = []
        while True:
            size_line = await self._reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return b"".join(chunks)
            chunks.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


class Pool:
    """A fixed number of connections to one server, shared by many coroutines."""

    def __init__(self, host: str, port: int, size: int) -> None:
        self.host = host
        self.port = port
        self._all = [Connection(host, port) for _ in range(size)]
        self._idle: asyncio.Queue[Connection] = asyncio.Queue()
        for connection in self._all:
            self._idle.put_nowait(connection)

    async def send(self, raw: bytes) -> Reply:
        connection = await self._idle.get()
        try:
            return await connection.send(raw)
        finally:
            self._idle.put_nowait(connection)

    async def request(
        self,
        method: str,
        target: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> Reply:
        return await self.send(
            build_request(method, self.host, self.port, target, headers=headers, body=body)
        )

    def close(self) -> None:
        for connection in self._all:
            connection.close()
