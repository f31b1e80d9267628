"""``GET /v1/auth/me``: who a token acts as, for any valid token and nothing secret."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]


async def test_me_names_the_client_role_state_and_expiry(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    before = datetime.now(UTC)
    for role, state in (
        ("agency", "DE"),
        ("steward", None),
        ("evaluator", "FR"),
        ("auditor", None),
    ):
        if role == "steward":
            client_id, headers = await gateway.new_steward("PL")
            state = "PL"
        else:
            client_id, headers = await gateway.new_client(role, state)
        me = await gateway.http.get("/v1/auth/me", headers=headers)
        assert me.status_code == 200, me.text
        body = me.json()
        assert set(body) == {"client_id", "role", "state", "expires_at"}
        assert (body["client_id"], body["role"], body["state"]) == (client_id, role, state)
        expires_at = datetime.fromisoformat(body["expires_at"])
        # The default token lifetime (900 s), to the second.
        assert before + timedelta(seconds=890) <= expires_at <= before + timedelta(seconds=960)
        assert me.headers["cache-control"] == "no-store"
        token = headers["Authorization"].removeprefix("Bearer ")
        assert token not in me.text


async def test_me_refuses_missing_invalid_and_revoked_tokens(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    client_id, headers = await gateway.new_client("auditor")
    assert (await gateway.http.get("/v1/auth/me")).status_code == 401
    invalid = await gateway.http.get("/v1/auth/me", headers={"Authorization": "Bearer x.y.z"})
    assert invalid.status_code == 401
    admin = await gateway.admin_headers()
    assert (
        await gateway.http.delete(f"/v1/admin/clients/{client_id}", headers=admin)
    ).status_code == 204
    assert (await gateway.http.get("/v1/auth/me", headers=headers)).status_code == 401
