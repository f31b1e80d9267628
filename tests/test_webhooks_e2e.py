"""Webhooks end to end (issue 17, item 4): the whole platform as processes, real HTTP receivers
on loopback. An overlap reaches both donors' receivers signed per Standard Webhooks; one receiver
is killed, more overlaps happen, its deliveries fail and are retried; it comes back on the same
port and every delivery arrives, each event once per subscription (one ``webhook-id`` each)."""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from agora_platform.supervisor import Platform
from agora_platform.testing.e2e import Agora, eventually, start_platform
from agora_platform.testing.receiver import Receiver
from standardwebhooks import Webhook

OVERLAP = "funding.overlap_detected"
PERIOD = {"start": "2058-01-01", "end": "2058-12-31"}
# Retries every half second at most, for ten minutes: a test's outage is well within.
FAST_RETRIES = {
    "AGORA_WEBHOOKS_RETRY_FIRST_SECONDS": "0.2",
    "AGORA_WEBHOOKS_RETRY_MAX_INTERVAL_SECONDS": "0.5",
    "AGORA_WEBHOOKS_RETRY_FOR_SECONDS": "600",
    "AGORA_WEBHOOKS_POLL_SECONDS": "0.1",
}


@pytest.fixture(scope="module")
def webhook_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A platform of this module's own: its gateway retries webhooks within seconds."""
    running = start_platform(tmp_path_factory.mktemp("webhooks"), env=FAST_RETRIES)
    yield running
    running.stop()


@pytest.fixture(scope="module")
async def outside(webhook_platform: Platform) -> AsyncIterator[Agora]:
    agora = Agora(webhook_platform)
    await agora.start()
    yield agora
    await agora.close()


async def subscribe(agency: httpx.AsyncClient, url: str) -> dict[str, Any]:
    created = await agency.post("/v1/webhooks", json={"url": url, "events": [OVERLAP]})
    assert created.status_code == 201, created.text
    return dict(created.json())


async def registered_actor(agency: httpx.AsyncClient) -> str:
    body = {
        "kind": "individual",
        "public_name": f"Journalist {secrets.token_hex(4)}",
        "sectors": ["independent_media"],
        "host_country": "LV",
    }
    created = await agency.post("/v1/actors", json=body)
    assert created.status_code == 201, created.text
    actor_id = str(created.json()["id"])

    async def known_to_funding() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding, timeout=30)
    return actor_id


async def commit(agency: httpx.AsyncClient, actor_id: str) -> str:
    body = {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "1000.00",
        "currency": "EUR",
        "period": PERIOD,
        "purposes": ["anti_war"],
    }
    made = await agency.post("/v1/funding/commitments", json=body)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def log_of(agency: httpx.AsyncClient, endpoint_id: str) -> list[dict[str, Any]]:
    page = await agency.get(f"/v1/webhooks/{endpoint_id}/deliveries", params={"limit": "200"})
    assert page.status_code == 200, page.text
    return list(page.json()["items"])


def verified(receiver: Receiver, secret: str) -> dict[str, list[dict[str, Any]]]:
    """webhook-id → every verified body received with it (a repeat would be a retry)."""
    seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    verifier = Webhook(secret)
    for request in receiver.received:
        seen[request.headers["webhook-id"]].append(verifier.verify(request.body, request.headers))
    return seen


