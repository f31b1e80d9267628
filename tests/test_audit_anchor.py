"""The audit chain anchored outside the gateway database: signed checkpoints of its head in the
append-only NATS stream AUDIT, published with the gateway's own NATS user.

An attacker with write access to the gateway database rewrites the chain consistently — changes
a record and recomputes every later hash and the head with the same algorithm — so the chain
alone still verifies; the checkpoints, signed with a key the database does not hold, do not.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nats
import orjson
import pytest
from agora_common.nats_access import authorization_block, inbox_prefix
from agora_common.nats_server import NatsServer, free_port
from agora_platform.nats_users import ACCESS
from agora_platform.testing.gateway import gateway_settings, running_gateway
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import text

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

PASSWORD = "gateway-nats-password-for-tests"


class Nats:
    """A nats-server with the platform's gateway user only, restartable on the same port."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.server: NatsServer | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        authorization = authorization_block({ACCESS["gateway"]: PASSWORD})
        self.server = NatsServer(self.directory, self.port, authorization=authorization).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture
def audit_nats(tmp_path: Path) -> Iterator[Nats]:
    server = Nats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


def _settings(db_url: str, tmp_path: Path, server: Nats) -> Any:
    return gateway_settings(
        db_url,
        tmp_path,
        nats_url=server.url,
        nats_user="gateway",
        nats_password=PASSWORD,
        AGORA_AUDIT_CHECKPOINT_INTERVAL_SECONDS=0.2,
    )


