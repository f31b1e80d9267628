"""Webhooks in the gateway on SQLite and PostgreSQL: subscriptions, fan-out, signed delivery to a
real HTTP receiver, retries, disabling, redirects, SSRF at delivery, and claiming once across
two workers (two Database engines on one database, as two replicas)."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from agora_common.db import Database
from agora_common.events import CloudEvent, EventSource
from agora_common.metrics import REGISTRY
from agora_contracts.events import (
    AssignmentCreated,
    OverlapDetected,
    OverlappingCommitment,
    PermitExpiring,
)
from agora_platform.testing.gateway import Gateway, gateway_settings, running_gateway
from agora_platform.testing.receiver import Receiver
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from gateway.webhooks import repository, service
from gateway.webhooks.config import WebhookSettings
from gateway.webhooks.delivery import DeliveryWorker
from gateway.webhooks.models import WebhookDelivery, WebhookEndpoint
from sqlalchemy import select, text
from standardwebhooks import Webhook

pytest_plugins = ["agora_platform.testing.gateway"]

T = TypeVar("T")
OVERLAP = "funding.overlap_detected"
FAST = {
    "webhooks_retry_first_seconds": 0.05,
    "webhooks_retry_max_interval_seconds": 0.1,
    "webhooks_retry_for_seconds": 30.0,
    "webhooks_poll_seconds": 0.05,
    "webhooks_timeout_seconds": 5.0,
}


@pytest.fixture
async def hooks(gateway_db_url: str, tmp_path: Path) -> AsyncIterator[Gateway]:
    """The gateway in-process, its own delivery worker stopped: each test runs its own."""
    async with running_gateway(gateway_settings(gateway_db_url, tmp_path)) as gateway:
        await gateway.app.state.webhook_worker.stop()
        yield gateway


async def eventually(check: Callable[[], Awaitable[T]], timeout: float = 15.0) -> T:
    deadline = asyncio.get_running_loop().time() + timeout
    while not (result := await check()):
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
    return result


def worker(
    gateway: Gateway,
    db: Database | None = None,
    verify: ssl.SSLContext | bool = True,
    **settings: Any,
) -> DeliveryWorker:
    return DeliveryWorker(
        db or gateway.app.state.db,
        gateway.app.state.webhook_secrets,
        WebhookSettings(**{**FAST, **settings}),
        verify=verify,
    )


async def subscribe(
    gateway: Gateway, headers: dict[str, str], url: str, events: list[str] | None = None
) -> dict[str, Any]:
    created = await gateway.http.post(
        "/v1/webhooks", json={"url": url, "events": events or [OVERLAP]}, headers=headers
    )
    assert created.status_code == 201, created.text
    return dict(created.json())


def overlap(new_donor: str, *others: str) -> CloudEvent:
    data = OverlapDetected(
        commitment_id="com_new",
        actor_id="act_1",
        donor=new_donor,
        purposes=["anti_war"],
        overlapping=[
            OverlappingCommitment(commitment_id=f"com_{d.lower()}", donor=d, overlap_id=f"ov_{d}")
            for d in others
        ],
    ).to_data()
    return EventSource("funding").event("overlap_detected", "com_new", data)[1]


async def queue(gateway: Gateway, *events: CloudEvent) -> None:
    """What the consumer's handler does with each event (in its inbox transaction)."""
    async with gateway.app.state.db.transaction() as session:
        for event in events:
            await service.queue_event(session, event)


async def deliveries(gateway: Gateway) -> list[WebhookDelivery]:
    async with gateway.app.state.db.transaction(readonly=True) as session:
        rows = await session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id))
        return list(rows.all())