async def test_deliveries_survive_a_receiver_outage(outside: Agora) -> None:
    de_receiver, nl_receiver = await Receiver().start(), await Receiver().start()
    try:
        de = await outside.agency("DE")
        nl = await outside.agency("NL")
        de_hook = await subscribe(de, de_receiver.url())
        nl_hook = await subscribe(nl, nl_receiver.url())
        actor_id = await registered_actor(de)

        # An overlap: both donors are told, each signed with its own endpoint's secret.
        de_commitment = await commit(de, actor_id)
        first = await commit(nl, actor_id)

        async def both_told() -> bool:
            return bool(de_receiver.received and nl_receiver.received)

        await eventually(both_told, timeout=30)
        [de_told] = [m for ms in verified(de_receiver, de_hook["secret"]).values() for m in ms]
        [nl_told] = [m for ms in verified(nl_receiver, nl_hook["secret"]).values() for m in ms]
        for told in (de_told, nl_told):
            assert told["type"] == OVERLAP
            assert told["data"]["commitment_id"] == first
            assert told["data"]["actor_id"] == actor_id
            assert [o["commitment_id"] for o in told["data"]["overlapping"]] == [de_commitment]
        # Ids and codes only: no name of the actor travels.
        assert "Journalist" not in nl_receiver.received[0].body.decode()

        # NL's receiver goes down; two more overlaps happen meanwhile.
        await nl_receiver.stop()
        during = [await commit(nl, actor_id) for _ in range(2)]

        async def retried_while_down() -> bool:
            log = await log_of(nl, nl_hook["id"])
            waiting = [d for d in log if d["status"] == "pending"]
            return len(waiting) == 2 and all(d["attempts"] >= 2 for d in waiting)

        await eventually(retried_while_down, timeout=60)
        assert {
            d["last_error"] for d in await log_of(nl, nl_hook["id"]) if d["status"] == "pending"
        } == {"connection failed"}
        # DE's receiver, up all along, was told of both at once.
        await eventually(lambda: _count(de_receiver, 3), timeout=30)

        # Back on the same port: the retries reach it.
        await nl_receiver.start()

        async def all_delivered() -> bool:
            log = await log_of(nl, nl_hook["id"])
            return len(log) == 3 and all(d["status"] == "delivered" for d in log)

        await eventually(all_delivered, timeout=60)
        log = await log_of(nl, nl_hook["id"])
        seen = verified(nl_receiver, nl_hook["secret"])
        assert set(seen) == {d["id"] for d in log}  # every delivery arrived, by its webhook-id
        by_event: dict[str, set[str]] = defaultdict(set)
        for webhook_id, bodies in seen.items():
            assert all(body == bodies[0] for body in bodies)  # a repeat is the same message
            by_event[bodies[0]["data"]["commitment_id"]].add(webhook_id)
        assert set(by_event) == {first, *during}
        assert all(len(ids) == 1 for ids in by_event.values())  # once per event
        assert all(d["attempts"] >= 2 for d in log if d["id"] != _id_of(seen, first))
        de_seen = verified(de_receiver, de_hook["secret"])
        assert len(de_seen) == 3
        assert all(len(bodies) == 1 for bodies in de_seen.values())
    finally:
        await de_receiver.stop()
        await nl_receiver.stop()


async def _count(receiver: Receiver, n: int) -> bool:
    return len({r.headers["webhook-id"] for r in receiver.received}) >= n


def _id_of(seen: dict[str, list[dict[str, Any]]], commitment_id: str) -> str:
    return next(
        i for i, bodies in seen.items() if bodies[0]["data"]["commitment_id"] == commitment_id
    )


