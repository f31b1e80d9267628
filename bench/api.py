"""Agora as the benchmark calls it: through the gateway with a bearer token, or directly on a
service with an internal identity the benchmark signs itself (the dev key of the data directory)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

import orjson
from agora_common.identity import IDENTITY_HEADER, IdentitySigner

from bench.rawhttp import Pool, Reply


class ApiError(Exception):
    def __init__(self, method: str, path: str, reply: Reply) -> None:
        super().__init__(f"{method} {path} → {reply.status}: {reply.body[:300]!r}")
        self.status = reply.status
        self.reply = reply


def json_of(reply: Reply) -> Any:
    return orjson.loads(reply.body) if reply.body else None


class Caller:
    """One caller (client id, role, state) on one server."""

    def __init__(
        self,
        pool: Pool,
        *,
        bearer: str | None = None,
        signer: IdentitySigner | None = None,
        client_id: str = "bench",
        role: str = "agency",
        state: str | None = None,
    ) -> None:
        self.pool = pool
        self.bearer = bearer
        self.signer = signer
        self.client_id = client_id
        self.role = role
        self.state = state

    def as_(self, *, role: str, state: str | None, client_id: str | None = None) -> Caller:
        """The same server and signer, another signed identity (direct callers only)."""
        return Caller(
            self.pool,
            signer=self.signer,
            client_id=client_id or f"bench-{role}-{state or 'none'}",
            role=role,
            state=state,
        )

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        form: dict[str, str] | None = None,
    ) -> Reply:
        query = urlencode(params) if params else ""
        target = f"{path}?{query}" if query else path
        headers = {"accept": "application/json"}
        body = b""
        if json is not None:
            body = orjson.dumps(json)
            headers["content-type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        if self.bearer:
            headers["authorization"] = f"Bearer {self.bearer}"
        if self.signer is not None:
            headers[IDENTITY_HEADER] = self.signer.sign(
                client_id=self.client_id,
                role=self.role,
                state=self.state,
                request_id=str(uuid.uuid4()),
                method=method,
                path=path,
                query=query,
                body=body,
            )
        return await self.pool.request(method, target, headers=headers, body=body)

    async def call(
        self, method: str, path: str, *, expect: int | tuple[int, ...] = (200, 201), **kw: Any
    ) -> Any:
        """``request`` that returns the JSON body, raising ``ApiError`` for an unexpected status."""
        reply = await self.request(method, path, **kw)
        expected = (expect,) if isinstance(expect, int) else expect
        if reply.status not in expected:
            raise ApiError(method, path, reply)
        return json_of(reply)


async def token(gateway: Pool, client_id: str, secret: str) -> str:
    """An access token for a gateway client (OAuth 2.0 client credentials)."""
    reply = await Caller(gateway).request(
        "POST",
        "/v1/auth/token",
        form={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    if reply.status != 200:
        raise ApiError("POST", "/v1/auth/token", reply)
    return str(json_of(reply)["access_token"])


async def new_client(
    admin: Caller, gateway: Pool, *, role: str, state: str | None, name: str
) -> Caller:
    """Create a gateway client of ``role`` (and ``state``) and sign it in; an agency is enrolled
    by its state's steward (made once, by ``admin`` and a second admin)."""
    if role == "agency":
        assert state is not None, "an agency belongs to a state"
        steward = await _steward(admin, gateway, state)
        created = await steward.call(
            "POST", "/v1/stewardship/clients", json={"name": name}, expect=201
        )
    else:
        body: dict[str, Any] = {"name": name, "role": role}
        if state is not None:
            body["state"] = state
        created = await admin.call("POST", "/v1/admin/clients", json=body, expect=201)
    bearer = await token(gateway, created["client_id"], created["client_secret"])
    return Caller(gateway, bearer=bearer, client_id=created["client_id"], role=role, state=state)


# Per gateway and state: the steward that enrols the benchmark's agencies; per admin: a second.
_stewards: dict[tuple[int, str], Caller] = {}
_second_admins: dict[str, Caller] = {}


async def _second_admin(admin: Caller, gateway: Pool) -> Caller:
    """A second admin, created alone by ``admin`` (the development bootstrap exception)."""
    if admin.client_id not in _second_admins:
        body = {"name": "bench second admin", "role": "admin"}
        created = await admin.call("POST", "/v1/admin/clients", json=body, expect=201)
        bearer = await token(gateway, created["client_id"], created["client_secret"])
        _second_admins[admin.client_id] = Caller(
            gateway, bearer=bearer, client_id=created["client_id"], role="admin"
        )
    return _second_admins[admin.client_id]


async def _steward(admin: Caller, gateway: Pool, state: str) -> Caller:
    """The state's steward: created by ``admin``, approved by a second admin (split secret)."""
    key = (id(gateway), state)
    if key not in _stewards:
        body = {"name": f"bench steward {state}", "role": "steward", "state": state}
        pending = await admin.call("POST", "/v1/admin/clients", json=body, expect=202)
        approver = await _second_admin(admin, gateway)
        approved = await approver.call(
            "POST", f"/v1/admin/clients/{pending['client_id']}/approve", expect=200
        )
        secret = pending["secret_part"] + approved["secret_part"]
        bearer = await token(gateway, pending["client_id"], secret)
        _stewards[key] = Caller(
            gateway, bearer=bearer, client_id=pending["client_id"], role="steward", state=state
        )
    return _stewards[key]


async def request_schema(service: Pool, method: str, path: str) -> dict[str, Any] | None:
    """The JSON schema of an operation's request body from a service's OpenAPI document.

    None when the service does not offer the operation (yet); ``{}`` when it takes no body.
    """
    document = json_of(await service.request("GET", "/openapi.json"))
    operation = ((document or {}).get("paths", {}).get(path) or {}).get(method.lower())
    if operation is None:
        return None
    content = (operation.get("requestBody") or {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema") or {}
    return _resolve(document, schema)


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        node: Any = document
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return _resolve(document, node)
    return schema


def fit_to_schema(body: dict[str, Any], schema: dict[str, Any] | None) -> dict[str, Any]:
    """Drop the fields a service does not know (yet); the dataset is richer than early services."""
    properties = (schema or {}).get("properties")
    if not properties:
        return body
    return {k: v for k, v in body.items() if k in properties}