async def test_subscribe_list_and_delete_your_own(hooks: Gateway) -> None:
    de_id, de = await hooks.new_client("agency", "DE")
    _, fr = await hooks.new_client("agency", "FR")
    created = await hooks.http.post(
        "/v1/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "events": [OVERLAP, "actors.permit_expiring"]},
        headers=de,
    )
    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert created.headers["location"] == f"/v1/webhooks/{body['id']}"
    listed = (await hooks.http.get("/v1/webhooks", headers=de)).json()
    assert [e["id"] for e in listed["items"]] == [body["id"]]
    assert "secret" not in listed["items"][0]
    assert (await hooks.http.get("/v1/webhooks", headers=fr)).json()["items"] == []
    async with hooks.app.state.db.transaction(readonly=True) as session:
        stored = await session.get(WebhookEndpoint, body["id"])
        assert stored is not None
        assert stored.state == "DE"
        assert stored.owner_client_id == de_id
        assert body["secret"][6:] not in stored.secret_sealed  # sealed, not in clear
    # Another state's agency: neither its log nor its deletion.
    assert (
        await hooks.http.get(f"/v1/webhooks/{body['id']}/deliveries", headers=fr)
    ).status_code == 404
    assert (await hooks.http.delete(f"/v1/webhooks/{body['id']}", headers=fr)).status_code == 404
    log = await hooks.http.get(f"/v1/webhooks/{body['id']}/deliveries", headers=de)
    assert log.status_code == 200
    assert log.json() == {"items": [], "next_cursor": None}
    assert (await hooks.http.delete(f"/v1/webhooks/{body['id']}", headers=de)).status_code == 204
    assert (await hooks.http.get("/v1/webhooks", headers=de)).json()["items"] == []
    async with hooks.app.state.db.transaction(readonly=True) as session:
        actions = (
            await session.execute(
                text("SELECT action FROM audit_records WHERE resource = :r ORDER BY seq"),
                {"r": body["id"]},
            )
        ).scalars()
        assert list(actions) == ["webhook.created", "webhook.deleted"]


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_refusals_are_422_or_403_and_change_nothing(hooks: Gateway) -> None:
    _, de = await hooks.new_client("agency", "DE")
    _, evaluator = await hooks.new_client("evaluator")
    refusals = [
        (de, {"url": "https://10.0.0.1/x", "events": [OVERLAP]}, 422, "private"),
        (de, {"url": "https://169.254.169.254/x", "events": [OVERLAP]}, 422, "link-local"),
        (de, {"url": "https://2130706433/x", "events": [OVERLAP]}, 422, "decimal, octal"),
        (de, {"url": "http://93.184.216.34/x", "events": [OVERLAP]}, 422, "https"),
        (de, {"url": "https://no-such-host.invalid/x", "events": [OVERLAP]}, 422, "resolve"),
        (de, {"url": "http://127.0.0.1:9/x", "events": ["actors.registered"]}, 422, None),
        (de, {"url": "http://127.0.0.1:9/x", "events": []}, 422, None),
        (de, {"url": "http://127.0.0.1:9/x", "events": [OVERLAP], "x": 1}, 422, None),
        (
            de,
            {"url": "http://127.0.0.1:9/x", "events": ["evaluation.assignment_created"]},
            422,
            "may not subscribe",
        ),
        (evaluator, {"url": "http://127.0.0.1:9/x", "events": [OVERLAP]}, 422, "may not"),
        (
            await hooks.admin_headers(),
            {"url": "http://127.0.0.1:9/x", "events": [OVERLAP]},
            403,
            None,
        ),
    ]
    for headers, body, status, reason in refusals:
        refused = await hooks.http.post("/v1/webhooks", json=body, headers=headers)
        assert refused.status_code == status, (body, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        if reason:
            assert reason in refused.json()["detail"], refused.json()
    async with hooks.app.state.db.transaction(readonly=True) as session:
        assert list((await session.scalars(select(WebhookEndpoint.id))).all()) == []
    assert (
        await hooks.http.get("/v1/webhooks/wh_nothing/deliveries", headers=de)
    ).status_code == 404
    evaluator_hook = await subscribe(
        hooks, evaluator, "http://127.0.0.1:9/x", ["evaluation.assignment_created"]
    )
    assert evaluator_hook["events"] == ["evaluation.assignment_created"]
    for _ in range(service.MAX_ENDPOINTS_PER_CLIENT):
        await subscribe(hooks, de, "http://127.0.0.1:9/x")
    too_many = await hooks.http.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/x", "events": [OVERLAP]}, headers=de
    )
    assert too_many.status_code == 409