async def test_a_refused_url_is_422_saying_why(outside: Agora) -> None:
    de = await outside.agency("DE")
    refused = await de.post(
        "/v1/webhooks",
        json={"url": "https://169.254.169.254/latest/meta-data", "events": [OVERLAP]},
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert "link-local" in refused.json()["detail"]
    assert (await de.get("/v1/webhooks")).json()["items"] == []


async def test_a_suspected_duplicate_reaches_both_custodians_without_the_name(
    outside: Agora,
) -> None:
    """Through the gateway's consumer of ACTORS (its own NATS user): DE and PL register one
    person under two spellings; both custodians' receivers are told, with no name or actor id."""
    run = secrets.token_hex(4)
    receivers = {state: await Receiver().start() for state in ("DE", "PL", "FR")}
    try:
        hooks = {}
        for state, receiver in receivers.items():
            agency = await outside.agency(state)
            created = await agency.post(
                "/v1/webhooks",
                json={"url": receiver.url(), "events": ["actors.duplicate_suspected"]},
            )
            assert created.status_code == 201, created.text
            hooks[state] = (agency, created.json())
        person = {
            "kind": "individual",
            "public_name": "A. K.",
            "sectors": ["human_rights"],
            "host_country": "DE",
        }
        ids = []
        for state, name in (("DE", f"Анна Кузнецова {run}"), ("PL", f"Anna Kuznetsova {run}")):
            body = {**person, "legal_name": name, "contact": {"email": f"{state}{run}@example.org"}}
            made = await hooks[state][0].post("/v1/actors", json=body)
            assert made.status_code == 201, made.text
            ids.append(made.json()["id"])

        async def both_told() -> bool:
            return bool(receivers["DE"].received and receivers["PL"].received)

        await eventually(both_told, timeout=30)
        for state in ("DE", "PL"):
            [request] = receivers[state].received
            told = Webhook(hooks[state][1]["secret"]).verify(request.body, request.headers)
            assert told["type"] == "actors.duplicate_suspected"
            assert sorted(told["data"]["states"]) == ["DE", "PL"]
            assert told["data"]["matched_on"] == ["legal_name"]
            text = request.body.decode()
            assert run not in text  # neither spelling of the name
            assert not any(actor_id in text for actor_id in ids)
        assert receivers["FR"].received == []  # a third state is not told
    finally:
        for receiver in receivers.values():
            await receiver.stop()


async def test_an_evaluator_is_told_of_its_own_assignments_only(outside: Agora) -> None:
    """Through the gateway's consumer of EVALUATION: two evaluators subscribe, a cycle is
    assigned; each receiver gets exactly the assignments of its own evaluator."""
    period = {"start": "2062-01-01", "end": "2062-12-31"}
    receivers = [await Receiver().start() for _ in range(2)]
    try:
        evaluators = [await outside.client("evaluator") for _ in range(2)]
        hooks = []
        for evaluator, receiver in zip(evaluators, receivers, strict=True):
            enrolled = await evaluator.put("/v1/evaluation/evaluators/me")
            assert enrolled.status_code == 200, enrolled.text
            created = await evaluator.post(
                "/v1/webhooks",
                json={"url": receiver.url(), "events": ["evaluation.assignment_created"]},
            )
            assert created.status_code == 201, created.text
            hooks.append(created.json())
        de = await outside.agency("DE")
        actors = [await registered_actor(de) for _ in range(2)]
        for actor_id in actors:
            body = {
                "actor_id": actor_id,
                "instrument": "grant",
                "amount": "500.00",
                "currency": "EUR",
                "period": period,
                "purposes": ["public_debate"],
                "status": "committed",
            }
            made = await de.post("/v1/funding/commitments", json=body)
            assert made.status_code == 201, made.text
        opened = await outside.admin.post(
            "/v1/evaluation/cycles",
            json={"name": f"Cycle {secrets.token_hex(3)}", "period": period},
        )
        assert opened.status_code == 201, opened.text
        base = f"/v1/evaluation/cycles/{opened.json()['id']}"

        async def funding_arrived() -> bool:
            report = await de.get(
                "/v1/evaluation/reports/portfolio", params={"cycle_id": opened.json()["id"]}
            )
            return {a["actor_id"] for a in report.json()["actors"]} >= set(actors)

        await eventually(funding_arrived, timeout=30)
        run = await outside.admin.post(f"{base}/assignments")
        assert run.status_code == 200, run.text
        assert run.json()["assignments"] >= 2

        own = []
        for evaluator in evaluators:
            listed = await evaluator.get(f"{base}/assignments", params={"limit": "200"})
            assert listed.status_code == 200, listed.text
            own.append({item["actor_id"] for item in listed.json()["items"]})
        assert own[0] | own[1] >= set(actors)

        async def all_told() -> bool:
            return all(len(r.received) >= len(mine) for r, mine in zip(receivers, own, strict=True))

        await eventually(all_told, timeout=30)
        for evaluator, receiver, hook, mine in zip(evaluators, receivers, hooks, own, strict=True):
            told = [Webhook(hook["secret"]).verify(r.body, r.headers) for r in receiver.received]
            assert {m["type"] for m in told} == {"evaluation.assignment_created"}
            assert {m["data"]["evaluator_id"] for m in told} == {evaluator.client_id}  # type: ignore[attr-defined]
            assert {m["data"]["actor_id"] for m in told} == mine
            assert len(told) == len(mine)
    finally:
        for receiver in receivers:
            await receiver.stop()


async def test_an_expiring_permit_reaches_the_custodian_and_the_issuer_once(
    outside: Agora,
) -> None:
    """Through the gateway's consumer of ACTORS: FR issues a permit on DE's actor that ends in
    60 days; the actors service publishes its 90-day notice when it next looks (at start: it is
    restarted here), and again finds nothing new after a second restart. DE (custodian) and FR
    (issuer) are told once each; NL is not."""

    def day(offset: int) -> str:
        return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()

    receivers = {state: await Receiver().start() for state in ("DE", "FR", "NL")}
    try:
        agencies, hooks = {}, {}
        for state, receiver in receivers.items():
            agencies[state] = await outside.agency(state)
            created = await agencies[state].post(
                "/v1/webhooks",
                json={"url": receiver.url(), "events": ["actors.permit_expiring"]},
            )
            assert created.status_code == 201, created.text
            hooks[state] = created.json()
        actor_id = await registered_actor(agencies["DE"])
        issued = await agencies["FR"].post(
            f"/v1/actors/{actor_id}/permits",
            json={"type": "residence", "valid_from": day(-300), "valid_until": day(60)},
        )
        assert issued.status_code == 201, issued.text
        permit_id = issued.json()["id"]

        for _ in range(2):
            await asyncio.to_thread(outside.platform.restart_process, "actors")

            async def both_told() -> bool:
                return bool(receivers["DE"].received and receivers["FR"].received)

            await eventually(both_told, timeout=60)
        await asyncio.sleep(2)  # a second notice, were there one, would have arrived by now
        for state in ("DE", "FR"):
            [request] = receivers[state].received
            told = Webhook(hooks[state]["secret"]).verify(request.body, request.headers)
            assert told["type"] == "actors.permit_expiring"
            assert told["data"]["permit_id"] == permit_id
            assert told["data"]["threshold_days"] == 90
            assert (told["data"]["custodian_state"], told["data"]["issuing_state"]) == ("DE", "FR")
        assert receivers["NL"].received == []
    finally:
        for receiver in receivers.values():
            await receiver.stop()
