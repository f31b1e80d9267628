"""Resource limits and operations at the gateway: body size, rate limit, metrics, revocation."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.testing.gateway import (
    ADMIN_ID,
    ADMIN_SECRET,
    GATEWAY_DIR,
    gateway_settings,
    running_gateway,
)

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]


async def test_a_body_over_one_mebibyte_is_refused(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    admin = await gateway.admin_headers()
    big = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
    response = await gateway.http.post(
        "/v1/admin/clients", content=big, headers={**admin, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_client_over_its_rate_limit_is_told_when_to_retry(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path, AGORA_GATEWAY_RATE_LIMIT_PER_MINUTE=3)
    async with running_gateway(settings) as gateway:
        admin = await gateway.admin_headers()
        statuses = [
            (await gateway.http.get("/v1/admin/clients", headers=admin)).status_code
            for _ in range(4)
        ]
        limited = await gateway.http.get("/v1/admin/clients", headers=admin)

    assert statuses == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) >= 1


async def test_metrics_need_an_admin_and_name_route_templates(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    client_id, agency = await gateway.new_client("agency", "DE")
    admin = await gateway.admin_headers()
    await gateway.http.delete(f"/v1/admin/clients/{client_id}", headers=admin)

    assert (await gateway.http.get("/metrics")).status_code == 401
    assert (await gateway.http.get("/metrics", headers=agency)).status_code == 401  # revoked
    _, evaluator = await gateway.new_client("evaluator")
    assert (await gateway.http.get("/metrics", headers=evaluator)).status_code == 403
    response = await gateway.http.get("/metrics", headers=admin)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'route="/v1/admin/clients/{client_id}"' in text
    assert "agora_http_requests_total{" in text
    assert "agora_http_request_duration_seconds_bucket{" in text
    assert client_id not in text


async def test_a_revoked_token_is_refused_at_once(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    client_id, agency = await gateway.new_client("auditor")
    assert (await gateway.http.get("/v1/audit/verify", headers=agency)).status_code == 200
    admin = await gateway.admin_headers()
    assert (
        await gateway.http.delete(f"/v1/admin/clients/{client_id}", headers=admin)
    ).status_code == 204

    refused = await gateway.http.get("/v1/audit/verify", headers=agency)

    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.headers["x-request-id"]


async def test_tokens_come_only_for_the_right_secret(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    created = await gateway.http.post(
        "/v1/admin/clients",
        json={"name": "x", "role": "auditor"},
        headers=await gateway.admin_headers(),
    )
    client_id = created.json()["client_id"]
    wrong = await gateway.http.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": "nope"},
    )
    other_grant = await gateway.http.post(
        "/v1/auth/token", data={"grant_type": "password", "client_id": client_id}
    )
    assert wrong.status_code == 401
    assert wrong.json() == {"error": "invalid_client"}
    assert other_grant.status_code == 400
    assert other_grant.json() == {"error": "unsupported_grant_type"}
    stored = await gateway.http.get("/v1/admin/clients", headers=await gateway.admin_headers())
    assert "secret" not in stored.text


async def test_guessing_a_secret_is_slowed_down(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path, AGORA_GATEWAY_TOKEN_ATTEMPTS_PER_MINUTE=2)
    form = {"grant_type": "client_credentials", "client_id": "cl_victim", "client_secret": "guess"}
    async with running_gateway(settings) as gateway:
        statuses = [
            (await gateway.http.post("/v1/auth/token", data=form)).status_code for _ in range(3)
        ]
        other = await gateway.http.post(
            "/v1/auth/token", data={**form, "client_id": "cl_someone_else"}
        )

    assert statuses == [401, 401, 429]
    assert other.status_code == 401


async def test_a_restart_does_not_undo_the_revocation_of_the_bootstrap_admin(
    test_databases: databases.TestDatabases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path)
    async with running_gateway(settings) as gateway:
        # Another admin takes over and revokes the bootstrap one.
        created = await gateway.http.post(
            "/v1/admin/clients",
            json={"name": "second admin", "role": "admin"},
            headers=await gateway.admin_headers(),
        )
        other = created.json()
        other_admin = {
            "Authorization": f"Bearer {await gateway.token(other['client_id'], other['client_secret'])}"
        }
        revoked = await gateway.http.delete(f"/v1/admin/clients/{ADMIN_ID}", headers=other_admin)
        assert revoked.status_code == 204

    capsys.readouterr()
    async with running_gateway(settings) as gateway:
        refused = await gateway.http.post(
            "/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": ADMIN_ID,
                "client_secret": ADMIN_SECRET,
            },
        )
        listed = await gateway.http.get("/v1/admin/clients", headers=other_admin)
    logged = capsys.readouterr().err

    assert refused.status_code == 401
    assert refused.json() == {"error": "invalid_client"}
    bootstrap = [c for c in listed.json()["items"] if c["client_id"] == ADMIN_ID]
    assert bootstrap[0]["revoked_at"] is not None
    assert bootstrap[0]["role"] == "admin"
    entries = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    warnings = [e for e in entries if e["logger"] == "agora.gateway.clients"]
    assert [e["level"] for e in warnings] == ["warning"]
    assert "stays revoked" in warnings[0]["message"]
    assert ADMIN_SECRET not in logged


async def test_repeated_token_fields_are_refused_and_decoys_do_not_lift_the_limit(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path, AGORA_GATEWAY_TOKEN_ATTEMPTS_PER_MINUTE=2)
    form = "grant_type=client_credentials&client_id={first}&client_id={last}&client_secret=guess"
    urlencoded = {"Content-Type": "application/x-www-form-urlencoded"}
    async with running_gateway(settings) as gateway:
        repeated = [
            await gateway.http.post(
                "/v1/auth/token",
                content=form.format(first=f"decoy{n}", last="cl_victim"),
                headers=urlencoded,
            )
            for n in range(3)
        ]
        doubled_secret = await gateway.http.post(
            "/v1/auth/token",
            content="grant_type=client_credentials&client_id=cl_victim"
            "&client_secret=a&client_secret=b",
            headers=urlencoded,
        )
        # A malformed HTTP Basic header (no colon) names no one: the form's id is counted.
        basic_decoys = [
            (
                await gateway.http.post(
                    "/v1/auth/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": "cl_victim",
                        "client_secret": "guess",
                    },
                    headers={
                        "Authorization": "Basic " + base64.b64encode(f"decoy{n}".encode()).decode()
                    },
                )
            ).status_code
            for n in range(3)
        ]
        multipart = await gateway.http.post(
            "/v1/auth/token",
            files={"grant_type": (None, "client_credentials")},
            data={"client_id": "cl_someone", "client_secret": "guess"},
        )

    for response in [*repeated, doubled_secret]:
        assert response.status_code == 400
        assert response.json() == {"error": "invalid_request"}
    assert basic_decoys == [401, 401, 429]
    assert multipart.status_code == 400
    assert multipart.json() == {"error": "invalid_request"}