async def test_events_reach_only_whom_they_concern_signed(hooks: Gateway) -> None:
    receivers = {
        name: await Receiver().start() for name in ("de", "nl", "fr", "ev_a", "ev_b", "gone")
    }
    try:
        _, de = await hooks.new_client("agency", "DE")
        nl = await hooks.steward_headers("NL")
        _, fr = await hooks.new_client("agency", "FR")
        ev_a_id, ev_a = await hooks.new_client("evaluator")
        _, ev_b = await hooks.new_client("evaluator")
        gone_id, gone = await hooks.new_client("agency", "DE")
        every = [OVERLAP, "actors.permit_expiring"]
        hook = {
            "de": await subscribe(hooks, de, receivers["de"].url(), every),
            "nl": await subscribe(hooks, nl, receivers["nl"].url(), every),
            "fr": await subscribe(hooks, fr, receivers["fr"].url(), every),
            "ev_a": await subscribe(
                hooks, ev_a, receivers["ev_a"].url(), ["evaluation.assignment_created"]
            ),
            "ev_b": await subscribe(
                hooks, ev_b, receivers["ev_b"].url(), ["evaluation.assignment_created"]
            ),
            "gone": await subscribe(hooks, gone, receivers["gone"].url(), every),
        }
        revoked = await hooks.http.delete(
            f"/v1/admin/clients/{gone_id}", headers=await hooks.admin_headers()
        )
        assert revoked.status_code == 204
        permit = PermitExpiring(
            permit_id="per_1",
            actor_id="act_1",
            issuing_state="NL",
            custodian_state="NL",
            threshold_days=30,
            valid_until=date(2027, 1, 1),
        )
        assignment = AssignmentCreated(cycle_id="cyc_1", actor_id="act_1", evaluator_id=ev_a_id)
        events = [
            overlap("DE", "NL"),
            EventSource("actors").event("permit_expiring", "per_1", permit.to_data())[1],
            EventSource("evaluation").event("assignment_created", "cyc_1", assignment.to_data())[1],
        ]
        await queue(hooks, *events)
        await queue(hooks, *events)  # a redelivered event queues nothing twice
        queued = await deliveries(hooks)
        assert len(queued) == 4  # DE overlap, NL overlap, NL permit (once), evaluator A
        running = worker(hooks)
        running.start()
        try:
            await eventually(lambda: _all_delivered(hooks))
        finally:
            await running.stop()
        assert receivers["fr"].received == receivers["ev_b"].received == []
        assert receivers["gone"].received == []  # a revoked client's endpoint gets nothing
        seen: dict[str, list[dict[str, Any]]] = {}
        for name in ("de", "nl", "ev_a"):
            verifier = Webhook(hook[name]["secret"])
            seen[name] = []
            for request in receivers[name].received:
                assert request.method == "POST"
                assert request.path == "/hook"
                assert request.headers["content-type"] == "application/json"
                seen[name].append(verifier.verify(request.body, request.headers))
        assert [m["type"] for m in seen["de"]] == [OVERLAP]
        assert [o["donor"] for o in seen["de"][0]["data"]["overlapping"]] == ["NL"]
        assert sorted(m["type"] for m in seen["nl"]) == ["actors.permit_expiring", OVERLAP]
        assert seen["ev_a"] == [
            {
                "type": "evaluation.assignment_created",
                "timestamp": events[2].time.isoformat().replace("+00:00", "Z"),
                "data": assignment.to_data(),
            }
        ]
        log = (
            await hooks.http.get(f"/v1/webhooks/{hook['nl']['id']}/deliveries", headers=nl)
        ).json()["items"]
        assert {d["status"] for d in log} == {"delivered"}
        assert {d["id"] for d in log} == {r.headers["webhook-id"] for r in receivers["nl"].received}
        assert all(d["attempts"] == 1 and d["last_status_code"] == 204 for d in log)
    finally:
        for receiver in receivers.values():
            await receiver.stop()


