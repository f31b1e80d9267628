"""HTTP/1.1 keep-alive connections from the gateway to the services, on asyncio streams.

Forwarding is most of what the gateway does; a full-featured client (httpx) spent about 1.4 ms of
CPU per forwarded request, more than the service behind it spends answering. This pool writes
one prebuilt request, reads the status line and headers in one read and a ``Content-Length``
body in one more; larger or unknown-length answers (a chunked export) are handed on chunk by
chunk, never held whole.

Connections are kept per origin (scheme, host, port), at most ``max_connections`` each, and
reused most-recent first. One idle for ``keep_alive_seconds`` is closed instead of reused: the
default (4 s) is shorter than uvicorn's 5 s (the container command, ``agora_common.serve``) and
``make run``'s 30 s, so the gateway does not write to a socket the service is closing. Should a
reused connection still turn out closed before any byte of the answer, a GET or HEAD is sent
once more on a fresh connection; any other method is never replayed (it may have been applied):
the caller gets 502 and decides.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from gateway.proxy.wire import (
    READ_SIZE,
    UpstreamTimeout,
    UpstreamUnavailable,
    deadline,
    dechunked,
    parsed_head,
    request_bytes,
)

__all__ = ["Answer", "Origin", "Upstream", "UpstreamTimeout", "UpstreamUnavailable"]

KEEP_ALIVE_SECONDS = 4.0
MAX_CONNECTIONS_PER_ORIGIN = 100
CONNECT_TIMEOUT_SECONDS = 2.0
# An answer larger than this, or of unknown length (a streamed export), is passed on as it comes.
STREAM_ABOVE_BYTES = 1024 * 1024
# The status line and headers of one answer; a service never sends more.
MAX_HEAD_BYTES = 64 * 1024

_REPLAYABLE = frozenset({"GET", "HEAD"})
_NO_BODY_STATUS = frozenset({204, 304})


class _Stale(Exception):
    """A connection closed before any byte of the answer arrived."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where one service listens, and the path its base URL adds in front of every request."""

    host: str
    port: int
    tls: bool
    prefix: str
    host_header: str

    @classmethod
    def of(cls, base_url: str) -> Origin:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("a service URL is http:// or https:// with a host")
        tls = parts.scheme == "https"
        port = parts.port or (443 if tls else 80)
        host = parts.hostname
        shown = f"[{host}]" if ":" in host else host
        default = 443 if tls else 80
        host_header = shown if port == default else f"{shown}:{port}"
        return cls(host, port, tls, parts.path.rstrip("/"), host_header)


