"""The audit trail: client changes and refusals are recorded, chained, readable by auditors only,
and any tampering with a stored record is reported by verify."""

from __future__ import annotations

import asyncio
import base64
import itertools
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]


async def _events(gateway: Gateway, auditor: dict[str, str], **params: object) -> list[dict]:
    response = await gateway.http.get("/v1/audit/events", params=params, headers=auditor)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_client_changes_and_refusals_are_chained_records(gateway: Gateway) -> None:
    agency_id, agency = await gateway.new_client("agency", "DE")
    _, auditor = await gateway.new_client("auditor")
    admin = await gateway.admin_headers()
    assert (await gateway.http.get("/v1/admin/clients", headers=agency)).status_code == 403
    assert (
        await gateway.http.delete(f"/v1/admin/clients/{agency_id}", headers=admin)
    ).status_code == 204

    records = await _events(gateway, auditor, limit=200)

    # An agency is enrolled by its state's steward; the steward's records name the state.
    enrolled = [r for r in records if r["action"] == "client.enrolled"]
    assert [(r["resource"], r["subject_state"]) for r in enrolled] == [(agency_id, "DE")]
    revoked = [r for r in records if r["action"] == "client.revoked"]
    assert [r["resource"] for r in revoked] == [agency_id]
    denied = [r for r in records if r["action"] == "access.denied"]
    assert denied[0]["client_id"] == agency_id
    assert denied[0]["state"] == "DE"
    assert denied[0]["resource"] == "GET /v1/admin/clients"
    assert denied[0]["outcome"] == "denied"
    for earlier, later in itertools.pairwise(records):
        assert later["prev_hash"] == earlier["hash"]
    assert set(records[0]) == {
        "seq",
        "at",
        "client_id",
        "state",
        "action",
        "resource",
        "outcome",
        "subject_state",
        "hash",
        "prev_hash",
    }


async def test_filters_and_pages(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    _, auditor = await gateway.new_client("auditor")
    for state in ("DE", "FR", "PL"):
        await gateway.new_client("evaluator", state)

    page = await gateway.http.get(
        "/v1/audit/events", params={"action": "client.created", "limit": 2}, headers=auditor
    )
    rest = await gateway.http.get(
        "/v1/audit/events",
        params={"action": "client.created", "limit": 2, "cursor": page.json()["next_cursor"]},
        headers=auditor,
    )

    assert len(page.json()["items"]) == 2
    items = page.json()["items"] + rest.json()["items"]
    assert len(items) == 4  # the auditor and three evaluators
    assert rest.json()["next_cursor"] is None
    assert {i["action"] for i in items} == {"client.created"}
    bad = await gateway.http.get("/v1/audit/events", params={"limit": 0}, headers=auditor)
    assert bad.status_code == 422


async def test_only_auditors_read_the_trail(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    _, agency = await gateway.new_client("agency", "DE")
    admin = await gateway.admin_headers()
    for path in ("/v1/audit/events", "/v1/audit/verify"):
        assert (await gateway.http.get(path, headers=agency)).status_code == 403
        assert (await gateway.http.get(path, headers=admin)).status_code == 403
        assert (await gateway.http.get(path)).status_code == 401


async def test_concurrent_writers_keep_one_valid_chain(gateway: Gateway) -> None:
    _, auditor = await gateway.new_client("auditor")
    _, agency = await gateway.new_client("agency", "DE")

    # Refusals are recorded by concurrent requests, each in its own transaction.
    await asyncio.gather(
        *(gateway.http.get("/v1/admin/clients", headers=agency) for _ in range(12))
    )

    verdict = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()
    assert verdict["valid"] is True
    assert verdict["records"] == len(await _events(gateway, auditor, limit=200))
    assert verdict["records"] >= 14


async def test_verify_reports_a_changed_record(gateway: Gateway) -> None:
    target_id, _ = await gateway.new_client("evaluator", "DE")
    _, auditor = await gateway.new_client("auditor")
    assert (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()["valid"] is True

    async with gateway.app.state.db.transaction() as session:
        await session.execute(
            text("UPDATE audit_records SET resource = 'someone-else' WHERE resource = :r"),
            {"r": target_id},
        )

    verdict = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()
    assert (verdict["valid"], verdict["records"]) == (False, 2)


async def test_verify_reports_a_removed_last_record(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    await gateway.new_client("evaluator", "DE")
    _, auditor = await gateway.new_client("auditor")

    async with gateway.app.state.db.transaction() as session:
        await session.execute(
            text("DELETE FROM audit_records WHERE seq = (SELECT max(seq) FROM audit_records)")
        )

    verdict = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()
    assert (verdict["valid"], verdict["records"]) == (False, 1)


def test_the_service_audit_header_names_actions_and_resources() -> None:
    from gateway.audit.reported import parse_service_header

    assert parse_service_header("actor.personal_data.read a1 a2") == [
        ("actor.personal_data.read", "a1"),
        ("actor.personal_data.read", "a2"),
    ]
    assert parse_service_header("actor.grant.created a1, actor.erased a2") == [
        ("actor.grant.created", "a1"),
        ("actor.erased", "a2"),
    ]
    assert parse_service_header("actor.erased") is None
    assert parse_service_header("drop.tables a1") is None


async def test_a_write_is_on_the_trail_before_it_is_forwarded(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    agency_id, agency = await gateway.new_client("agency", "DE")
    _, auditor = await gateway.new_client("auditor")

    # The service is unreachable here: the write fails after the gateway let it through.
    posted = await gateway.http.post(
        "/v1/actors", json={"legal_name": "Secret Person"}, headers=agency
    )
    deleted = await gateway.http.delete("/v1/actors/act_someone", headers=agency)
    read = await gateway.http.get("/v1/actors/act_someone", headers=agency)

    assert (posted.status_code, deleted.status_code, read.status_code) == (502, 502, 502)
    attempted = await _events(gateway, auditor, outcome="attempted")
    assert [(r["client_id"], r["state"], r["action"]) for r in attempted] == [
        (agency_id, "DE", "POST /v1/actors/…"),
        (agency_id, "DE", "DELETE /v1/actors/…"),
    ]
    assert [r["resource"] for r in attempted] == [
        posted.headers["x-request-id"],
        deleted.headers["x-request-id"],
    ]
    trail = str(await _events(gateway, auditor, limit=200))
    assert "Secret Person" not in trail
    assert "act_someone" not in trail
    # The gateway's own writes and anonymous ones are not "attempted" records.
    assert (await gateway.http.post("/v1/actors", json={})).status_code == 401
    assert len(await _events(gateway, auditor, outcome="attempted")) == 2


def _cursor(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


async def test_out_of_range_cursors_and_timestamps_are_422s_not_500s(
    sqlite_gateway: Gateway,
) -> None:
    """A 64-bit-overflowing cursor, or a timestamp with no UTC equivalent, is bad input."""
    gateway = sqlite_gateway
    admin = await gateway.admin_headers()
    created = await gateway.http.post(
        "/v1/admin/clients", json={"name": "Range auditor", "role": "auditor"}, headers=admin
    )
    body = created.json()
    token = await gateway.http.post(
        "/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": body["client_secret"],
        },
    )
    auditor = {"Authorization": "Bearer " + token.json()["access_token"]}
    for params in (
        {"cursor": _cursor(b"[18446744073709551615]")},
        {"cursor": _cursor(b"[-9223372036854775809]")},
        {"since": "0001-01-01T00:00:00+14:00"},
        {"until": "9999-12-31T23:59:59-14:00"},
    ):
        answer = await gateway.http.get("/v1/audit/events", params=params, headers=auditor)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