async def _all_delivered(gateway: Gateway) -> bool:
    return all(d.status == "delivered" for d in await deliveries(gateway))


async def test_a_delivery_is_claimed_by_one_worker_only(
    hooks: Gateway, gateway_db_url: str
) -> None:
    """Two workers on engines of their own (two replicas) claim at the same moment: each
    delivery goes to one, and together they never exceed the endpoint's bound."""
    _, de = await hooks.new_client("agency", "DE")
    _, nl = await hooks.new_client("agency", "NL")
    await subscribe(hooks, de, "http://127.0.0.1:9/de")
    await subscribe(hooks, nl, "http://127.0.0.1:9/nl")
    events = [overlap("DE", "NL") for _ in range(6)]
    await queue(hooks, *events)
    assert len(await deliveries(hooks)) == 12
    one, two = Database(gateway_db_url), Database(gateway_db_url)
    try:
        bounded = [worker(hooks, db, webhooks_concurrency_per_endpoint=2) for db in (one, two)]
        first, second = await asyncio.gather(bounded[0].claim(50), bounded[1].claim(50))
        ids = [c.id for c, _, _ in first + second]
        assert len(ids) == len(set(ids)) == 4  # two per endpoint in flight, across both
        rows = {d.id: d for d in await deliveries(hooks)}
        for claimed, who in ((first, bounded[0]), (second, bounded[1])):
            assert all(rows[c.id].claimed_by == who.worker_id for c, _, _ in claimed)
        roomy = [worker(hooks, db, webhooks_concurrency_per_endpoint=20) for db in (one, two)]
        third, fourth = await asyncio.gather(roomy[0].claim(50), roomy[1].claim(50))
        rest = [c.id for c, _, _ in third + fourth]
        assert len(rest) == len(set(rest)) == 8
        assert set(rest).isdisjoint(ids)
        assert not await roomy[0].claim(50)  # all leased: nothing left to claim
    finally:
        await one.dispose()
        await two.dispose()


async def test_a_lease_that_runs_out_passes_to_another_worker(hooks: Gateway) -> None:
    _, de = await hooks.new_client("agency", "DE")
    await subscribe(hooks, de, "http://127.0.0.1:9/de")
    await queue(hooks, overlap("DE", "NL"))
    slow = worker(hooks, webhooks_lease_seconds=2.0)
    other = worker(hooks)
    [(claimed, _, _)] = await slow.claim(10)
    assert await other.claim(10) == []
    await asyncio.sleep(2.1)
    [(again, _, _)] = await other.claim(10)
    assert again.id == claimed.id
    # The first worker's late outcome is not written over the second's lease.
    async with hooks.app.state.db.transaction() as session:
        await service.record_delivered(
            session, delivery_id=claimed.id, worker=slow.worker_id, status_code=204
        )
    [row] = await deliveries(hooks)
    assert row.status == "pending"
    assert row.claimed_by == other.worker_id


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_retried_with_backoff_then_the_endpoint_is_disabled(hooks: Gateway) -> None:
    receiver = await Receiver(answer=lambda _: (500, {})).start()
    try:
        _, de = await hooks.new_client("agency", "DE")
        hook = await subscribe(hooks, de, receiver.url())
        await queue(hooks, overlap("DE", "NL"))
        settings = {"webhooks_retry_first_seconds": 0.1, "webhooks_retry_max_interval_seconds": 0.4}
        running = worker(hooks, webhooks_retry_for_seconds=0.9, **settings)
        assert running.schedule == [0.1, 0.4, 0.4]
        before = {kind: _attempts(kind) for kind in ("retry", "failed")}
        running.start()
        try:
            await eventually(lambda: _disabled(hooks, de, hook["id"]))
        finally:
            await running.stop()
        assert len(receiver.received) == 4  # the first attempt and three retries
        assert _attempts("retry") - before["retry"] == 3
        assert _attempts("failed") - before["failed"] == 1
        assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
        stamps = [int(r.headers["webhook-timestamp"]) for r in receiver.received]
        assert stamps == sorted(stamps)
        [endpoint] = (await hooks.http.get("/v1/webhooks", headers=de)).json()["items"]
        assert endpoint["disabled_at"] is not None
        assert "every retry" in endpoint["disabled_reason"]
        [delivery] = (
            await hooks.http.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=de)
        ).json()["items"]
        assert delivery["status"] == "failed"
        assert delivery["attempts"] == 4
        assert delivery["last_status_code"] == 500
        assert delivery["last_error"] == "HTTP 500"
        async with hooks.app.state.db.transaction(readonly=True) as session:
            disabled = await session.scalar(
                text("SELECT count(*) FROM audit_records WHERE action = 'webhook.disabled'")
            )
        assert disabled == 1
        await queue(hooks, overlap("DE", "FR"))  # nothing more is queued for it
        assert len(await deliveries(hooks)) == 1
    finally:
        await receiver.stop()


