"""Small ASGI pieces the pipeline is built from."""

from __future__ import annotations

from agora_common.logs import request_id_var
from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None if it is larger than ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out the body already read, then whatever follows."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def with_request_id(send: Send) -> Send:
    """Every answer names its request id, so an agency can quote it when asking about it."""
    request_id = (request_id_var.get() or "").encode("latin-1", "replace")

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and request_id:
            message = {**message, "headers": [*message["headers"], (b"x-request-id", request_id)]}
        await send(message)

    return sending


async def captured(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message | None, bytes]:
    """Run ``app`` and keep its response instead of sending it: (its start message, its body)."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start, b"".join(chunks)


def fixed_response(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> ASGIApp:
    """An ASGI app that answers with this response (a stored one, or one already captured)."""
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))

    async def answer(_: Scope, __: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return answer
