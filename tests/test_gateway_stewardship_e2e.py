"""The first day on a fresh platform, as README's "First day" walks it: the bootstrap admin, a
second admin (the development exception), a steward made by two admins with a split secret, an
agency enrolled by the steward, a first call; then what the steward sees of its state."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from agora_platform.testing.e2e import ADMIN_ID, ADMIN_SECRET, Agora, start_platform

ACTOR = {
    "kind": "individual",
    "public_name": "First-day journalist",
    "sectors": ["independent_media"],
    "host_country": "DE",
    "legal_name": "Erste Person",
}


@pytest.fixture(scope="module")
async def fresh(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Agora]:
    """A platform of its own: the bootstrap exception holds only while one admin exists."""
    platform = await asyncio.to_thread(start_platform, tmp_path_factory.mktemp("first-day"))
    agora = Agora(platform)
    await agora.start()
    try:
        yield agora
    finally:
        await agora.close()
        await asyncio.to_thread(platform.stop)


async def _json(response: httpx.Response, status: int) -> Any:
    assert response.status_code == status, response.text
    return response.json()


async def test_first_day_from_the_bootstrap_admin_to_an_agencys_first_call(fresh: Agora) -> None:
    first_admin = await fresh.login(ADMIN_ID, ADMIN_SECRET)

    # A second admin, created alone: the development bootstrap exception (one admin exists).
    second = await _json(
        await first_admin.post("/v1/admin/clients", json={"name": "Second", "role": "admin"}), 201
    )
    second_admin = await fresh.login(second["client_id"], second["client_secret"])
    # Now two admins exist: a third admin would need approval.
    third = await first_admin.post("/v1/admin/clients", json={"name": "Third", "role": "admin"})
    assert (third.status_code, third.json()["status"]) == (202, "pending_approval")

    # A steward of DE: created by the first admin, approved by the second; secret = both parts.
    pending = await _json(
        await first_admin.post(
            "/v1/admin/clients", json={"name": "DE steward", "role": "steward", "state": "DE"}
        ),
        202,
    )
    steward_id = pending["client_id"]
    own = await first_admin.post(f"/v1/admin/clients/{steward_id}/approve")
    assert own.status_code == 403
    with pytest.raises(httpx.HTTPStatusError):
        await fresh.token(steward_id, pending["secret_part"])  # pending: invalid_client
    approved = await _json(await second_admin.post(f"/v1/admin/clients/{steward_id}/approve"), 200)
    steward = await fresh.login(steward_id, pending["secret_part"] + approved["secret_part"])

    # The steward enrols DE's agency, which makes its first call.
    agency_body = await _json(
        await steward.post("/v1/stewardship/clients", json={"name": "Foreign Office"}), 201
    )
    assert (agency_body["role"], agency_body["state"]) == ("agency", "DE")
    agency = await fresh.login(agency_body["client_id"], agency_body["client_secret"])
    actor = await _json(await agency.post("/v1/actors", json=ACTOR), 201)
    assert (await _json(await agency.get(f"/v1/actors/{actor['id']}"), 200))["legal_name"]

    # A grantee's reads reach the custodian's steward too; another state's steward sees none.
    pl_pending = await _json(
        await second_admin.post(
            "/v1/admin/clients", json={"name": "PL steward", "role": "steward", "state": "PL"}
        ),
        202,
    )
    pl_approved = await _json(
        await first_admin.post(f"/v1/admin/clients/{pl_pending['client_id']}/approve"), 200
    )
    pl_steward = await fresh.login(
        pl_pending["client_id"], pl_pending["secret_part"] + pl_approved["secret_part"]
    )
    pl_agency_body = await _json(
        await pl_steward.post("/v1/stewardship/clients", json={"name": "PL office"}), 201
    )
    pl_agency = await fresh.login(pl_agency_body["client_id"], pl_agency_body["client_secret"])
    await _json(await agency.post(f"/v1/actors/{actor['id']}/grants", json={"state": "PL"}), 201)
    assert (await _json(await pl_agency.get(f"/v1/actors/{actor['id']}"), 200))["legal_name"]

    log = (await _json(await steward.get("/v1/stewardship/access-log"), 200))["items"]
    about = [(r["action"], r["client_id"], r["state"]) for r in log if r["resource"] == actor["id"]]
    assert about == [
        ("actor.personal_data.write", agency_body["client_id"], "DE"),
        ("actor.personal_data.read", agency_body["client_id"], "DE"),
        ("actor.grant.created", agency_body["client_id"], "DE"),
        ("actor.personal_data.read", pl_agency_body["client_id"], "PL"),
    ]
    pl_log = (await _json(await pl_steward.get("/v1/stewardship/access-log"), 200))["items"]
    assert actor["id"] not in {r["resource"] for r in pl_log}
    assert "Erste Person" not in str(log)

    # Who created and approved each of DE's clients, and every step on the way.
    clients = (await _json(await steward.get("/v1/stewardship/clients"), 200))["items"]
    by_id = {c["client_id"]: c for c in clients}
    assert by_id[steward_id]["created_by"] == ADMIN_ID
    assert by_id[steward_id]["approved_by"] == second["client_id"]
    assert by_id[agency_body["client_id"]]["created_by"] == steward_id
    revoked = await steward.delete(f"/v1/stewardship/clients/{agency_body['client_id']}")
    assert revoked.status_code == 204
    assert (await agency.get("/v1/actors")).status_code == 401
    events = (await _json(await steward.get("/v1/stewardship/events"), 200))["items"]
    assert [(e["action"], e["resource"]) for e in events] == [
        ("client.pending_approval", steward_id),
        ("client.approval_refused", steward_id),
        ("client.approved", steward_id),
        ("client.enrolled", agency_body["client_id"]),
        ("client.revoked", agency_body["client_id"]),
    ]
    # The monitor scrapes metrics and nothing else.
    monitor = await fresh.client("monitor")
    assert (await monitor.get("/metrics")).status_code == 200
    assert (await monitor.get("/v1/actors")).status_code == 403
