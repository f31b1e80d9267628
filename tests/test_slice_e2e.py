"""The first vertical slice through the gateway: register an actor, find it in both read models."""

from __future__ import annotations

import sqlite3

from agora_platform.testing.e2e import Agora, eventually

ORG = {
    "kind": "organisation",
    "public_name": "Free Media",
    "sectors": ["independent_media"],
    "host_country": "DE",
}


def read_model(agora: Agora, service: str, actor_id: str) -> tuple | None:
    path = agora.platform.database_url(service).removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT actor_id, kind, host_country, custodian_state FROM known_actors WHERE actor_id = ?",
            (actor_id,),
        ).fetchone()


async def test_registered_actor_reaches_both_read_models(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    created = await de.post("/v1/actors", json=ORG)
    assert created.status_code == 201, created.text
    actor_id = created.json()["id"]

    fetched = await de.get(f"/v1/actors/{actor_id}")
    assert fetched.status_code == 200
    assert fetched.json()["custodian_state"] == "DE"

    expected = (actor_id, "organisation", "DE", "DE")
    for service in ("funding", "evaluation"):

        async def arrived(service: str = service) -> tuple | None:
            return read_model(agora, service, actor_id)

        assert await eventually(arrived) == expected


async def test_health_and_readiness(agora: Agora) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=agora.url) as http:
        assert (await http.get("/healthz")).status_code == 200
        assert (await http.get("/readyz")).json() == {"status": "ready"}
        document = (await http.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    assert "/v1/actors" in document["paths"]
    assert "/v1/auth/token" in document["paths"]


async def test_without_a_token_nothing_passes(agora: Agora) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=agora.url) as http:
        response = await http.get("/v1/actors/anything")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_revoked_client_is_refused_at_once(agora: Agora) -> None:
    created = await agora.register_client("agency", "FR")
    client = await agora.login(created["client_id"], created["client_secret"])
    assert (await client.post("/v1/actors", json=ORG)).status_code == 201
    assert (
        await agora.admin.delete(f"/v1/admin/clients/{created['client_id']}")
    ).status_code == 204
    assert (await client.post("/v1/actors", json=ORG)).status_code == 401
