"""The two-person rule and stewards, in the gateway alone: who may create which client, split
knowledge of a steward's secret, a steward's powers within its own state, and /metrics."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.supervisor import GATEWAY_DIR
from agora_platform.testing.gateway import gateway_settings, running_gateway
from sqlalchemy import text

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

TOKEN = "/v1/auth/token"
SECOND_SECRET = "second-admin-secret-for-tests-only-0123456789"


def _form(client_id: str, secret: str) -> dict[str, str]:
    return {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}


async def _pending_steward(gateway: Gateway, state: str = "DE") -> dict[str, str]:
    created = await gateway.http.post(
        "/v1/admin/clients",
        json={"name": f"steward {state}", "role": "steward", "state": state},
        headers=await gateway.admin_headers(),
    )
    assert created.status_code == 202, created.text
    return dict(created.json())


async def test_an_admin_may_not_create_an_agency(gateway: Gateway) -> None:
    refused = await gateway.http.post(
        "/v1/admin/clients",
        json={"name": "Ministry", "role": "agency", "state": "DE"},
        headers=await gateway.admin_headers(),
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "enrolled by their state's steward" in refused.json()["detail"]


async def test_an_admin_creates_evaluators_auditors_and_monitors_alone(gateway: Gateway) -> None:
    admin = await gateway.admin_headers()
    for body in (
        {"name": "Evaluator", "role": "evaluator", "state": "DE"},
        {"name": "Auditor", "role": "auditor"},
        {"name": "Prometheus", "role": "monitor"},
    ):
        created = await gateway.http.post("/v1/admin/clients", json=body, headers=admin)
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "active"
        token = await gateway.http.post(
            TOKEN, data=_form(created.json()["client_id"], created.json()["client_secret"])
        )
        assert token.status_code == 200


async def test_roles_and_states_are_checked(gateway: Gateway) -> None:
    admin = await gateway.admin_headers()
    for body in (
        {"name": "s", "role": "steward"},
        {"name": "m", "role": "monitor", "state": "DE"},
        {"name": "s", "role": "steward", "state": "XX"},
    ):
        refused = await gateway.http.post("/v1/admin/clients", json=body, headers=admin)
        assert refused.status_code == 422, body
        assert "XX" not in refused.text or body["state"] != "XX" or "input" not in refused.text


async def test_a_steward_needs_two_admins_and_neither_knows_its_secret(gateway: Gateway) -> None:
    pending = await _pending_steward(gateway)
    client_id, first = pending["client_id"], pending["secret_part"]
    assert pending["status"] == "pending_approval"
    assert "client_secret" not in pending

    # Pending: no token, whatever is tried.
    for secret in (first, first + first, "x"):
        refused = await gateway.http.post(TOKEN, data=_form(client_id, secret))
        assert refused.status_code == 401
        assert refused.json() == {"error": "invalid_client"}
    # The creator cannot approve its own.
    own = await gateway.http.post(
        f"/v1/admin/clients/{client_id}/approve", headers=await gateway.admin_headers()
    )
    assert own.status_code == 403
    assert own.headers["content-type"] == "application/problem+json"
    assert first not in own.text

    second_admin = await gateway.second_admin_headers()
    approved = await gateway.http.post(
        f"/v1/admin/clients/{client_id}/approve", headers=second_admin
    )
    assert approved.status_code == 200, approved.text
    body = approved.json()
    second = body["secret_part"]
    assert body["status"] == "active"
    assert body["approved_by"] != body["created_by"]
    assert first not in approved.text

    # Either part alone is no secret; the creator's part followed by the approver's is.
    for secret in (first, second, second + first):
        assert (await gateway.http.post(TOKEN, data=_form(client_id, secret))).status_code == 401
    assert (
        await gateway.http.post(TOKEN, data=_form(client_id, first + second))
    ).status_code == 200

    again = await gateway.http.post(f"/v1/admin/clients/{client_id}/approve", headers=second_admin)
    assert again.status_code == 409
    unknown = await gateway.http.post("/v1/admin/clients/cl_nobody/approve", headers=second_admin)
    assert unknown.status_code == 404


async def test_the_creators_part_is_never_stored_in_clear(gateway: Gateway) -> None:
    pending = await _pending_steward(gateway)
    db = gateway.app.state.db

    async def stored() -> tuple[str | None, str | None]:
        async with db.transaction(readonly=True) as session:
            row = (
                await session.execute(
                    text("SELECT sealed_part, secret_hash FROM clients WHERE client_id = :id"),
                    {"id": pending["client_id"]},
                )
            ).one()
        return row[0], row[1]

    sealed, secret_hash = await stored()
    assert sealed is not None
    assert pending["secret_part"] not in sealed
    assert secret_hash is None
    approved = await gateway.http.post(
        f"/v1/admin/clients/{pending['client_id']}/approve",
        headers=await gateway.second_admin_headers(),
    )
    assert approved.status_code == 200
    sealed, secret_hash = await stored()
    assert sealed is None  # after approval only the hash of the whole secret remains
    assert secret_hash is not None
    assert secret_hash.startswith("$argon2")


async def test_another_admin_needs_approval_once_two_exist(gateway: Gateway) -> None:
    await gateway.second_admin_headers()  # the bootstrap exception, used up
    created = await gateway.http.post(
        "/v1/admin/clients",
        json={"name": "third admin", "role": "admin"},
        headers=await gateway.admin_headers(),
    )
    assert created.status_code == 202, created.text
    assert "client_secret" not in created.json()


async def test_production_has_no_bootstrap_exception_and_reads_two_admins(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(
        url,
        tmp_path,
        second_admin_client_id="admin_second",
        second_admin_client_secret=SECOND_SECRET,
    )
    async with running_gateway(settings) as gateway:
        second = await gateway.http.post(TOKEN, data=_form("admin_second", SECOND_SECRET))
        # Production's rule (the rest of production's setup is not this test's subject).
        gateway.app.state.settings = settings.model_copy(update={"env": "production"})
        alone = await gateway.http.post(
            "/v1/admin/clients",
            json={"name": "another admin", "role": "admin"},
            headers=await gateway.admin_headers(),
        )
    assert second.status_code == 200
    assert alone.status_code == 202, alone.text


async def test_a_steward_enrols_lists_and_revokes_only_its_own_state(gateway: Gateway) -> None:
    steward_id, de = await gateway.new_steward("DE")
    _, fr = await gateway.new_steward("FR")

    enrolled = await gateway.http.post(
        "/v1/stewardship/clients", json={"name": "Foreign Office"}, headers=de
    )
    assert enrolled.status_code == 201, enrolled.text
    agency = enrolled.json()
    assert (agency["role"], agency["state"], agency["created_by"]) == ("agency", "DE", steward_id)
    token = await gateway.token(agency["client_id"], agency["client_secret"])
    assert (
        await gateway.http.post(
            "/v1/stewardship/clients", json={"name": "x", "role": "admin"}, headers=de
        )
    ).status_code == 422

    listed = (await gateway.http.get("/v1/stewardship/clients", headers=de)).json()["items"]
    by_id = {c["client_id"]: c for c in listed}
    assert set(by_id) == {steward_id, agency["client_id"]}
    assert by_id[steward_id]["approved_by"] is not None
    assert "secret" not in str(listed)
    assert (await gateway.http.get("/v1/stewardship/clients", headers=fr)).json()["items"][0][
        "state"
    ] == "FR"

    # Another state's steward cannot learn of or revoke DE's agency.
    other = await gateway.http.delete(f"/v1/stewardship/clients/{agency['client_id']}", headers=fr)
    assert other.status_code == 404
    _, evaluator = await gateway.new_client("evaluator", "DE")
    assert (await gateway.http.get("/v1/stewardship/clients", headers=evaluator)).status_code == 403

    revoked = await gateway.http.delete(
        f"/v1/stewardship/clients/{agency['client_id']}", headers=de
    )
    assert revoked.status_code == 204
    after = await gateway.http.get(
        "/v1/coordination/overview", headers={"Authorization": f"Bearer {token}"}
    )
    assert after.status_code == 401

    events = (await gateway.http.get("/v1/stewardship/events", headers=de)).json()["items"]
    assert [(e["action"], e["resource"]) for e in events] == [
        ("client.pending_approval", steward_id),
        ("client.approved", steward_id),
        ("client.enrolled", agency["client_id"]),
        ("client.revoked", agency["client_id"]),
    ]
    fr_events = (await gateway.http.get("/v1/stewardship/events", headers=fr)).json()["items"]
    assert {e["subject_state"] for e in fr_events} == {"FR"}

    # The chain still verifies with the records that name a subject state.
    _, auditor = await gateway.new_client("auditor")
    verified = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()
    assert verified["valid"] is True


async def test_a_refused_approval_is_visible_to_the_states_stewards(gateway: Gateway) -> None:
    _, de = await gateway.new_steward("DE")
    pending = await _pending_steward(gateway, "DE")
    own = await gateway.http.post(
        f"/v1/admin/clients/{pending['client_id']}/approve", headers=await gateway.admin_headers()
    )
    assert own.status_code == 403
    events = (
        await gateway.http.get(
            "/v1/stewardship/events", params={"since": "2000-01-01T00:00:00Z"}, headers=de
        )
    ).json()["items"]
    refused = [e for e in events if e["action"] == "client.approval_refused"]
    assert [(e["resource"], e["outcome"]) for e in refused] == [(pending["client_id"], "denied")]
    naive = await gateway.http.get(
        "/v1/stewardship/access-log", params={"since": "2000-01-01T00:00:00"}, headers=de
    )
    assert naive.status_code == 422


async def test_a_revoked_pending_client_can_no_longer_be_approved(gateway: Gateway) -> None:
    pending = await _pending_steward(gateway)
    admin = await gateway.admin_headers()
    assert (
        await gateway.http.delete(f"/v1/admin/clients/{pending['client_id']}", headers=admin)
    ).status_code == 204
    late = await gateway.http.post(
        f"/v1/admin/clients/{pending['client_id']}/approve",
        headers=await gateway.second_admin_headers(),
    )
    assert late.status_code == 409


async def test_metrics_need_a_monitor_or_an_admin(gateway: Gateway) -> None:
    _, monitor = await gateway.new_client("monitor")
    _, agency = await gateway.new_client("agency", "DE")
    steward = await gateway.steward_headers("DE")
    assert (await gateway.http.get("/metrics", headers=monitor)).status_code == 200
    assert (
        await gateway.http.get("/metrics", headers=await gateway.admin_headers())
    ).status_code == 200
    for other in (agency, steward):
        assert (await gateway.http.get("/metrics", headers=other)).status_code == 403
    assert (await gateway.http.get("/metrics")).status_code == 401
    # A monitor scrapes /metrics and nothing else.
    assert (await gateway.http.get("/v1/admin/clients", headers=monitor)).status_code == 403
    assert (await gateway.http.get("/v1/stewardship/clients", headers=monitor)).status_code == 403


async def test_a_revoked_client_is_listed_as_revoked(gateway: Gateway) -> None:
    _, de = await gateway.new_steward("DE")
    enrolled = (
        await gateway.http.post("/v1/stewardship/clients", json={"name": "Ministry"}, headers=de)
    ).json()
    kept = (
        await gateway.http.post("/v1/stewardship/clients", json={"name": "Kept"}, headers=de)
    ).json()
    assert enrolled["status"] == "active"
    revoked = await gateway.http.delete(
        f"/v1/stewardship/clients/{enrolled['client_id']}", headers=de
    )
    assert revoked.status_code == 204

    def by_id(response: object) -> dict[str, dict[str, object]]:
        return {c["client_id"]: c for c in response.json()["items"]}  # type: ignore[attr-defined]

    listed = by_id(await gateway.http.get("/v1/stewardship/clients", headers=de))
    assert listed[enrolled["client_id"]]["status"] == "revoked"
    assert listed[enrolled["client_id"]]["revoked_at"] is not None
    assert listed[kept["client_id"]]["status"] == "active"
    # The admin's list says the same, and an admin's revocation too.
    admin = await gateway.admin_headers()
    auditor_id, _ = await gateway.new_client("auditor")
    assert (
        await gateway.http.delete(f"/v1/admin/clients/{auditor_id}", headers=admin)
    ).status_code == 204
    everyone = by_id(await gateway.http.get("/v1/admin/clients?limit=200", headers=admin))
    assert everyone[enrolled["client_id"]]["status"] == "revoked"
    assert everyone[auditor_id]["status"] == "revoked"
    assert everyone[kept["client_id"]]["status"] == "active"


async def test_client_names_refuse_control_and_invisible_characters(gateway: Gateway) -> None:
    _, de = await gateway.new_steward("DE")
    admin = await gateway.admin_headers()
    for name in ("Foreign\u202eeciffO", "Zero\u200bwidth", "Bell\x07", "Two\nlines", "x" * 201):
        for path, body, headers in (
            ("/v1/stewardship/clients", {"name": name}, de),
            ("/v1/admin/clients", {"name": name, "role": "auditor"}, admin),
        ):
            refused = await gateway.http.post(path, json=body, headers=headers)
            assert refused.status_code == 422, (path, name)
            assert refused.json()["errors"][0]["loc"] == ["body", "name"]
            assert name not in refused.text
            assert name.encode("unicode_escape").decode() not in refused.text
    # Other scripts are names like any other.
    kept = await gateway.http.post(
        "/v1/stewardship/clients", json={"name": "Министерство"}, headers=de
    )
    assert kept.status_code == 201, kept.text
    assert kept.json()["name"] == "Министерство"