class _Connection:
    __slots__ = ("idle_since", "reader", "reused", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.reused = False
        self.idle_since = 0.0

    def usable(self, now: float, keep_alive: float) -> bool:
        return (
            now - self.idle_since < keep_alive
            and not self.reader.at_eof()
            and not self.writer.is_closing()
        )

    def close(self) -> None:
        self.writer.close()


class _OriginPool:
    """The connections to one origin: a bound on how many, the idle ones most recent last."""

    def __init__(self, origin: Origin, limit: int) -> None:
        self.origin = origin
        self.slots = asyncio.Semaphore(limit)
        self.idle: deque[_Connection] = deque()

    def take(self, now: float, keep_alive: float) -> _Connection | None:
        while self.idle:
            connection = self.idle.pop()
            if connection.usable(now, keep_alive):
                connection.reused = True
                return connection
            connection.close()
        return None

    def put(self, connection: _Connection, now: float, keep_alive: float) -> None:
        # The oldest idle connections expire first: closed here rather than left to the service.
        while self.idle and not self.idle[0].usable(now, keep_alive):
            self.idle.popleft().close()
        connection.idle_since = now
        self.idle.append(connection)

    def close(self) -> None:
        while self.idle:
            self.idle.pop().close()


class Answer:
    """A service's answer: status, headers (names in lower case, repeated ones kept apart) and
    either its whole ``body`` or, when ``body`` is None, ``chunks()`` to pass it on."""

    __slots__ = (
        "_connection",
        "_done",
        "_keep",
        "_pool",
        "_remaining",
        "_upstream",
        "body",
        "chunked",
        "headers",
        "status",
    )

    def __init__(
        self,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes | None,
    ) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.chunked = False
        self._remaining: int | None = None  # streamed with a length: bytes still to read
        self._keep = True  # the service keeps the connection open after this answer
        self._done = body is not None
        self._upstream: Upstream | None = None
        self._pool: _OriginPool | None = None
        self._connection: _Connection | None = None

    def get_list(self, name: bytes) -> list[bytes]:
        """Every value of header ``name`` (lower case), in the order the service sent them."""
        return [value for key, value in self.headers if key == name]

    def get(self, name: bytes) -> bytes | None:
        """Header ``name`` (lower case); repeated ones joined with commas (RFC 9110 5.3)."""
        values = self.get_list(name)
        return b", ".join(values) if values else None

    async def chunks(self) -> AsyncIterator[bytes]:
        """The streamed body as it arrives; UpstreamUnavailable or UpstreamTimeout when the
        service stops half-way (the caller must not take what came for the whole)."""
        assert self._upstream is not None
        assert self._connection is not None
        reader = self._connection.reader
        timeout = self._upstream.timeout
        complete = False
        try:
            if self.chunked:
                async for chunk in dechunked(reader, timeout):
                    yield chunk
            elif self._remaining is not None:
                remaining = self._remaining
                while remaining:
                    async with deadline(timeout):
                        chunk = await reader.read(min(remaining, READ_SIZE))
                    if not chunk:
                        raise UpstreamUnavailable("the answer ended early")
                    remaining -= len(chunk)
                    yield chunk
            else:  # neither length nor chunks: the body ends with the connection
                while True:
                    async with deadline(timeout):
                        chunk = await reader.read(READ_SIZE)
                    if not chunk:
                        break
                    yield chunk
            complete = True
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            raise UpstreamUnavailable("the answer ended early") from exc
        finally:
            self._finish(reuse=complete)

    async def aclose(self) -> None:
        """Give the connection back (or close it, if the body was not read to its end)."""
        self._finish(reuse=False)

    def __del__(self) -> None:
        # A streamed answer dropped unread (its caller went away before the body was asked
        # for): its slot must not stay taken, nor its connection open.
        with contextlib.suppress(RuntimeError):  # the event loop already closed
            self._finish(reuse=False)

    def _finish(self, *, reuse: bool) -> None:
        if self._done:
            return
        self._done = True
        if self._upstream is not None and self._pool is not None:
            self._upstream.release(self._pool, self._connection, reuse=reuse and self._keep)


class Upstream:
    """Keep-alive connections to the services, one bounded pool per origin."""

    def __init__(
        self,
        *,
        timeout: float,
        ssl_context: ssl.SSLContext | None = None,
        connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
        keep_alive_seconds: float = KEEP_ALIVE_SECONDS,
        max_connections: int = MAX_CONNECTIONS_PER_ORIGIN,
        stream_above: int = STREAM_ABOVE_BYTES,
    ) -> None:
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.keep_alive = keep_alive_seconds
        self.max_connections = max_connections
        self.stream_above = stream_above
        self._ssl = ssl_context
        self._pools: dict[str, _OriginPool] = {}
        self._origins: dict[str, Origin] = {}

    def origin(self, base_url: str) -> Origin:
        """The origin of a service's base URL (parsed once)."""
        origin = self._origins.get(base_url)
        if origin is None:
            origin = self._origins[base_url] = Origin.of(base_url)
        return origin

    async def request(
        self,
        base_url: str,
        method: str,
        target: str,
        headers: Iterable[tuple[str, str]],
        body: bytes = b"",
    ) -> Answer:
        """Send one request (``target``: the path as the caller encoded it, and its query) and
        read the answer's head, and its body unless it is streamed (``Answer.chunks``)."""
        origin = self.origin(base_url)
        raw = request_bytes(method, origin.host_header, origin.prefix + target, headers, body)
        pool = self._pools.get(base_url)
        if pool is None:
            pool = self._pools[base_url] = _OriginPool(origin, self.max_connections)
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.timeout):
                await pool.slots.acquire()
                connection: _Connection | None = None
                try:
                    connection = pool.take(loop.time(), self.keep_alive)
                    if connection is None:
                        connection = await self._connect(origin)
                    try:
                        answer = await self._exchange(connection, raw, method)
                    except _Stale as exc:
                        connection.close()
                        if not connection.reused or method not in _REPLAYABLE:
                            raise UpstreamUnavailable("the connection closed") from exc
                        connection = await self._connect(origin)
                        try:
                            answer = await self._exchange(connection, raw, method)
                        except _Stale as again:
                            raise UpstreamUnavailable("the connection closed") from again
                except BaseException:
                    if connection is not None:
                        connection.close()
                    pool.slots.release()
                    raise
        except TimeoutError as exc:
            raise UpstreamTimeout("no answer in time") from exc
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            raise UpstreamUnavailable(type(exc).__name__) from exc
        answer._upstream = self
        answer._pool = pool
        answer._connection = connection
        if answer.body is not None:
            self.release(pool, connection, reuse=answer._keep)
        return answer

    async def _connect(self, origin: Origin) -> _Connection:
        context: ssl.SSLContext | None = None
        if origin.tls:
            context = self._ssl or ssl.create_default_context()
        async with asyncio.timeout(self.connect_timeout):
            reader, writer = await asyncio.open_connection(
                origin.host,
                origin.port,
                ssl=context,
                server_hostname=origin.host if context is not None else None,
                limit=MAX_HEAD_BYTES,
            )
        return _Connection(reader, writer)

    async def _exchange(self, connection: _Connection, raw: bytes, method: str) -> Answer:
        reader = connection.reader
        try:
            connection.writer.write(raw)
            if len(raw) > READ_SIZE:
                await connection.writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if exc.partial:
                raise UpstreamUnavailable("the answer ended early") from exc
            raise _Stale from exc
        except ConnectionError as exc:
            raise _Stale from exc
        status, headers, length, chunked, close = parsed_head(head)
        answer = Answer(status, headers, None)
        answer.chunked = chunked
        if method == "HEAD" or answer.status in _NO_BODY_STATUS or answer.status < 200:
            answer.body = b""
        elif answer.chunked:
            pass
        elif length is not None and length <= self.stream_above:
            answer.body = await reader.readexactly(length) if length else b""
        else:
            answer._remaining = length
        answer._done = answer.body is not None
        # Not kept for another request: the service closes after this answer, or the body ends
        # with the connection (neither a length nor chunks).
        answer._keep = not close and (
            answer.body is not None or answer.chunked or length is not None
        )
        return answer

    def release(self, pool: _OriginPool, connection: _Connection | None, *, reuse: bool) -> None:
        """Free the slot ``connection`` held; kept for the next request when ``reuse`` and the
        answer was read to its end on a connection the service keeps open."""
        pool.slots.release()
        if connection is None:
            return
        if reuse and not connection.writer.is_closing():
            pool.put(connection, asyncio.get_running_loop().time(), self.keep_alive)
        else:
            connection.close()

    async def aclose(self) -> None:
        """Close every idle connection (at shutdown)."""
        for pool in self._pools.values():
            pool.close()
