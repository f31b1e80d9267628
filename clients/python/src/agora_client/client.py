"""``AgoraClient``: one gateway, one client's credentials, typed calls and paging helpers.

    async with AgoraClient("http://127.0.0.1:8000", client_id, client_secret) as agora:
        overlaps = await agora.call(list_overlaps_v1_funding_overlaps_get, status="open")
        async for commitment in agora.items("/v1/funding/commitments", status="committed"):
            ...

``call`` runs any operation of :mod:`agora_client._generated.api` (typed models in and out) and
raises :class:`ProblemError` on an error status; ``request`` is the untyped way for the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from types import TracebackType
from typing import Any, Protocol, TypeVar

import httpx

from agora_client._generated.client import Client
from agora_client._generated.types import Response
from agora_client.errors import AgoraError, ProblemError
from agora_client.transport import IDEMPOTENCY_KEY, AgoraTransport, RetryPolicy, Token, TokenSource

T = TypeVar("T")
MAX_PAGE = 200  # the contract's largest `limit`


class _Operation(Protocol[T]):
    def __call__(self, *, client: Client, **kwargs: Any) -> Awaitable[Response[T]]: ...


class AgoraClient:
    """A signed-in client of the gateway (an async context manager)."""

    def __init__(
        self,
        base_url: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        token: Token | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = (
            TokenSource(client_id, client_secret, token=token)
            if client_id and client_secret
            else None
        )
        self.transport = AgoraTransport(self.base_url, self.tokens, retry=retry, inner=inner)
        self.http = httpx.AsyncClient(
            base_url=self.base_url, transport=self.transport, timeout=timeout
        )
        # The generated operations run on the same httpx client, so on the same transport.
        self.api = Client(base_url=self.base_url).set_async_httpx_client(self.http)

    async def __aenter__(self) -> AgoraClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.http.aclose()

    async def call(self, operation: Any, **kwargs: Any) -> Any:
        """Run a generated operation's ``asyncio_detailed``; its parsed body, or ProblemError."""
        detailed: _Operation[Any] = getattr(operation, "asyncio_detailed", operation)
        response = await detailed(client=self.api, **kwargs)
        if response.status_code >= 400:
            raise ProblemError.of(
                httpx.Response(
                    int(response.status_code), headers=response.headers, content=response.content
                )
            )
        return response.parsed

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
        expect: tuple[int, ...] = (200, 201, 202, 204),
    ) -> httpx.Response:
        """One call (retried as the transport allows); ProblemError unless the status is expected."""
        headers = {IDEMPOTENCY_KEY: idempotency_key} if idempotency_key else {}
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self.http.request(
                method, path, json=json, params=clean, headers=headers
            )
        except httpx.TransportError as exc:
            raise AgoraError(f"cannot reach {self.base_url}: {type(exc).__name__}") from exc
        if response.status_code not in expect:
            raise ProblemError.of(response)
        return response

    async def pages(
        self, path: str, *, limit: int = MAX_PAGE, **params: Any
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """Each page of a list (``items``), following ``next_cursor`` until it is null."""
        cursor: str | None = None
        while True:
            response = await self.request(
                "GET", path, params={**params, "limit": limit, "cursor": cursor}
            )
            page = response.json()
            yield list(page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                return

    async def items(self, path: str, **params: Any) -> AsyncIterator[dict[str, Any]]:
        """Every item of a list, page after page."""
        async for page in self.pages(path, **params):
            for item in page:
                yield item

    async def paged(
        self,
        operation: Any,
        *,
        limit: int = MAX_PAGE,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        """Every item of a generated list operation (typed items), following ``next_cursor``."""
        cursor: str | None = None
        while True:
            page = await self.call(operation, limit=limit, cursor=cursor, **kwargs)
            for item in page.items:
                yield item
            cursor = page.next_cursor if isinstance(page.next_cursor, str) else None
            if not cursor:
                return


async def collect(items: AsyncIterator[T], at_most: int | None = None) -> list[T]:
    """The items of an async iterator as a list (all, or the first ``at_most``)."""
    found: list[T] = []
    async for item in items:
        found.append(item)
        if at_most is not None and len(found) >= at_most:
            break
    return found
