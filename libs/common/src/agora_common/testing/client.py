"""Calling a service in-process as the gateway would: with a signed identity per request."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

from agora_common.identity import IDENTITY_HEADER, IdentitySigner


def new_keypair() -> tuple[bytes, bytes]:
    """A fresh Ed25519 (private PEM, public PEM) pair."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


class Caller:
    """A signed-in client as the gateway would describe it."""

    def __init__(self, role: str, state: str | None = None, client_id: str | None = None) -> None:
        self.role = role
        self.state = state
        self.client_id = client_id or f"c-{uuid.uuid4().hex[:12]}"


class ServiceClient:
    """An httpx client for one service app whose requests carry a signed identity."""

    def __init__(self, http: httpx.AsyncClient, signer: IdentitySigner, app: FastAPI) -> None:
        self.http = http
        self.signer = signer
        self.app = app  # for tests that look at the service's database or state directly

    async def request(
        self,
        method: str,
        url: str,
        *,
        caller: Caller | None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> httpx.Response:
        body = orjson.dumps(json) if json is not None else b""
        request = self.http.build_request(
            method, url, content=body or None, headers=headers, params=params
        )
        if json is not None:
            request.headers["content-type"] = "application/json"
        if caller is not None:
            parts = urlsplit(str(request.url))
            request.headers[IDENTITY_HEADER] = self.signer.sign(
                client_id=caller.client_id,
                role=caller.role,
                state=caller.state,
                request_id=str(uuid.uuid4()),
                method=method,
                path=request.url.path,
                query=parts.query,
                body=body,
            )
        return await self.http.send(request)

    async def get(self, url: str, *, caller: Caller | None, **kw: Any) -> httpx.Response:
        return await self.request("GET", url, caller=caller, **kw)

    async def post(self, url: str, *, caller: Caller | None, **kw: Any) -> httpx.Response:
        return await self.request("POST", url, caller=caller, **kw)

    async def patch(self, url: str, *, caller: Caller | None, **kw: Any) -> httpx.Response:
        return await self.request("PATCH", url, caller=caller, **kw)

    async def put(self, url: str, *, caller: Caller | None, **kw: Any) -> httpx.Response:
        return await self.request("PUT", url, caller=caller, **kw)

    async def delete(self, url: str, *, caller: Caller | None, **kw: Any) -> httpx.Response:
        return await self.request("DELETE", url, caller=caller, **kw)


@asynccontextmanager
async def running(app: FastAPI, signer: IdentitySigner) -> AsyncIterator[ServiceClient]:
    """Run ``app``'s lifespan and yield a signing client talking to it in-process."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
            yield ServiceClient(http, signer, app)
