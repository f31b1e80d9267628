"""The actor registry through the gateway, as the custodian (DE), a state it shared with (PL),
another state (FR), an operator (admin) and an evaluator, for every actor endpoint."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from agora_platform.testing.e2e import Agora

MARK = secrets.token_hex(6)
PERSONAL_FIELDS = ("legal_name", "representation", "consent", "contact", "risk_level")
PERSON: dict[str, Any] = {
    "kind": "individual",
    "public_name": f"E2E {MARK}",
    "legal_name": f"Legal {MARK}",
    "sectors": ["human_rights"],
    "activities": ["repression_support"],
    "host_country": "DE",
    "origin_region": "RU-CHU",
    "relocated_on": "2023-02-01",
    "risk_level": "high",
    "representation": {"gender": "female", "ethnic_origin": f"Origin {MARK}"},
    "consent": {"given_on": "2024-02-01", "scope": f"Scope {MARK}"},
    "contact": {"email": f"e2e.{MARK}@example.org"},
}
MERGE = "application/merge-patch+json"


@dataclass
class Cast:
    custodian: httpx.AsyncClient  # agency of DE
    grantee: httpx.AsyncClient  # agency of PL, granted access
    other: httpx.AsyncClient  # agency of FR
    admin: httpx.AsyncClient
    evaluator: httpx.AsyncClient
    auditor: httpx.AsyncClient

    def everyone(self) -> dict[str, httpx.AsyncClient]:
        return {
            "custodian": self.custodian,
            "grantee": self.grantee,
            "other": self.other,
            "admin": self.admin,
            "evaluator": self.evaluator,
        }


@pytest.fixture(scope="module")
async def cast(agora: Agora) -> Cast:
    return Cast(
        custodian=await agora.client("agency", "DE"),
        grantee=await agora.client("agency", "PL"),
        other=await agora.client("agency", "FR"),
        admin=agora.admin,
        evaluator=await agora.client("evaluator", "NL"),
        auditor=await agora.client("auditor"),
    )


async def _shared_actor(cast: Cast) -> dict[str, Any]:
    created = await cast.custodian.post("/v1/actors", json=PERSON)
    assert created.status_code == 201, created.text
    actor = created.json()
    granted = await cast.custodian.post(f"/v1/actors/{actor['id']}/grants", json={"state": "PL"})
    assert granted.status_code == 201, granted.text
    return dict(actor)


def _has_personal(body: dict[str, Any]) -> bool:
    present = [name in body for name in PERSONAL_FIELDS]
    assert all(present) or not any(present), body.keys()
    return all(present)


async def test_who_sees_personal_data(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    sees = {"custodian": True, "grantee": True, "other": False, "admin": False, "evaluator": False}
    for role, client in cast.everyone().items():
        one = await client.get(f"/v1/actors/{actor['id']}")
        assert one.status_code == 200, role
        assert "x-agora-audit" not in one.headers
        assert one.headers["etag"] == '"1"'
        assert _has_personal(one.json()) is sees[role], role
        assert (one.headers.get("cache-control") == "no-store") is sees[role], role
        assert (PERSON["legal_name"] in one.text) is sees[role], role
        assert (PERSON["representation"]["ethnic_origin"] in one.text) is sees[role], role

        found = None
        cursor = None
        while found is None:
            params: dict[str, Any] = {"origin_region": "RU-CHU", "limit": 200}
            if cursor:
                params["cursor"] = cursor
            page = await client.get("/v1/actors", params=params)
            assert page.status_code == 200, role
            found = next((i for i in page.json()["items"] if i["id"] == actor["id"]), None)
            cursor = page.json()["next_cursor"]
            if found is None:
                assert cursor is not None, role
        assert _has_personal(found) is sees[role], role
    unknown = await cast.custodian.get("/v1/actors/act_doesnotexist")
    assert unknown.status_code == 404


async def test_reads_and_writes_of_personal_data_are_audited(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    await cast.grantee.get(f"/v1/actors/{actor['id']}")
    await cast.other.get(f"/v1/actors/{actor['id']}")
    response = await cast.auditor.get(
        "/v1/audit/events", params={"resource": actor["id"], "limit": 200}
    )
    assert response.status_code == 200, response.text
    records = response.json()["items"]
    actions = [(r["action"], r["state"]) for r in records]
    assert ("actor.personal_data.write", "DE") in actions
    assert ("actor.grant.created", "DE") in actions
    assert ("actor.personal_data.read", "PL") in actions
    assert ("actor.personal_data.read", "FR") not in actions  # FR saw no personal data
    assert all(PERSON["legal_name"] not in str(r) for r in records)


async def test_only_the_custodian_patches_and_if_match_is_required(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    url = f"/v1/actors/{actor['id']}"

    async def patch(client: httpx.AsyncClient, body: Any, etag: str | None) -> httpx.Response:
        headers = {"Content-Type": MERGE}
        if etag:
            headers["If-Match"] = etag
        return await client.patch(url, json=body, headers=headers)

    for role in ("grantee", "other", "admin", "evaluator"):
        refused = await patch(cast.everyone()[role], {"public_name": "Hijack"}, '"1"')
        assert refused.status_code == 403, role
    assert (await patch(cast.custodian, {"public_name": "New"}, None)).status_code == 428
    assert (await patch(cast.custodian, {"public_name": "New"}, '"5"')).status_code == 412
    bad = await patch(cast.custodian, {"representation": {"gender": "robot"}}, '"1"')
    assert bad.status_code == 422
    assert "robot" not in bad.text
    done = await patch(cast.custodian, {"public_name": "New", "contact": None}, '"1"')
    assert done.status_code == 200, done.text
    assert done.headers["etag"] == '"2"'
    assert done.json()["contact"] is None
    assert "x-agora-audit" not in done.headers
    assert (await patch(cast.custodian, {"public_name": "Again"}, '"1"')).status_code == 412


async def test_grants_are_the_custodians_alone(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    url = f"/v1/actors/{actor['id']}/grants"
    for role in ("grantee", "other", "admin", "evaluator"):
        client = cast.everyone()[role]
        assert (await client.post(url, json={"state": "SE"})).status_code == 403, role
        assert (await client.delete(f"{url}/PL")).status_code == 403, role
        assert (await client.get(url)).status_code == 403, role
    assert [g["state"] for g in (await cast.custodian.get(url)).json()["items"]] == ["PL"]
    assert (await cast.custodian.delete(f"{url}/PL")).status_code == 204
    after = await cast.grantee.get(f"/v1/actors/{actor['id']}")
    assert not _has_personal(after.json())
    assert (await cast.custodian.delete(f"{url}/PL")).status_code == 404


async def test_permits_are_seen_by_custodian_grantee_and_issuer(cast: Cast, agora: Agora) -> None:
    actor = await _shared_actor(cast)
    url = f"/v1/actors/{actor['id']}/permits"
    today = datetime.now(UTC).date()
    body = {
        "type": "residence",
        "valid_from": (today - timedelta(days=300)).isoformat(),
        "valid_until": (today + timedelta(days=20)).isoformat(),
        "family_members": 3,
    }
    issued = await cast.other.post(url, json=body)  # FR issues a permit to DE's actor
    assert issued.status_code == 201, issued.text
    permit_id = issued.json()["id"]
    stranger = await agora.client("agency", "SE")
    for role, client in {**cast.everyone(), "stranger": stranger}.items():
        listed = await client.get(url)
        expiring = await client.get("/v1/actors/permits/expiring", params={"within_days": 30})
        if role in ("admin", "evaluator"):
            assert listed.status_code == 403, role
            assert expiring.status_code == 403, role
            assert (await client.post(url, json=body)).status_code == 403, role
            continue
        assert expiring.status_code == 200, role
        visible = role in ("custodian", "grantee", "other")
        assert (permit_id in [p["id"] for p in listed.json()["items"]]) is visible, role
        ids: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"within_days": 30, "limit": 200}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get("/v1/actors/permits/expiring", params=params)).json()
            ids += [p["id"] for p in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert (permit_id in ids) is visible, role


async def test_vetting_is_per_state(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    url = f"/v1/actors/{actor['id']}/vetting"
    today = datetime.now(UTC).date().isoformat()
    assert (
        await cast.other.put(url, json={"decision": "declined", "decided_on": today})
    ).status_code == 201
    assert (
        await cast.custodian.put(url, json={"decision": "approved", "decided_on": today})
    ).status_code == 201
    assert (await cast.other.get(url)).json()["decision"] == "declined"
    assert (await cast.custodian.get(url)).json()["decision"] == "approved"
    assert (await cast.grantee.get(url)).status_code == 404  # PL decided nothing
    for client in (cast.admin, cast.evaluator):
        assert (await client.get(url)).status_code == 403
        assert (
            await client.put(url, json={"decision": "approved", "decided_on": today})
        ).status_code == 403


async def test_statistics_for_agencies_and_operators(cast: Cast) -> None:
    for role, client in cast.everyone().items():
        response = await client.get("/v1/actors/statistics")
        if role == "evaluator":
            assert response.status_code == 403
            continue
        assert response.status_code == 200, role
        stats = response.json()
        assert {
            "total",
            "by_kind",
            "by_sector",
            "by_host_country",
            "by_origin_region",
            "representation",
        } <= set(stats)
        assert all(v is None or v >= 5 for v in stats["by_origin_region"].values())
        assert PERSON["legal_name"] not in response.text
        # Differential privacy, and the response says how (docs/actors.md, Statistics).
        assert stats["privacy"]["mechanism"] == "discrete_laplace"
        assert stats["privacy"]["noised"] in (["representation"], [])
        assert stats["privacy"]["epsilon"] <= stats["privacy"]["budget"]["epsilon"]
        assert (await client.get("/v1/actors/statistics")).json() == stats  # one release


async def test_erasure_by_the_custodian_only_then_gone_for_all(cast: Cast) -> None:
    actor = await _shared_actor(cast)
    url = f"/v1/actors/{actor['id']}"
    for role in ("grantee", "other", "admin", "evaluator"):
        refused = await cast.everyone()[role].delete(url, headers={"If-Match": '"1"'})
        assert refused.status_code == 403, role
    assert (await cast.custodian.delete(url)).status_code == 428
    erased = await cast.custodian.delete(url, headers={"If-Match": '"1"'})
    assert erased.status_code == 204
    assert "x-agora-audit" not in erased.headers
    for role, client in cast.everyone().items():
        assert (await client.get(url)).status_code == 410, role
    audit = await cast.auditor.get(
        "/v1/audit/events", params={"resource": actor["id"], "action": "actor.erased"}
    )
    assert [r["state"] for r in audit.json()["items"]] == ["DE"]


async def test_agencies_register_operators_and_evaluators_do_not(cast: Cast) -> None:
    public = {k: v for k, v in PERSON.items() if k not in PERSONAL_FIELDS}
    for role, client in cast.everyone().items():
        created = await client.post("/v1/actors", json=public)
        if role in ("admin", "evaluator"):
            assert created.status_code == 403, role
            continue
        assert created.status_code == 201, role
        assert created.headers["location"] == f"/v1/actors/{created.json()['id']}"
        assert created.headers["etag"] == '"1"'
    refused = await cast.custodian.post("/v1/actors", json={**public, "host_country": "XX"})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
