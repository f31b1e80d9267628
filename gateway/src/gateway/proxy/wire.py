"""HTTP/1.1 on the wire between the gateway and a service: a request's bytes, an answer's head,
a chunked body (``gateway.proxy.upstream`` keeps the connections)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable

READ_SIZE = 64 * 1024
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class UpstreamUnavailable(Exception):
    """The service could not be reached, closed the connection, or answered something that is
    not HTTP/1.1 (a 502 for the caller)."""


class UpstreamTimeout(Exception):
    """The service did not accept the connection or answer in time (a 504 for the caller)."""


def request_bytes(
    method: str, host: str, target: str, headers: Iterable[tuple[str, str]], body: bytes
) -> bytes:
    """One request's bytes: request line, ``host``, ``headers`` and the body with its length."""
    lines = [f"{method} {target} HTTP/1.1", f"host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body or method in _WITH_BODY:
        lines.append(f"content-length: {len(body)}")
    head = "\r\n".join(lines)
    breaks = len(lines) - 1
    if head.count("\n") != breaks or head.count("\r") != breaks:
        # uvicorn never lets one in; a value that has one would smuggle a header or a request.
        raise UpstreamUnavailable("a line break in the request line or a header")
    return (head + "\r\n\r\n").encode("latin-1") + body


def parsed_head(head: bytes) -> tuple[int, list[tuple[bytes, bytes]], int | None, bool, bool]:
    """What a status line and headers say: the status, the headers (names in lower case), the
    Content-Length (None when chunked or not given), whether the body is chunked and whether
    the service closes the connection after it."""
    status_line, *lines = head[:-4].split(b"\r\n")
    if not status_line.startswith(b"HTTP/1.") or len(status_line) < 12:
        raise UpstreamUnavailable("not an HTTP/1.1 answer")
    try:
        status = int(status_line[9:12])
    except ValueError as exc:
        raise UpstreamUnavailable("not an HTTP/1.1 answer") from exc
    close = status_line.startswith(b"HTTP/1.0")
    headers: list[tuple[bytes, bytes]] = []
    length: int | None = None
    chunked = False
    for line in lines:
        name, colon, value = line.partition(b":")
        if not colon:
            raise UpstreamUnavailable("a malformed header")
        name = name.strip().lower()
        value = value.strip()
        headers.append((name, value))
        if name == b"content-length":
            if not value.isdigit() or (length is not None and int(value) != length):
                raise UpstreamUnavailable("a malformed Content-Length")
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = value.lower().rsplit(b",", 1)[-1].strip() == b"chunked"
            if not chunked:
                raise UpstreamUnavailable("a transfer coding the gateway does not read")
        elif name == b"connection":
            close = close or b"close" in value.lower()
    return status, headers, (None if chunked else length), chunked, close


@contextlib.asynccontextmanager
async def deadline(seconds: float) -> AsyncIterator[None]:
    """Within ``seconds``, or UpstreamTimeout."""
    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError as exc:
        raise UpstreamTimeout("the answer stalled") from exc


async def dechunked(reader: asyncio.StreamReader, seconds: float) -> AsyncIterator[bytes]:
    """The data of a chunked body (RFC 9112 7.1), trailers skipped."""
    while True:
        async with deadline(seconds):
            size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError as exc:
            raise UpstreamUnavailable("a malformed chunk") from exc
        if size == 0:
            async with deadline(seconds):
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass  # a trailer
            return
        remaining = size
        while remaining:
            async with deadline(seconds):
                chunk = await reader.read(min(remaining, READ_SIZE))
            if not chunk:
                raise UpstreamUnavailable("the answer ended early")
            remaining -= len(chunk)
            yield chunk
        async with deadline(seconds):
            if await reader.readexactly(2) != b"\r\n":
                raise UpstreamUnavailable("a malformed chunk")
