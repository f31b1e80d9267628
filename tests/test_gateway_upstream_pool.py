"""The gateway's keep-alive connections to the services (gateway.proxy.upstream), against real
servers: uvicorn serving an ASGI app, and raw asyncio servers where a test needs a service that
misbehaves on purpose (closes a kept-alive connection, stalls, sends chunks)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import uvicorn
from gateway.proxy.upstream import Upstream, UpstreamTimeout, UpstreamUnavailable

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _echo_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answers with what it saw: method, path, query, headers, body and the client's port
    (one port per connection)."""
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    seen = {
        "method": scope["method"],
        "raw_path": scope["raw_path"].decode(),
        "query": scope["query_string"].decode(),
        "headers": [[k.decode(), v.decode()] for k, v in scope["headers"]],
        "body": body.decode(),
        "port": scope["client"][1],
    }
    content = json.dumps(seen).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 201 if scope["method"] == "POST" else 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
                (b"etag", b'"v1"'),
                (b"x-agora-audit", b"actor.read act_1 LV"),
                (b"x-agora-audit", b"actor.read act_2 LV"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": content})


@contextlib.asynccontextmanager
async def _uvicorn(app: Any) -> AsyncIterator[str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


@contextlib.asynccontextmanager
async def _raw(handler: Handler) -> AsyncIterator[str]:
    writers: list[asyncio.StreamWriter] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        with contextlib.suppress(ConnectionError):
            await handler(reader, writer)

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for writer in writers:
            writer.close()
        server.close()


async def _request_head(reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
    """One request's line and its body (by Content-Length), or None at the end of the stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length) if length else b""
    return head.split(b"\r\n", 1)[0], body


def _ok(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)


async def test_a_connection_is_kept_alive_and_reused() -> None:
    upstream = Upstream(timeout=5)
    async with _uvicorn(_echo_app) as url:
        first = await upstream.request(url, "GET", "/v1/actors/act_1", [])
        second = await upstream.request(url, "GET", "/v1/actors/act_2", [])
        await upstream.aclose()

    assert first.status == second.status == 200
    assert first.body is not None
    assert second.body is not None
    assert json.loads(first.body)["port"] == json.loads(second.body)["port"]


async def test_request_and_response_headers_pass_as_sent() -> None:
    upstream = Upstream(timeout=5)
    async with _uvicorn(_echo_app) as url:
        answer = await upstream.request(
            url,
            "POST",
            "/v1/actors/a%2Fb?limit=2&x=%C3%A9",
            [("content-type", "application/json"), ("x-agora-identity", "token")],
            b'{"name": "n"}',
        )
        await upstream.aclose()

    assert answer.status == 201
    assert answer.body is not None
    seen = json.loads(answer.body)
    assert seen["method"] == "POST"
    assert seen["raw_path"] == "/v1/actors/a%2Fb"  # the path as the caller encoded it
    assert seen["query"] == "limit=2&x=%C3%A9"
    assert seen["body"] == '{"name": "n"}'
    headers = dict(seen["headers"])
    assert headers["host"] == url.removeprefix("http://")
    assert headers["content-type"] == "application/json"
    assert headers["content-length"] == "13"
    assert headers["x-agora-identity"] == "token"
    # Repeated headers stay apart, in order; names in lower case.
    assert answer.get_list(b"x-agora-audit") == [b"actor.read act_1 LV", b"actor.read act_2 LV"]
    assert answer.get(b"etag") == b'"v1"'


async def test_a_line_break_in_a_header_is_never_sent() -> None:
    upstream = Upstream(timeout=5)
    async with _uvicorn(_echo_app) as url:
        with pytest.raises(UpstreamUnavailable):
            await upstream.request(url, "GET", "/v1/actors", [("accept", "a\r\nx-evil: 1")])
        await upstream.aclose()


def _closing_reused_connections(seen: list[bytes]) -> Handler:
    """A service that answers the first request of each connection and closes the connection
    when a second one arrives on it, unanswered: the race with a keep-alive timeout."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        answered = 0
        while (request := await _request_head(reader)) is not None:
            seen.append(request[0])
            if answered:
                writer.close()
                return
            writer.write(_ok(b"fine"))
            answered += 1

    return handle


async def test_a_get_on_a_connection_closed_meanwhile_is_sent_again() -> None:
    seen: list[bytes] = []
    upstream = Upstream(timeout=5)
    async with _raw(_closing_reused_connections(seen)) as url:
        await upstream.request(url, "GET", "/v1/actors", [])
        answer = await upstream.request(url, "GET", "/v1/actors", [])
        await upstream.aclose()

    assert answer.status == 200
    assert answer.body == b"fine"
    assert seen == [b"GET /v1/actors HTTP/1.1"] * 3  # the second GET twice: once unanswered


async def test_a_post_on_a_connection_closed_meanwhile_is_never_replayed() -> None:
    seen: list[bytes] = []
    upstream = Upstream(timeout=5)
    async with _raw(_closing_reused_connections(seen)) as url:
        await upstream.request(url, "GET", "/v1/actors", [])
        with pytest.raises(UpstreamUnavailable):
            await upstream.request(url, "POST", "/v1/actors", [], b"{}")
        # The pool goes on: the next request opens a fresh connection.
        after = await upstream.request(url, "POST", "/v1/actors", [], b"{}")
        await upstream.aclose()

    assert seen == [b"GET /v1/actors HTTP/1.1"] + [b"POST /v1/actors HTTP/1.1"] * 2
    assert after.body == b"fine"


async def test_a_connection_the_service_closed_while_idle_is_not_reused() -> None:
    """A service closing an idle connection (its keep-alive timeout): the POST after it goes
    on a fresh connection and is answered."""
    seen: list[bytes] = []
    closed = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await _request_head(reader)
        assert request is not None
        seen.append(request[0])
        writer.write(_ok(b"fine"))
        await writer.drain()
        writer.close()
        closed.set()

    upstream = Upstream(timeout=5)
    async with _raw(handle) as url:
        await upstream.request(url, "GET", "/v1/actors", [])
        await closed.wait()
        await asyncio.sleep(0.05)  # the close reaches the gateway's side of the socket
        answer = await upstream.request(url, "POST", "/v1/actors", [], b"{}")
        await upstream.aclose()

    assert answer.body == b"fine"
    assert seen == [b"GET /v1/actors HTTP/1.1", b"POST /v1/actors HTTP/1.1"]


async def test_a_connection_idle_longer_than_the_keep_alive_is_not_reused() -> None:
    upstream = Upstream(timeout=5, keep_alive_seconds=0)
    async with _uvicorn(_echo_app) as url:
        first = await upstream.request(url, "GET", "/v1/actors", [])
        second = await upstream.request(url, "GET", "/v1/actors", [])
        await upstream.aclose()

    assert first.body is not None
    assert second.body is not None
    assert json.loads(first.body)["port"] != json.loads(second.body)["port"]


async def test_a_chunked_answer_is_read_as_it_comes_and_the_connection_kept() -> None:
    connections = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while await _request_head(reader) is not None:
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/xml\r\n"
                b"transfer-encoding: chunked\r\n\r\n"
                b"5;ext=1\r\n<a>b<\r\n4\r\n/a>\n\r\n0\r\nx-trailer: t\r\n\r\n"
            )

    upstream = Upstream(timeout=5)
    async with _raw(handle) as url:
        bodies = []
        for _ in range(2):
            answer = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])
            assert answer.body is None  # unknown length: passed on as it comes
            bodies.append(b"".join([chunk async for chunk in answer.chunks()]))
        await upstream.aclose()

    assert bodies == [b"<a>b</a>\n"] * 2
    assert connections == 1