def _attempts(outcome: str) -> float:
    return (
        REGISTRY.get_sample_value("agora_gateway_webhook_attempts_total", {"outcome": outcome})
        or 0.0
    )


async def _disabled(gateway: Gateway, headers: dict[str, str], endpoint_id: str) -> bool:
    listed = (await gateway.http.get("/v1/webhooks", headers=headers)).json()["items"]
    return any(e["id"] == endpoint_id and e["disabled_at"] for e in listed)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_redirect_is_not_followed(hooks: Gateway) -> None:
    elsewhere = await Receiver().start()
    redirecting = await Receiver(answer=lambda _: (307, {"Location": elsewhere.url()})).start()
    try:
        _, de = await hooks.new_client("agency", "DE")
        hook = await subscribe(hooks, de, redirecting.url())
        await queue(hooks, overlap("DE", "NL"))
        once = worker(hooks, webhooks_retry_first_seconds=60.0)
        assert await once.run_once() == 1
        await eventually(lambda: _attempted(hooks))
        await once.stop()
        assert len(redirecting.received) == 1
        assert elsewhere.received == []
        [delivery] = (
            await hooks.http.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=de)
        ).json()["items"]
        assert delivery["status"] == "pending"
        assert delivery["attempts"] == 1
        assert delivery["last_status_code"] == 307
        assert delivery["last_error"] == "redirect not followed"
    finally:
        await redirecting.stop()
        await elsewhere.stop()


async def _attempted(gateway: Gateway) -> bool:
    return all(d.attempts >= 1 and d.claimed_by is None for d in await deliveries(gateway))


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_the_address_is_checked_again_at_delivery(hooks: Gateway) -> None:
    """Registered while ``localhost`` was allowed (development), then delivered by a worker for
    which its address is refused: the check after resolution stops it (as it would stop a name
    rebound to a private address after registration)."""
    receiver = await Receiver().start()
    try:
        _, de = await hooks.new_client("agency", "DE")
        await subscribe(hooks, de, f"https://localhost:{receiver.port}/hook")
        await queue(hooks, overlap("DE", "NL"))
        strict = worker(hooks, webhooks_allow_loopback=False, webhooks_retry_first_seconds=60.0)
        assert await strict.run_once() == 1
        await eventually(lambda: _attempted(hooks))
        await strict.stop()
        assert receiver.received == []
        [row] = await deliveries(hooks)
        assert row.last_error is not None
        assert row.last_error.startswith("refused:")
        assert "loopback" in row.last_error
    finally:
        await receiver.stop()


