"""Idempotency-Key on POST: replay, different body, in flight, scoped to the client, races."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from gateway.idempotency.models import IdempotencyRecord
from gateway.idempotency.service import IdempotencyStore, forget_resources, request_hash
from sqlalchemy import update

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

CLIENT = {"name": "Evaluator", "role": "evaluator", "state": "DE"}


async def test_same_key_and_body_replays_the_first_response(gateway: Gateway) -> None:
    headers = {**await gateway.admin_headers(), "Idempotency-Key": "create-de-1"}
    first = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)
    again = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)

    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["cache-control"] == first.headers["cache-control"] == "no-store"
    listed = await gateway.http.get("/v1/admin/clients", headers=await gateway.admin_headers())
    assert [c["name"] for c in listed.json()["items"]].count("Evaluator") == 1


async def test_same_key_with_another_body_is_refused(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    headers = {**await gateway.admin_headers(), "Idempotency-Key": "k-2"}
    assert (
        await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)
    ).status_code == 201

    other = await gateway.http.post(
        "/v1/admin/clients", json={**CLIENT, "state": "FR"}, headers=headers
    )

    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


async def test_a_key_still_in_flight_is_a_conflict(gateway: Gateway) -> None:
    admin = await gateway.admin_headers()
    listed = await gateway.http.get("/v1/admin/clients", headers=admin)
    admin_id = listed.json()["items"][0]["client_id"]
    body = b'{"name":"Evaluator","role":"evaluator","state":"DE"}'
    store: IdempotencyStore = gateway.app.state.idempotency
    # The first request has claimed the key and is still running.
    claimed = await store.claim(
        client_id=admin_id, key="busy", request=request_hash("POST", "/v1/admin/clients", "", body)
    )
    assert claimed is None

    second = await gateway.http.post(
        "/v1/admin/clients",
        content=body,
        headers={**admin, "Idempotency-Key": "busy", "Content-Type": "application/json"},
    )

    assert second.status_code == 409
    assert second.headers["content-type"] == "application/problem+json"


async def test_keys_are_scoped_to_the_client(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    _, agency = await gateway.new_client("agency", "DE")
    admin = {**await gateway.admin_headers(), "Idempotency-Key": "shared"}
    created = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=admin)
    assert created.status_code == 201

    # Another client using the same key is not served the admin's stored response.
    refused = await gateway.http.post(
        "/v1/admin/clients", json=CLIENT, headers={**agency, "Idempotency-Key": "shared"}
    )

    assert refused.status_code == 403
    assert "idempotent-replayed" not in refused.headers
    assert "client_secret" not in refused.text


async def test_concurrent_duplicates_run_once(gateway: Gateway) -> None:
    headers = {**await gateway.admin_headers(), "Idempotency-Key": "race"}
    body = {"name": "Racing evaluator", "role": "evaluator", "state": "PL"}

    responses = await asyncio.gather(
        *(gateway.http.post("/v1/admin/clients", json=body, headers=headers) for _ in range(6))
    )

    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}
    originals = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(originals) == 1
    listed = await gateway.http.get(
        "/v1/admin/clients", params={"limit": 200}, headers=await gateway.admin_headers()
    )
    assert [c["name"] for c in listed.json()["items"]].count("Racing evaluator") == 1


async def test_a_malformed_key_is_refused(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    headers = {**await gateway.admin_headers(), "Idempotency-Key": "x" * 300}
    response = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)
    assert response.status_code == 422


async def test_keys_are_kept_a_day_then_forgotten(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    headers = {**await gateway.admin_headers(), "Idempotency-Key": "daily"}
    first = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)

    async def age(hours: int) -> None:
        async with gateway.app.state.db.transaction() as session:
            await session.execute(
                update(IdempotencyRecord).values(
                    created_at=datetime.now(UTC) - timedelta(hours=hours)
                )
            )

    await age(24)
    kept = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)
    await age(26)
    forgotten = await gateway.http.post("/v1/admin/clients", json=CLIENT, headers=headers)

    assert kept.headers["idempotent-replayed"] == "true"
    assert kept.json() == first.json()
    assert forgotten.status_code == 201
    assert "idempotent-replayed" not in forgotten.headers
    assert forgotten.json()["client_id"] != first.json()["client_id"]


async def test_an_erasure_forgets_every_kept_response_naming_the_actor(
    sqlite_gateway: Gateway,
) -> None:
    store: IdempotencyStore = sqlite_gateway.app.state.idempotency
    fingerprint = request_hash("POST", "/v1/actors", "", b"{}")

    async def keep(key: str, resources: list[str]) -> None:
        assert await store.claim(client_id="cl_de", key=key, request=fingerprint) is None
        await store.complete(
            client_id="cl_de",
            key=key,
            status=201,
            headers={},
            body=b'{"legal_name":"Secret"}',
            resources=resources,
        )

    await keep("registered", ["act_x_1"])
    await keep("other", ["act_x_10", "act_y"])
    await keep("wildcard", ["act_x%"])

    async with store.db.transaction() as session:
        await forget_resources(session, ["act_x_1", "act_x%1"])

    # The record about the erased actor is gone: the key runs afresh (a new claim).
    assert await store.claim(client_id="cl_de", key="registered", request=fingerprint) is None
    # No other actor's record is touched (no prefix match, wildcards are escaped).
    for key in ("other", "wildcard"):
        kept = await store.claim(client_id="cl_de", key=key, request=fingerprint)
        assert kept is not None
        assert kept.body == b'{"legal_name":"Secret"}'


async def test_a_dead_requests_claim_is_taken_over_after_the_upstream_timeout(
    sqlite_gateway: Gateway,
) -> None:
    """A claim whose request died with its gateway blocks retries only as long as a live request
    could run (the upstream timeout and a margin), not minutes."""
    gateway = sqlite_gateway
    admin = await gateway.admin_headers()
    listed = await gateway.http.get("/v1/admin/clients", headers=admin)
    admin_id = listed.json()["items"][0]["client_id"]
    body = b'{"name":"Evaluator","role":"evaluator","state":"DE"}'
    store: IdempotencyStore = gateway.app.state.idempotency
    request = request_hash("POST", "/v1/admin/clients", "", body)
    assert await store.claim(client_id=admin_id, key="orphan", request=request) is None
    timeout = gateway.app.state.settings.upstream_timeout_seconds
    headers = {**admin, "Idempotency-Key": "orphan", "Content-Type": "application/json"}

    async def claimed_ago(seconds: float) -> None:
        async with gateway.app.state.db.transaction() as session:
            await session.execute(
                update(IdempotencyRecord).values(
                    created_at=datetime.now(UTC) - timedelta(seconds=seconds)
                )
            )

    await claimed_ago(timeout)  # a live request could still be running
    still = await gateway.http.post("/v1/admin/clients", content=body, headers=headers)
    await claimed_ago(timeout + 21)
    retried = await gateway.http.post("/v1/admin/clients", content=body, headers=headers)

    assert still.status_code == 409
    assert retried.status_code == 201, retried.text