async def _eventually(check: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def _checkpoints(gateway: Gateway, auditor: dict[str, str]) -> dict[str, Any]:
    page = await gateway.http.get("/v1/audit/checkpoints", headers=auditor, params={"limit": 200})
    assert page.status_code == 200, page.text
    return dict(page.json())


async def _head(gateway: Gateway) -> tuple[int, str]:
    async with gateway.app.state.db.transaction(readonly=True) as session:
        row = (await session.execute(text("SELECT seq, hash FROM audit_head"))).one()
    return int(row.seq), str(row.hash)


async def _anchored(gateway: Gateway, auditor: dict[str, str]) -> dict[str, Any]:
    """Wait for a checkpoint of the current head; the checkpoint page then."""
    seq, _ = await _head(gateway)

    async def covered() -> bool:
        items = (await _checkpoints(gateway, auditor))["items"]
        return bool(items) and items[-1]["seq"] >= seq

    await _eventually(covered)
    return await _checkpoints(gateway, auditor)


def _record_hash(row: dict[str, Any]) -> str:
    """The chain's hash of a record, recomputed as an attacker reading the code would."""
    fields = [
        row["prev_hash"],
        _utc(row["at"]).isoformat(),
        row["client_id"],
        row["state"],
        row["action"],
        row["resource"],
        row["outcome"],
    ]
    if row.get("subject_state") is not None:
        fields.append(row["subject_state"])
    return hashlib.sha256(orjson.dumps(fields)).hexdigest()


def _utc(value: Any) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


async def _rewrite_consistently(gateway: Gateway, seq: int, resource: str) -> None:
    """Change record ``seq`` and recompute every later hash and the head: a consistent chain."""
    async with gateway.app.state.db.transaction() as session:
        rows = [
            dict(r)
            for r in (
                await session.execute(text("SELECT * FROM audit_records ORDER BY seq"))
            ).mappings()
        ]
        prev = None
        for row in rows:
            if row["seq"] == seq:
                row["resource"] = resource
            if prev is not None:
                row["prev_hash"] = prev
            new_hash = _record_hash(row)
            if row["seq"] >= seq:
                await session.execute(
                    text(
                        "UPDATE audit_records SET resource = :resource, prev_hash = :prev,"
                        " hash = :hash WHERE seq = :seq"
                    ),
                    {
                        "resource": row["resource"],
                        "prev": row["prev_hash"],
                        "hash": new_hash,
                        "seq": row["seq"],
                    },
                )
            prev = new_hash
        await session.execute(
            text("UPDATE audit_head SET hash = :hash WHERE id = 1"), {"hash": prev}
        )


async def test_a_consistently_rewritten_chain_fails_verification_against_the_checkpoints(
    gateway_db_url: str, tmp_path: Path, audit_nats: Nats
) -> None:
    async with running_gateway(_settings(gateway_db_url, tmp_path, audit_nats)) as gateway:
        victim, _ = await gateway.new_client("evaluator")
        _, auditor = await gateway.new_client("auditor")
        page = await _anchored(gateway, auditor)
        before = await gateway.http.get("/v1/audit/verify", headers=auditor)
        records = (
            await gateway.http.get("/v1/audit/events", headers=auditor, params={"resource": victim})
        ).json()["items"]

        await _rewrite_consistently(gateway, records[0]["seq"], "cl_someone_else")
        after = await gateway.http.get("/v1/audit/verify", headers=auditor)
        rewritten = (
            await gateway.http.get(
                "/v1/audit/events", headers=auditor, params={"resource": "cl_someone_else"}
            )
        ).json()["items"]

    assert before.status_code == 200
    assert before.json()["valid"] is True
    assert before.json()["checkpoints_checked"] >= 1
    # The rewrite is consistent: every link holds …
    assert [r["seq"] for r in rewritten] == [records[0]["seq"]]
    # … but the records no longer have the hashes the checkpoints signed.
    assert after.status_code == 200
    body = after.json()
    assert body["valid"] is False
    assert body["records"] == before.json()["records"]
    assert body["checkpoints_mismatched"] >= 1
    # An auditor can check the checkpoints offline with the published public key.
    public = serialization.load_pem_public_key(page["public_key"].encode())
    assert isinstance(public, Ed25519PublicKey)
    last = page["items"][-1]
    signed = f"agora-audit-checkpoint\n{last['seq']}\n{last['hash']}\n{last['at']}".encode()
    public.verify(base64.b64decode(last["signature"]), signed)
    assert "BEGIN PRIVATE KEY" not in str(page)


async def test_the_chain_alone_would_not_notice_the_rewrite(
    gateway_db_url: str, tmp_path: Path
) -> None:
    """The negative control: without checkpoints (no NATS) the rewritten chain verifies."""
    async with running_gateway(gateway_settings(gateway_db_url, tmp_path)) as gateway:
        victim, _ = await gateway.new_client("evaluator")
        _, auditor = await gateway.new_client("auditor")
        records = (
            await gateway.http.get("/v1/audit/events", headers=auditor, params={"resource": victim})
        ).json()["items"]
        await _rewrite_consistently(gateway, records[0]["seq"], "cl_someone_else")
        verified = await gateway.http.get("/v1/audit/verify", headers=auditor)

    assert verified.json()["valid"] is True
    assert verified.json()["anchored"] is False


async def test_checkpoints_survive_restarts_and_wait_for_nats_when_it_is_down(
    gateway_db_url: str, tmp_path: Path, audit_nats: Nats
) -> None:
    settings = _settings(gateway_db_url, tmp_path, audit_nats)
    async with running_gateway(settings) as gateway:
        _, auditor = await gateway.new_client("auditor")
        first = (await _anchored(gateway, auditor))["items"]
        auditor_id = (await gateway.http.get("/v1/audit/events", headers=auditor)).json()

    audit_nats.stop()
    async with running_gateway(settings) as gateway:
        # NATS down: requests are served and audited; only the checkpoints wait.
        created, _ = await gateway.new_client("evaluator")
        _, auditor = await gateway.new_client("auditor")
        unverifiable = await gateway.http.get("/v1/audit/verify", headers=auditor)
        head = await _head(gateway)
        audit_nats.start()
        page = await _anchored(gateway, auditor)
        verified = await gateway.http.get("/v1/audit/verify", headers=auditor)

    assert auditor_id["items"]
    assert unverifiable.status_code == 503
    assert unverifiable.headers["content-type"] == "application/problem+json"
    assert "unavailable" in unverifiable.json()["detail"]
    items = page["items"]
    assert items[: len(first)] == first  # kept across the restarts of the gateway and NATS
    assert (items[-1]["seq"], items[-1]["hash"]) == head
    assert verified.json()["valid"] is True
    assert verified.json()["checkpoints_checked"] == len(items)
    assert verified.json()["anchored_seq"] == head[0]
    assert created


async def test_the_gateway_user_may_not_update_purge_or_delete_the_checkpoints(
    gateway_db_url: str, tmp_path: Path, audit_nats: Nats
) -> None:
    async with running_gateway(_settings(gateway_db_url, tmp_path, audit_nats)) as gateway:
        _, auditor = await gateway.new_client("auditor")
        await _anchored(gateway, auditor)

    nc = await nats.connect(
        audit_nats.url, user="gateway", password=PASSWORD, inbox_prefix=inbox_prefix("gateway")
    )
    try:
        js = nc.jetstream()
        info = await js.stream_info("AUDIT")
        config = info.config
        assert (config.deny_delete, config.deny_purge, config.max_age) == (True, True, 0)
        for attempt in (
            js.purge_stream("AUDIT"),
            js.delete_msg("AUDIT", 1),
            js.delete_stream("AUDIT"),
            js.update_stream(config=type(config)(name="AUDIT", subjects=config.subjects)),
        ):
            with pytest.raises(Exception):  # noqa: B017, PT011 - refused by permissions
                await asyncio.wait_for(attempt, 3)
        assert (await js.stream_info("AUDIT")).state.messages == info.state.messages
    finally:
        await nc.close()


async def test_a_forged_message_on_the_stream_stops_no_checkpoint(
    gateway_db_url: str, tmp_path: Path, audit_nats: Nats
) -> None:
    """Whoever holds the gateway's NATS password but not its signing key may append to AUDIT: a
    'checkpoint' far ahead of the chain, or one with a naive time, is passed over (and reported
    by verify) — the gateway's next genuine checkpoint is published all the same."""
    settings = _settings(gateway_db_url, tmp_path, audit_nats)
    async with running_gateway(settings) as gateway:
        _, auditor = await gateway.new_client("auditor")
        await _anchored(gateway, auditor)
        nc = await nats.connect(
            audit_nats.url, user="gateway", password=PASSWORD, inbox_prefix=inbox_prefix("gateway")
        )
        try:
            js = nc.jetstream()
            for forged in (
                {"seq": 10**9, "hash": "0" * 64, "at": "2026-01-01T00:00:00+00:00"},
                {"seq": 1, "hash": "0" * 64, "at": "2026-01-01T00:00:00"},
            ):
                await js.publish(
                    "agora.audit.checkpoints",
                    orjson.dumps({**forged, "key_id": "forged", "signature": "AA"}),
                    stream="AUDIT",
                )
        finally:
            await nc.close()
        await gateway.new_client("evaluator")  # the chain grows past the last checkpoint
        head = await _head(gateway)

        async def genuinely_anchored() -> bool:
            items = (await _checkpoints(gateway, auditor))["items"]
            return any((i.get("seq"), i.get("hash")) == head for i in items)

        await _eventually(genuinely_anchored)
        verified = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()

    assert verified["anchored_seq"] == head[0]
    # Both reported: one names a key the gateway does not hold, one cannot be read at all (that
    # one keeps the alarm on: somebody wrote to AUDIT with the gateway's NATS credentials).
    assert (verified["checkpoints_other_key"], verified["checkpoints_unverifiable"]) == (1, 1)
    assert verified["valid"] is False