async def test_the_per_endpoint_bound_holds_while_sending(hooks: Gateway) -> None:
    """A slow receiver never sees more concurrent requests than the bound."""
    in_flight = peak = 0
    release = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            await reader.readexactly(length)
            await asyncio.wait_for(release.wait(), 0.3) if not release.is_set() else None
        except TimeoutError:
            pass
        finally:
            in_flight -= 1
        writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        _, de = await hooks.new_client("agency", "DE")
        await subscribe(hooks, de, f"http://127.0.0.1:{port}/hook")
        await queue(hooks, *[overlap("DE", "NL") for _ in range(8)])
        running = worker(hooks, webhooks_concurrency_per_endpoint=3)
        running.start()
        try:
            await eventually(lambda: _all_delivered(hooks))
        finally:
            await running.stop()
        assert peak == 3
    finally:
        server.close()
        await server.wait_closed()


def test_payloads_carry_no_personal_field() -> None:
    """The webhook body is the event's data (ids and codes), wrapped in type and timestamp."""
    event = overlap("DE", "NL")
    body = json.loads(service._body(OVERLAP, event, event.data))
    assert set(body) == {"type", "timestamp", "data"}
    assert set(body["data"]) == {"commitment_id", "actor_id", "donor", "purposes", "overlapping"}


async def test_repository_claims_nothing_for_a_disabled_endpoint(hooks: Gateway) -> None:
    _, de = await hooks.new_client("agency", "DE")
    hook = await subscribe(hooks, de, "http://127.0.0.1:9/de")
    await queue(hooks, overlap("DE", "NL"))
    async with hooks.app.state.db.transaction() as session:
        disabled = await repository.disable_endpoint(
            session, endpoint_id=hook["id"], now=(await deliveries(hooks))[0].created_at, reason="x"
        )
        assert disabled is not None
    assert await worker(hooks).claim(10) == []
    [row] = await deliveries(hooks)
    assert row.status == "failed"
    assert row.last_error == "not sent: the endpoint was disabled"


def _tls(tmp_path: Path, host: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a certificate for ``host`` from a CA of this test, and a client
    context trusting that CA only."""
    now = datetime.now(UTC)

    def certificate(name: str, key: ec.EllipticCurvePrivateKey, signer: Any, ca: bool) -> Any:
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")]))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if not ca:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False
            )
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate("test CA", ca_key, ca_key, True)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate(host, key, ca_key, False)
    pem = serialization.Encoding.PEM
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp_path / "cert.pem").write_bytes(leaf.public_bytes(pem))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return server, ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(("certified", "arrives"), [("localhost", True), ("elsewhere.test", False)])
async def test_https_connects_to_the_checked_address_and_verifies_the_host(
    hooks: Gateway, tmp_path: Path, certified: str, arrives: bool
) -> None:
    """The worker connects to the address it resolved for ``localhost`` but names the host in
    TLS (SNI) and checks the certificate against it: a certificate for another name fails."""
    server, client = _tls(tmp_path, certified)
    receiver = await Receiver(tls=server).start()
    try:
        _, de = await hooks.new_client("agency", "DE")
        hook = await subscribe(hooks, de, receiver.url(host="localhost"))
        await queue(hooks, overlap("DE", "NL"))
        once = worker(hooks, verify=client, webhooks_retry_first_seconds=60.0)
        assert await once.run_once() == 1
        await eventually(lambda: _attempted(hooks))
        await once.stop()
        [row] = await deliveries(hooks)
        if arrives:
            assert row.status == "delivered"
            [request] = receiver.received
            assert request.headers["host"] == f"localhost:{receiver.port}"
            assert Webhook(hook["secret"]).verify(request.body, request.headers)
        else:
            assert row.status == "pending"
            assert row.last_error == "connection failed"
            assert receiver.received == []
    finally:
        await receiver.stop()
