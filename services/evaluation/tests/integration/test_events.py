"""The read models fed by real CloudEvents through the test nats-server, and the version rule."""

import asyncio
import uuid
from datetime import date
from typing import Any

import nats
import pytest
from agora_common.events import CloudEvent
from agora_common.testing.client import Caller, ServiceClient
from agora_common.testing.nats import NatsServer
from evaluation.actors_view.models import KnownActor
from evaluation.events import handlers
from evaluation.funding_view.models import FundedCommitment

Seed = Any  # the `seed` fixture of conftest.py

ADMIN = Caller("admin")
CYCLE = {"name": "2026 round", "period": {"start": "2026-01-01", "end": "2026-12-31"}}


async def publish(server: NatsServer, subject: str, event: CloudEvent) -> None:
    connection = await nats.connect(server.url)
    try:
        js = connection.jetstream()
        owner = subject.split(".")[1]  # agora.<service>.<event>
        try:
            await js.stream_info(owner.upper())
        except nats.js.errors.NotFoundError:
            # The registry and funding own their streams and create them; evaluation only consumes.
            await js.add_stream(name=owner.upper(), subjects=[f"agora.{owner}.>"])
        await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": event.id})
    finally:
        await connection.close()


async def eventually(check: Any, timeout: float = 15.0) -> Any:
    """Poll ``await check()`` until truthy (bounded)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (result := await check()):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {timeout} s")
        await asyncio.sleep(0.05)
    return result


def app_db(client: ServiceClient) -> Any:
    return client.app.state.db


async def read(client: ServiceClient, model: Any, key: str) -> Any:
    async with app_db(client).transaction(readonly=True) as session:
        return await session.get(model, key)


async def assess(client: ServiceClient, cycle_id: str, who: Caller, actor_id: str) -> Any:
    return await client.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=who,
        json={
            "actor_id": actor_id,
            "scores": {
                "standards_and_visions": 2,
                "knowledge_generation": 2,
                "domestic_outreach": 2,
            },
            "rationale": "Seen their work.",
        },
    )


def actor_event(name: str, actor_id: str, version: int, **extra: Any) -> CloudEvent:
    data: dict[str, Any] = {"actor_id": actor_id, "version": version}
    if name != "erased":
        data |= {
            "kind": "media_outlet",
            "sectors": ["independent_media"],
            "activities": ["domestic_outreach"],
            "host_country": "LV",
            "origin_region": None,
            "custodian_state": "LV",
            "established_on": "2014-05-01",
            "relocated_on": None,
        }
    return CloudEvent(
        type=f"agora.actors.{name}.v1", source="agora/actors", subject=actor_id, data=data | extra
    )


def funding_event(name: str, data: dict[str, Any]) -> CloudEvent:
    return CloudEvent(
        type=f"agora.funding.{name}.v1",
        source="agora/funding",
        subject=str(data["commitment_id"]),
        data=data,
    )


async def test_real_events_make_a_states_evaluator_ineligible_and_eligible_again(
    evaluation: ServiceClient, nats_server: NatsServer
) -> None:
    await app_db(evaluation).ping()
    actor_id = f"act_{uuid.uuid4().hex[:20]}"
    await publish(nats_server, "agora.actors.registered", actor_event("registered", actor_id, 1))
    assert await eventually(lambda: read(evaluation, KnownActor, actor_id))

    commitment_id = f"com_{uuid.uuid4().hex[:20]}"
    made = funding_event(
        "commitment_made",
        {
            "commitment_id": commitment_id,
            "donor": "LV",
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "25000.00",
            "currency": "EUR",
            "period": {"start": "2026-03-01", "end": "2027-02-28"},
            "purposes": ["domestic_outreach"],
            "status": "committed",
            "horizon": "short",
            "version": 1,
            "some_future_field": {"ignored": True},
        },
    )
    await publish(nats_server, "agora.funding.commitment_made", made)
    assert await eventually(lambda: read(evaluation, FundedCommitment, commitment_id))

    cycle_id = (await evaluation.post("/v1/evaluation/cycles", caller=ADMIN, json=CYCLE)).json()[
        "id"
    ]
    latvian = Caller("evaluator", "LV")
    refused = await assess(evaluation, cycle_id, latvian, actor_id)
    assert refused.status_code == 409
    assert refused.json()["reason"] == "state_funds_actor"

    # a disbursement keeps it live; the cancellation frees the evaluator
    await publish(
        nats_server,
        "agora.funding.disbursement_recorded",
        funding_event(
            "disbursement_recorded",
            {
                "commitment_id": commitment_id,
                "donor": "LV",
                "actor_id": actor_id,
                "amount": "5000.00",
                "currency": "EUR",
                "date": "2026-04-01",
                "disbursed_total": "5000.00",
                "status": "disbursed",
                "version": 2,
            },
        ),
    )
    await publish(
        nats_server,
        "agora.funding.commitment_cancelled",
        funding_event(
            "commitment_cancelled",
            {
                "commitment_id": commitment_id,
                "donor": "LV",
                "actor_id": actor_id,
                "status": "cancelled",
                "version": 3,
            },
        ),
    )

    async def cancelled() -> bool:
        row = await read(evaluation, FundedCommitment, commitment_id)
        return row is not None and row.status == "cancelled"

    await eventually(cancelled)
    row = await read(evaluation, FundedCommitment, commitment_id)
    assert (row.version, row.disbursed_total, row.amount) == (3, "5000.00", "25000.00")
    assert (await assess(evaluation, cycle_id, latvian, actor_id)).status_code == 201

    # the registry's erasure takes the actor out of evaluation
    await publish(nats_server, "agora.actors.erased", actor_event("erased", actor_id, 2))

    async def erased() -> bool:
        known = await read(evaluation, KnownActor, actor_id)
        return bool(known.erased)

    await eventually(erased)
    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor_id}", caller=ADMIN
    )
    assert card.status_code == 404
    listed = await evaluation.get(f"/v1/evaluation/cycles/{cycle_id}/assessments", caller=ADMIN)
    assert listed.json()["items"] == []


async def test_older_actor_facts_are_ignored_and_erasure_is_final(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor_id = await seed.actor(sectors=("research",), version=3)
    await seed.actor(actor_id=actor_id, sectors=("culture",), version=2)  # late, older
    known = await read(evaluation, KnownActor, actor_id)
    assert (known.version, known.sectors) == (3, ["research"])
    await seed.actor(actor_id=actor_id, sectors=("culture",), version=4)
    assert (await read(evaluation, KnownActor, actor_id)).sectors == ["culture"]

    await seed.erase(actor_id, version=5)
    await seed.actor(actor_id=actor_id, version=6)  # nothing brings an erased actor back
    tombstone = await read(evaluation, KnownActor, actor_id)
    assert tombstone.erased is True
    # and nothing of what it was stays behind
    assert (tombstone.kind, tombstone.sectors, tombstone.host_country) == (None, None, None)
    assert (tombstone.origin_region, tombstone.custodian_state) == (None, None)

    # an erasure seen before the registration leaves a tombstone the registration cannot undo
    ghost = f"act_{uuid.uuid4().hex[:20]}"
    await seed.erase(ghost, version=2)
    await seed.actor(actor_id=ghost, version=1)
    tombstone = await read(evaluation, KnownActor, ghost)
    assert (tombstone.erased, tombstone.kind) == (True, None)


async def test_older_funding_facts_are_ignored(evaluation: ServiceClient, seed: Seed) -> None:
    actor_id = await seed.actor()
    commitment_id = await seed.commitment(donor="DE", actor_id=actor_id, version=1)
    await seed.cancel(commitment_id, donor="DE", actor_id=actor_id, version=2)
    async with app_db(evaluation).transaction() as session:
        await handlers.on_commitment_made(
            session,
            CloudEvent(
                type="agora.funding.commitment_made.v1",
                source="test",
                subject=commitment_id,
                data={
                    "commitment_id": commitment_id,
                    "donor": "DE",
                    "actor_id": actor_id,
                    "amount": "1.00",
                    "currency": "EUR",
                    "period": {"start": "2026-01-01", "end": "2026-12-31"},
                    "status": "committed",
                    "version": 1,
                },
            ),
        )
    row = await read(evaluation, FundedCommitment, commitment_id)
    assert (row.status, row.version) == ("cancelled", 2)


def change(
    name: str, commitment_id: str, actor_id: str, version: int
) -> tuple[str, dict[str, Any]]:
    """A later funding event about the commitment (the funding service's shapes)."""
    data: dict[str, Any] = {
        "commitment_id": commitment_id,
        "donor": "LV",
        "actor_id": actor_id,
        "version": version,
    }
    if name == "disbursement_recorded":
        data |= {
            "amount": "4000.00",
            "currency": "EUR",
            "date": "2026-04-01",
            "disbursed_total": "4000.00",
            "status": "disbursed",
        }
    elif name == "commitment_status_changed":
        data |= {"status": "completed"}
    else:
        data |= {"status": "cancelled"}
    return f"agora.funding.{name}.v1", data


@pytest.mark.parametrize(
    ("changes", "status", "disbursed", "conflict"),
    [
        (["disbursement_recorded"], "disbursed", "4000.00", True),
        (["commitment_status_changed"], "completed", None, True),
        (["commitment_cancelled"], "cancelled", None, False),
        (["disbursement_recorded", "commitment_cancelled"], "cancelled", "4000.00", False),
    ],
    ids=["disbursed", "status_changed", "cancelled", "disbursed_then_cancelled"],
)
@pytest.mark.parametrize("made_first", [True, False], ids=["made_first", "made_last"])
async def test_funding_facts_hold_in_either_order(
    evaluation: ServiceClient,
    seed: Seed,
    changes: list[str],
    status: str,
    disbursed: str | None,
    conflict: bool,
    made_first: bool,
) -> None:
    """A "made" retried after its later changes still fills in the commitment's facts.

    Without them (no period) the conflict-of-interest rule and the portfolio would not see the
    funding; a cancellation seen first is not undone by the late "made".
    """
    actor_id = await seed.actor()
    commitment_id = f"com_{uuid.uuid4().hex[:20]}"
    made = {
        "commitment_id": commitment_id,
        "donor": "LV",
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "25000.00",
        "currency": "EUR",
        "period": {"start": "2026-03-01", "end": "2027-02-28"},
        "purposes": ["public_debate"],
        "status": "committed",
        "horizon": "short",
        "version": 1,
    }
    later = [
        change(name, commitment_id, actor_id, version)
        for version, name in enumerate(changes, start=2)
    ]
    if made_first:
        await seed.apply(handlers.on_commitment_made, "agora.funding.commitment_made.v1", made)
    for type_, data in later:
        await seed.apply(handlers.on_commitment_changed, type_, data)
    if not made_first:
        await seed.apply(handlers.on_commitment_made, "agora.funding.commitment_made.v1", made)
    # a redelivered "made" changes nothing either
    await seed.apply(handlers.on_commitment_made, "agora.funding.commitment_made.v1", made)

    row = await read(evaluation, FundedCommitment, commitment_id)
    assert (row.version, row.status, row.disbursed_total) == (len(changes) + 1, status, disbursed)
    assert (row.donor, row.actor_id, row.instrument, row.amount, row.currency) == (
        "LV",
        actor_id,
        "grant",
        "25000.00",
        "EUR",
    )
    assert (row.period_start, row.period_end) == (date(2026, 3, 1), date(2027, 2, 28))

    cycle_id = (await evaluation.post("/v1/evaluation/cycles", caller=ADMIN, json=CYCLE)).json()[
        "id"
    ]
    response = await assess(evaluation, cycle_id, Caller("evaluator", "LV"), actor_id)
    if conflict:
        assert response.status_code == 409, response.text
        assert response.json()["reason"] == "state_funds_actor"
    else:
        assert response.status_code == 201, response.text

    portfolio = await evaluation.get(
        "/v1/evaluation/reports/portfolio", caller=ADMIN, params={"cycle_id": cycle_id}
    )
    assert portfolio.status_code == 200, portfolio.text
    funding = {a["actor_id"]: a["funding"] for a in portfolio.json()["actors"]}.get(actor_id, [])
    expected = [
        {
            "donor": "LV",
            "currency": "EUR",
            "commitments": 1,
            "committed": "25000.00",
            "disbursed": disbursed,
            "committed_eur": "25000.00",
            "disbursed_eur": disbursed,
            "rate_missing": False,
            "instruments": ["grant"],
        }
    ]
    assert funding == (expected if conflict else [])


async def test_a_late_disbursement_still_counts(evaluation: ServiceClient, seed: Seed) -> None:
    """The disbursed total only grows: a disbursement seen after a later status change counts."""
    actor_id = await seed.actor()
    commitment_id = await seed.commitment(donor="LV", actor_id=actor_id, amount="25000.00")
    first, second = (
        change("disbursement_recorded", commitment_id, actor_id, version) for version in (2, 3)
    )
    first[1]["status"] = "committed"  # partly disbursed
    second[1].update(amount="21000.00", disbursed_total="25000.00")
    completed = change("commitment_status_changed", commitment_id, actor_id, 4)
    for type_, data in (first, completed, second, first):  # v3 after v4, v2 redelivered last
        await seed.apply(handlers.on_commitment_changed, type_, data)
    row = await read(evaluation, FundedCommitment, commitment_id)
    assert (row.version, row.status, row.disbursed_total) == (4, "completed", "25000.00")


async def test_replicas_applying_two_versions_at_once_keep_the_newer(
    evaluation: ServiceClient, backend: str
) -> None:
    """Two consumer replicas, one applying version 3 and holding its transaction open while the
    other applies version 2: the second waits for the first (row lock on PostgreSQL, one writer
    on SQLite) and then sees version 3 — an unlocked read would have let version 2 win."""
    db = app_db(evaluation)
    actor_id = f"act_{uuid.uuid4().hex[:12]}"
    async with db.transaction() as session:
        await handlers.on_actor_registered(session, actor_event("registered", actor_id, 1))
    newer_applied = asyncio.Event()

    async def newer() -> None:
        async with db.transaction() as session:
            await handlers.on_actor_registered(
                session, actor_event("updated", actor_id, 3, host_country="DE")
            )
            newer_applied.set()
            await asyncio.sleep(0.5)  # still uncommitted while the other replica starts

    async def older() -> None:
        await newer_applied.wait()
        async with db.transaction() as session:
            await handlers.on_actor_registered(
                session, actor_event("updated", actor_id, 2, host_country="FR")
            )

    await asyncio.gather(newer(), older())
    known = await read(evaluation, KnownActor, actor_id)
    assert (known.version, known.host_country) == (3, "DE")
