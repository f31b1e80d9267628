"""Abuse before authentication: per-address limits on the token endpoint and on anonymous
requests, sampled audit of anonymous refusals, the gateway's own request ids, key lengths."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from agora_common.metrics import REGISTRY
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.testing.gateway import GATEWAY_DIR, gateway_settings, running_gateway
from gateway.addresses import ClientAddresses
from gateway.main import create_app

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

TOKEN_FORM = {"grant_type": "client_credentials", "client_secret": "guess"}


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@asynccontextmanager
async def _from(gateway: Gateway, address: str, **kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests reach the gateway from ``address`` (the socket's peer)."""
    transport = httpx.ASGITransport(app=gateway.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway", **kwargs) as http:
        yield http


async def _sqlite_gateway(
    test_databases: databases.TestDatabases, tmp_path: Path, **settings: Any
) -> Any:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    return running_gateway(gateway_settings(url, tmp_path, **settings))


async def test_rotating_client_ids_from_one_address_buys_a_bounded_number_of_argon2_checks(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    before = _metric("agora_gateway_secret_verifications_total")
    async with await _sqlite_gateway(
        test_databases, tmp_path, AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE=5
    ) as gateway:
        async with _from(gateway, "203.0.113.7") as attacker:
            flood = [
                await attacker.post("/v1/auth/token", data={**TOKEN_FORM, "client_id": f"cl_{n}"})
                for n in range(40)
            ]
        verified = _metric("agora_gateway_secret_verifications_total") - before
        async with _from(gateway, "198.51.100.20") as bystander:
            other = await bystander.post(
                "/v1/auth/token", data={**TOKEN_FORM, "client_id": "cl_bystander"}
            )

    statuses = [r.status_code for r in flood]
    assert statuses == [401] * 5 + [429] * 35
    assert verified == 5  # 40 client ids, 5 argon2id verifications
    for limited in flood[5:]:
        assert limited.headers["content-type"] == "application/problem+json"
        assert int(limited.headers["retry-after"]) >= 1
        assert "address" in limited.json()["detail"]
    assert other.status_code == 401  # another address has its own budget
    assert _metric("agora_gateway_address_limited_total", limit="token") >= 35


async def test_a_bearer_token_does_not_lift_the_token_endpoints_address_limit(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with await _sqlite_gateway(
        test_databases, tmp_path, AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE=3
    ) as gateway:
        _, auditor = await gateway.new_client("auditor")
        async with _from(gateway, "203.0.113.8", headers=auditor) as signed_in:
            statuses = [
                (
                    await signed_in.post(
                        "/v1/auth/token", data={**TOKEN_FORM, "client_id": f"cl_{n}"}
                    )
                ).status_code
                for n in range(5)
            ]
    assert statuses == [401, 401, 401, 429, 429]


async def test_forwarded_for_counts_only_through_trusted_proxies(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with await _sqlite_gateway(
        test_databases,
        tmp_path,
        AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE=2,
        AGORA_GATEWAY_TRUSTED_PROXIES="10.0.0.0/8, fd00::/8",
    ) as gateway:

        async def attempts(peer: str, forwarded: list[str]) -> list[int]:
            async with _from(gateway, peer) as http:
                return [
                    (
                        await http.post(
                            "/v1/auth/token",
                            data={**TOKEN_FORM, "client_id": "cl_x"},
                            headers={"X-Forwarded-For": hop},
                        )
                    ).status_code
                    for hop in forwarded
                ]

        # Through the proxy, a client spoofing the left of the header is still itself.
        spoofing = await attempts("10.0.0.5", [f"192.0.2.{n}, 203.0.113.9" for n in range(4)])
        # Two clients behind the proxy have a budget each.
        neighbour = await attempts("10.0.0.5", ["203.0.113.10", "203.0.113.10"])
        # A peer that is no trusted proxy is not believed, whatever it forwards.
        direct = await attempts("198.51.100.30", [f"192.0.2.{n}" for n in range(4)])

    assert spoofing == [401, 401, 429, 429]
    assert neighbour == [401, 401]
    assert direct == [401, 401, 429, 429]


def test_addresses_from_the_socket_the_proxies_and_ipv6_blocks() -> None:
    trusted = ClientAddresses([ipaddress.ip_network("10.0.0.0/8")])

    def scope(peer: str | None, forwarded: str | None = None) -> dict[str, Any]:
        headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
        return {"client": (peer, 1) if peer else None, "headers": headers}

    assert trusted.of(scope("192.0.2.1", "198.51.100.1")) == "192.0.2.1"
    assert trusted.of(scope("10.1.1.1", "198.51.100.1, 10.2.2.2")) == "198.51.100.1"
    assert trusted.of(scope("10.1.1.1", "not-an-address")) == "10.1.1.1"
    assert trusted.of(scope("10.1.1.1")) == "10.1.1.1"
    assert trusted.of(scope(None)) == "unknown"
    nobody = ClientAddresses()
    assert nobody.of(scope("2001:db8:1:2:aaaa::1")) == nobody.of(scope("2001:db8:1:2:bbbb::9"))
    assert nobody.of(scope("2001:db8:1:2::1")) == "2001:db8:1:2::/64"
    assert nobody.of(scope("2001:db8:1:3::1")) != nobody.of(scope("2001:db8:1:2::1"))
    assert nobody.of(scope("::ffff:192.0.2.4")) == "192.0.2.4"


async def test_anonymous_requests_are_limited_per_address(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with await _sqlite_gateway(
        test_databases, tmp_path, AGORA_GATEWAY_ANONYMOUS_REQUESTS_PER_ADDRESS_PER_MINUTE=3
    ) as gateway:
        async with _from(gateway, "203.0.113.11") as anonymous:
            statuses = [(await anonymous.get("/v1/audit/events")).status_code for _ in range(5)]
            limited = await anonymous.get("/v1/audit/verify", headers={"Authorization": "Bearer x"})
        # Callers with a valid token are not counted against their address.
        _, auditor = await gateway.new_client("auditor")
        async with _from(gateway, "203.0.113.11", headers=auditor) as signed_in:
            served = [(await signed_in.get("/v1/audit/events")).status_code for _ in range(5)]

    assert statuses == [401, 401, 401, 429, 429]
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) >= 1
    assert served == [200] * 5


async def test_a_flood_of_anonymous_refusals_writes_a_bounded_sample_and_a_summary(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    before = _metric("agora_gateway_anonymous_refusals_total", reason="missing_token")
    invalid_before = _metric("agora_gateway_anonymous_refusals_total", reason="invalid_token")
    async with await _sqlite_gateway(test_databases, tmp_path) as gateway:
        _, auditor = await gateway.new_client("auditor")
        records_before = await _all_records(gateway, auditor)
        async with _from(gateway, "203.0.113.12") as anonymous:
            flood = [(await anonymous.get("/v1/admin/clients")).status_code for _ in range(300)]
            flood += [
                (
                    await anonymous.get("/v1/admin/clients", headers={"Authorization": "Bearer x"})
                ).status_code
                for _ in range(100)
            ]
        # What the background task does every minute, done now.
        summarized = await gateway.app.state.refusals.flush(gateway.app.state.db)
        records = (await _all_records(gateway, auditor))[len(records_before) :]
        verified = await gateway.http.get("/v1/audit/verify", headers=auditor)

    assert flood == [401] * 400
    denied = [r for r in records if r["action"] == "access.denied"]
    summaries = [r for r in records if r["action"] == "access.denied.unrecorded"]
    assert len(denied) == 5  # the first five of this address in this minute
    assert {r["client_id"] for r in denied} == {None}
    assert summarized == 395
    assert [s["resource"] for s in summaries] == ["395 anonymous refusals"]
    assert len(records) == 6
    assert _metric("agora_gateway_anonymous_refusals_total", reason="missing_token") - before == 300
    assert (
        _metric("agora_gateway_anonymous_refusals_total", reason="invalid_token") - invalid_before
        == 100
    )
    assert verified.status_code == 200
    assert verified.json()["valid"] is True


async def test_refusals_of_authenticated_callers_are_all_recorded(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    client_id, auditor = await gateway.new_client("auditor")
    for _ in range(8):
        assert (await gateway.http.get("/v1/admin/clients", headers=auditor)).status_code == 403
    records = await _all_records(gateway, auditor)
    denied = [r for r in records if r["action"] == "access.denied"]
    assert [r["client_id"] for r in denied] == [client_id] * 8


async def _all_records(gateway: Gateway, auditor: dict[str, str]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = await gateway.http.get("/v1/audit/events", params=params, headers=auditor)
        assert page.status_code == 200, page.text
        records += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return records


async def test_the_request_id_is_the_gateways_own_and_the_callers_never_reaches_the_trail(
    sqlite_gateway: Gateway,
) -> None:
    gateway = sqlite_gateway
    admin = await gateway.admin_headers()
    _, auditor = await gateway.new_client("auditor")
    forged = "forged-id injected into the trail"
    # A write forwarded to a service is recorded as attempted, with the request id, first.
    write = await gateway.http.post(
        "/v1/actors", json={}, headers={**admin, "X-Request-Id": forged}
    )
    plain = await gateway.http.get("/v1/audit/events", headers={**auditor, "X-Request-Id": forged})

    assert write.status_code >= 500  # no service runs here
    ours = write.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", ours)
    assert plain.headers["x-request-id"] != forged
    assert forged not in plain.text
    attempted = [r for r in plain.json()["items"] if r["outcome"] == "attempted"]
    assert [r["resource"] for r in attempted] == [ours]


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        (
            "AGORA_GATEWAY_TOKEN_KEY",
            "short-but-secret-value",
            "AGORA_GATEWAY_TOKEN_KEY must be at least 32",
        ),
        (
            "AGORA_AUDIT_SIGNING_KEY",
            "not a pem at all",
            "AGORA_AUDIT_SIGNING_KEY must be an Ed25519",
        ),
        ("internal_signing_key", "nope-secret", "AGORA_INTERNAL_SIGNING_KEY must be an Ed25519"),
    ],
)
def test_weak_or_malformed_keys_refuse_to_start(
    tmp_path: Path, setting: str, value: str, message: str
) -> None:
    settings = gateway_settings("sqlite+aiosqlite:///unused.db", tmp_path, **{setting: value})
    with pytest.raises(RuntimeError, match=message) as refused:
        create_app(settings)
    assert value not in str(refused.value)


def test_a_token_key_of_32_bytes_is_accepted(tmp_path: Path) -> None:
    key = "k" * 32
    settings = gateway_settings(
        "sqlite+aiosqlite:///unused.db", tmp_path, AGORA_GATEWAY_TOKEN_KEY=key
    )
    assert settings.token_key == key
    assert create_app(settings).title == "Agora"