async def test_a_large_answer_is_streamed_never_held_whole() -> None:
    size = 3 * 1024 * 1024
    block = bytes(range(256)) * 256

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await _request_head(reader) is not None:
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % size)
            for _ in range(size // len(block)):
                writer.write(block)
                await writer.drain()

    upstream = Upstream(timeout=5)
    async with _raw(handle) as url:
        answer = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])
        assert answer.body is None
        pieces = [chunk async for chunk in answer.chunks()]
        small = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])  # reused
        await small.aclose()  # closed unread: the connection is dropped, not reused
        await upstream.aclose()

    assert b"".join(pieces) == block * (size // len(block))
    assert max(len(piece) for piece in pieces) <= 64 * 1024


async def test_an_answer_cut_off_half_way_fails_the_stream() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _request_head(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2000000\r\n\r\n" + b"x" * 1000)
        await writer.drain()
        writer.close()

    upstream = Upstream(timeout=5)
    async with _raw(handle) as url:
        answer = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])
        received = b""
        with pytest.raises(UpstreamUnavailable):
            async for chunk in answer.chunks():
                received += chunk
        await upstream.aclose()
    assert received == b"x" * 1000


async def test_a_silent_service_times_out() -> None:
    async def handle(reader: asyncio.StreamReader, _: asyncio.StreamWriter) -> None:
        await _request_head(reader)
        await asyncio.sleep(10)

    upstream = Upstream(timeout=0.2)
    async with _raw(handle) as url:
        with pytest.raises(UpstreamTimeout):
            await upstream.request(url, "GET", "/v1/actors", [])
        await upstream.aclose()


async def test_an_unreachable_service_is_unavailable() -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()

    upstream = Upstream(timeout=2)
    with pytest.raises(UpstreamUnavailable):
        await upstream.request(f"http://127.0.0.1:{port}", "GET", "/v1/actors", [])


async def test_connections_per_service_are_bounded() -> None:
    """With one connection allowed, concurrent requests wait their turn on it."""
    upstream = Upstream(timeout=5, max_connections=1)
    async with _uvicorn(_echo_app) as url:
        answers = await asyncio.gather(
            *(upstream.request(url, "GET", f"/v1/actors/{n}", []) for n in range(5))
        )
        await upstream.aclose()

    ports = {json.loads(answer.body or b"")["port"] for answer in answers}
    assert len(ports) == 1


async def test_a_streamed_answer_dropped_unread_frees_its_connection_slot() -> None:
    """A caller gone before the body was asked for: the one connection allowed is free again."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await _request_head(reader) is not None:
            writer.write(
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"
            )

    upstream = Upstream(timeout=2, max_connections=1)
    async with _raw(handle) as url:
        dropped = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])
        assert dropped.body is None
        del dropped
        again = await upstream.request(url, "GET", "/v1/funding/exports/iati", [])
        body = b"".join([chunk async for chunk in again.chunks()])
        await upstream.aclose()

    assert body == b"a"
