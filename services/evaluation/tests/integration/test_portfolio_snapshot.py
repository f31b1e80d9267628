"""The kept portfolio (``evaluation.reports.snapshot``) answers what a full recomputation does.

Property-based (hypothesis, derandomized: the same scenarios on every run): random actors
(registered, updated, erased), funding facts (commitments in EUR, USD, PLN and GEL — GEL never
has a rate — with odd decimals, in, across and outside the cycle's period, confidential ones,
permits, cancellations, disbursements), FX rates set and corrected, assessments and activities
through the HTTP API and a cycle closed. After every change, every page of the portfolio of two
cycles, as the service serves it over HTTP, equals byte for byte the answer of the existing
code computing everything anew (``portfolio.portfolio_report``), and the kept snapshot is the
current one (so later pages and reads were answered from it). Events go through the consumers
as registered (``Seed.apply_event``: inbox row and handler in one transaction), SQLite and
PostgreSQL both.

Then each kind of write after a read shows in the next read, an erasure removes the actor's kept
entries at once, concurrent readers of a stale portfolio all get the same answer, and pages
follow the code-point order of actor ids whatever the database's collation.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from agora_common.events import CloudEvent
from agora_common.testing.client import Caller, ServiceClient
from evaluation.cycles import service as cycles
from evaluation.reports.portfolio import portfolio_report
from evaluation.reports.schemas import PortfolioReport
from fastapi.responses import JSONResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

Seed = Any  # the `seed` fixture of conftest.py

ADMIN = Caller("admin")
AGENCY = Caller("agency", "DE")
CYCLES: tuple[dict[str, Any], ...] = (
    {"name": "2026 round", "period": {"start": "2026-01-01", "end": "2026-12-31"}},
    {"name": "2027 spring", "period": {"start": "2027-01-01", "end": "2027-06-30"}},
)
PERIODS = [
    ("2026-03-01", "2026-09-30"),
    ("2025-06-01", "2026-01-01"),
    ("2026-11-01", "2027-03-31"),
    ("2024-01-01", "2024-12-31"),
]
DONORS = ("DE", "FR", "PL")
CURRENCIES = ("EUR", "EUR", "USD", "PLN", "GEL")
SECTORS = ("research", "independent_media", "culture", "education")
REGIONS = ("RU-TA", "RU-SA", "RU-MOW", None)
SCENARIOS = 5
CRITERIA = ("standards_and_visions", "knowledge_generation", "domestic_outreach")


def _amount(draw: st.DrawFn) -> str:
    return format(Decimal(draw(st.integers(1, 10**12))).scaleb(-draw(st.integers(0, 4))), "f")


@st.composite
def steps(draw: st.DrawFn, actors: int) -> tuple[Any, ...]:
    kind = draw(
        st.sampled_from(
            [
                *("actor", "commit", "commit", "commit", "change", "rate"),
                *("assess", "activity", "erase", "close"),
            ]
        )
    )
    actor = draw(st.integers(0, actors - 1))
    if kind == "actor":
        sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=0, max_size=2, unique=True))
        return (kind, actor, sectors, draw(st.sampled_from(REGIONS)))
    if kind == "commit":
        currency = draw(st.sampled_from(CURRENCIES))
        permit = draw(st.integers(0, 5)) == 0
        return (
            kind,
            actor,
            draw(st.sampled_from(DONORS)),
            None if permit else currency,
            None if permit else _amount(draw),
            draw(st.sampled_from(PERIODS)),
            draw(st.booleans()) and draw(st.booleans()),
            "work_permit" if permit else draw(st.sampled_from(["grant", "fellowship"])),
        )
    if kind == "change":
        return (kind, draw(st.integers(0, 20)), draw(st.sampled_from(["cancel", "disburse"])))
    if kind == "rate":
        return (
            kind,
            draw(st.sampled_from(["USD", "PLN"])),
            draw(st.sampled_from(["2025-01-01", "2026-06-01", "2026-12-31", "2027-01-05"])),
            draw(st.sampled_from(["0.9", "0.923456789", "0.2315", "1.1", "0.00001"])),
            draw(st.integers(-2, 2)),  # minutes from now: an older event never wins
        )
    if kind == "assess":
        scores = tuple(draw(st.integers(0, 4)) for _ in CRITERIA)
        return (kind, actor, draw(st.integers(0, 2)), draw(st.integers(0, 1)), scores)
    if kind == "activity":
        total = draw(st.integers(0, 40))
        women, non_russian = draw(st.integers(0, total)), draw(st.integers(0, total))
        return (kind, actor, draw(st.integers(0, 1)), total, women, non_russian)
    if kind == "close":
        return (kind, draw(st.integers(0, 1)))
    return (kind, actor)


@dataclass
class Scenario:
    actors: int
    limit: int
    steps: list[tuple[Any, ...]]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    actors = draw(st.integers(2, 7))
    return Scenario(
        actors=actors,
        limit=draw(st.integers(1, 4)),
        steps=draw(st.lists(steps(actors), min_size=6, max_size=14)),
    )


DRAWN: list[Scenario] = []


@settings(
    max_examples=SCENARIOS, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(scenarios())
def _collect(scenario: Scenario) -> None:
    DRAWN.append(scenario)


def drawn_scenarios() -> list[Scenario]:
    if not DRAWN:
        _collect()
    return DRAWN[-SCENARIOS:]


def as_served(report: dict[str, Any]) -> bytes:
    """The body the route would send for ``report`` (its response model, as FastAPI does)."""
    return bytes(JSONResponse(PortfolioReport.model_validate(report).model_dump(mode="json")).body)


async def open_cycle(client: ServiceClient, body: dict[str, Any]) -> str:
    response = await client.post("/v1/evaluation/cycles", caller=ADMIN, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def page(client: ServiceClient, cycle_id: str, limit: int, cursor: str | None) -> Any:
    params = {"cycle_id": cycle_id, "limit": str(limit), **({"cursor": cursor} if cursor else {})}
    response = await client.get("/v1/evaluation/reports/portfolio", caller=ADMIN, params=params)
    assert response.status_code == 200, response.text
    return response


async def recomputed(client: ServiceClient, cycle_id: str, limit: int, cursor: str | None) -> bytes:
    async with client.app.state.db.transaction(readonly=True) as session:
        cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
        return as_served(await portfolio_report(session, cycle=cycle, cursor=cursor, limit=limit))


async def versions(client: ServiceClient, cycle_id: str) -> tuple[int, int | None]:
    """The version of the report inputs, and that of the cycle's kept portfolio."""
    async with client.app.state.db.transaction(readonly=True) as session:
        current = await session.scalar(text("SELECT version FROM report_inputs"))
        kept = await session.scalar(
            text("SELECT version FROM portfolio_snapshots WHERE cycle_id = :c"), {"c": cycle_id}
        )
    return int(current), kept


async def all_pages_match(client: ServiceClient, cycle_id: str, limit: int, context: str) -> int:
    """Walk every page; each equals the full recomputation byte for byte. The actors seen."""
    cursor, seen = None, 0
    while True:
        served = await page(client, cycle_id, limit, cursor)
        assert served.content == await recomputed(client, cycle_id, limit, cursor), context
        seen += len(served.json()["actors"])
        if cursor is None:  # the first page again: now surely from the kept portfolio
            assert (await page(client, cycle_id, limit, None)).content == served.content, context
        cursor = served.json()["next_cursor"]
        if cursor is None:
            return seen


@dataclass
class World:
    """What a scenario made so far, to turn its steps into events and requests."""

    actors: list[str]
    versions: dict[str, int] = field(default_factory=dict)
    commitments: list[dict[str, Any]] = field(default_factory=list)


def event(type_: str, data: dict[str, Any], *, at: datetime | None = None) -> CloudEvent:
    return CloudEvent(type_, "test", "x", data, time=at or datetime.now(UTC))


async def apply_step(
    client: ServiceClient, seed: Seed, world: World, cycle_ids: list[str], step: tuple[Any, ...]
) -> None:
    kind = step[0]
    if kind == "actor":
        _, i, sectors, region = step
        actor_id = world.actors[i]
        world.versions[actor_id] = world.versions.get(actor_id, 0) + 1
        data = {
            "actor_id": actor_id,
            "version": world.versions[actor_id],
            "kind": "organisation",
            "sectors": sectors,
            "activities": ["public_debate"],
            "host_country": "LT",
            "origin_region": region,
            "custodian_state": "LT",
        }
        await seed.apply_event(event("agora.actors.registered.v1", data))
    elif kind == "erase":
        actor_id = world.actors[step[1]]
        world.versions[actor_id] = world.versions.get(actor_id, 0) + 1
        data = {"actor_id": actor_id, "version": world.versions[actor_id]}
        await seed.apply_event(event("agora.actors.erased.v1", data))
    elif kind == "commit":
        _, i, donor, currency, amount, (start, end), confidential, instrument = step
        made = {
            "commitment_id": f"com_{uuid.uuid4().hex[:20]}",
            "donor": donor,
            "actor_id": world.actors[i],
            "instrument": instrument,
            "amount": amount,
            "currency": currency,
            "period": {"start": start, "end": end},
            "purposes": ["public_debate"],
            "status": "committed",
            "horizon": "short",
            "version": 1,
            "confidential": confidential,
        }
        world.commitments.append(made)
        await seed.apply_event(event("agora.funding.commitment_made.v1", made))
    elif kind == "change" and world.commitments:
        _, n, what = step
        made = world.commitments[n % len(world.commitments)]
        made["version"] += 1
        data = {k: made[k] for k in ("commitment_id", "donor", "actor_id", "version")}
        if what == "cancel":
            data["status"] = "cancelled"
            await seed.apply_event(event("agora.funding.commitment_cancelled.v1", data))
        elif made["amount"] is not None:
            paid = (Decimal(made["amount"]) / 3).quantize(Decimal("0.0001"))
            data |= {
                "status": "committed",
                "amount": format(paid, "f"),
                "currency": made["currency"],
                "date": "2026-04-01",
                "disbursed_total": format(paid * made["version"], "f"),
                "confidential": made["confidential"],
            }
            await seed.apply_event(event("agora.funding.disbursement_recorded.v1", data))
    elif kind == "rate":
        _, currency, day, rate, minutes = step
        data = {"currency": currency, "eur_per_unit": rate, "as_of": day}
        at = datetime.now(UTC) + timedelta(minutes=minutes)
        await seed.apply_event(event("agora.funding.fx_rate_set.v1", data, at=at))
    elif kind == "assess":
        _, i, evaluator, cycle, scores = step
        response = await client.post(
            f"/v1/evaluation/cycles/{cycle_ids[cycle]}/assessments",
            caller=Caller("evaluator", client_id=f"evaluator-{evaluator}"),
            json={
                "actor_id": world.actors[i],
                "scores": dict(zip(CRITERIA, scores, strict=True)),
                "rationale": "Seen their work.",
            },
        )
        # refused: assessed already, cycle closed, actor unknown or erased
        assert response.status_code in (201, 404, 409, 422), response.text
    elif kind == "activity":
        _, i, cycle, total, women, non_russian = step
        response = await client.post(
            "/v1/evaluation/activities",
            caller=AGENCY,
            json={
                "actor_id": world.actors[i],
                "cycle_id": cycle_ids[cycle],
                "kind": "event",
                "title": "Public debate",
                "date": CYCLES[cycle]["period"]["start"],
                "participants": {
                    "total": total,
                    "women": women,
                    "non_russian_ethnic_origin": non_russian,
                },
            },
        )
        assert response.status_code in (201, 422), response.text  # 422: actor unknown or erased
    elif kind == "close":
        closed = await client.post(
            f"/v1/evaluation/cycles/{cycle_ids[step[1]]}/close", caller=ADMIN
        )
        assert closed.status_code in (200, 409), closed.text


async def test_kept_portfolio_equals_a_full_recomputation_after_every_change(
    evaluation: ServiceClient, seed: Seed
) -> None:
    for n, scenario in enumerate(drawn_scenarios()):
        cycle_ids = [await open_cycle(evaluation, c) for c in CYCLES]
        # Mixed case, "_" and "-": the order of ids is the code points', not a collation's.
        world = World([f"act_s{n}{'_aB-'[i % 4]}{i}" for i in range(scenario.actors)])
        for number, step in enumerate(scenario.steps):
            await apply_step(evaluation, seed, world, cycle_ids, step)
            for cycle_id in cycle_ids:
                context = f"scenario {n} ({scenario}), after step {number} {step}"
                await all_pages_match(evaluation, cycle_id, scenario.limit, context)
                current, kept = await versions(evaluation, cycle_id)
                assert kept == current, context


async def read(client: ServiceClient, cycle_id: str) -> dict[str, Any]:
    response = await page(client, cycle_id, 50, None)
    body: dict[str, Any] = response.json()
    assert response.content == await recomputed(client, cycle_id, 50, None)
    return body


def entry(report: dict[str, Any], actor_id: str) -> dict[str, Any]:
    found: dict[str, Any] = {a["actor_id"]: a for a in report["actors"]}[actor_id]
    return found


async def test_each_kind_of_write_after_a_read_shows_in_the_next_read(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor, other = await seed.actor(sectors=("research",)), await seed.actor()
    made = await seed.commitment(donor="DE", actor_id=actor, amount="100.00", currency="USD")
    cycle_id = await open_cycle(evaluation, CYCLES[0])
    first = await read(evaluation, cycle_id)
    assert entry(first, actor)["funding"][0]["rate_missing"] is True

    # funding.fx_rate_set
    rate = {"currency": "USD", "eur_per_unit": "0.5", "as_of": "2026-06-01"}
    await seed.apply_event(event("agora.funding.fx_rate_set.v1", rate))
    assert entry(await read(evaluation, cycle_id), actor)["committed_eur"] == "50.00"

    # funding.disbursement_recorded
    paid = {
        "commitment_id": made,
        "donor": "DE",
        "actor_id": actor,
        "status": "committed",
        "version": 2,
        "amount": "40.00",
        "currency": "USD",
        "date": "2026-04-01",
        "disbursed_total": "40.00",
    }
    await seed.apply_event(event("agora.funding.disbursement_recorded.v1", paid))
    assert entry(await read(evaluation, cycle_id), actor)["funding"][0]["disbursed"] == "40.00"

    # funding.commitment_made
    await seed.commitment(donor="FR", actor_id=other, amount="7.5")
    assert entry(await read(evaluation, cycle_id), other)["committed_eur"] == "7.50"

    # funding.commitment_cancelled (and _status_changed, the same handler)
    await seed.cancel(made, donor="DE", actor_id=actor, version=3)
    ids = [a["actor_id"] for a in (await read(evaluation, cycle_id))["actors"]]
    assert ids == [other]  # nothing of the actor's in the cycle any more

    # actors.updated
    await seed.actor(actor_id=other, sectors=("culture",), version=2)
    assert entry(await read(evaluation, cycle_id), other)["sectors"] == ["culture"]

    # POST …/assessments
    response = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=Caller("evaluator"),
        json={
            "actor_id": actor,
            "scores": dict(zip(CRITERIA, (3, 2, 1), strict=True)),
            "rationale": "Seen their work.",
        },
    )
    assert response.status_code == 201, response.text
    card = entry(await read(evaluation, cycle_id), actor)["scorecard"]
    assert (card["assessments"], card["standards_and_visions"]["median"]) == (1, 3)

    # POST /activities
    body = {
        "actor_id": actor,
        "cycle_id": cycle_id,
        "kind": "event",
        "title": "Public debate",
        "date": "2026-05-04",
        "participants": {"total": 12, "women": 6, "non_russian_ethnic_origin": 3},
    }
    assert (await evaluation.post("/v1/evaluation/activities", caller=AGENCY, json=body)).is_success
    representation = entry(await read(evaluation, cycle_id), actor)["representation"]
    assert representation["participants"] == 12

    # POST …/close
    closed = await evaluation.post(f"/v1/evaluation/cycles/{cycle_id}/close", caller=ADMIN)
    assert closed.status_code == 200, closed.text
    assert (await read(evaluation, cycle_id))["status"] == "closed"

    # actors.erased
    await seed.erase(other, version=5)
    ids = [a["actor_id"] for a in (await read(evaluation, cycle_id))["actors"]]
    assert ids == [actor]


async def test_an_erasure_deletes_the_actors_kept_entries_at_once(
    evaluation: ServiceClient, seed: Seed
) -> None:
    kept, erased = await seed.actor(), await seed.actor()
    for actor in (kept, erased):
        await seed.commitment(donor="DE", actor_id=actor)
    cycle_ids = [await open_cycle(evaluation, c) for c in CYCLES]
    for cycle_id in cycle_ids:
        await read(evaluation, cycle_id)  # both cycles kept, with the actor
    await seed.erase(erased)

    async with evaluation.app.state.db.transaction(readonly=True) as session:
        rows = await session.execute(text("SELECT cycle_id, actor_id FROM portfolio_items"))
        left = {actor_id for _, actor_id in rows}
        snapshots = await session.scalar(text("SELECT count(*) FROM portfolio_snapshots"))
    assert erased not in left  # before any read
    assert kept in left
    assert snapshots == 0  # totals that counted the actor are gone too
    assert [a["actor_id"] for a in (await read(evaluation, cycle_ids[0]))["actors"]] == [kept]


async def test_concurrent_readers_of_a_stale_portfolio_all_answer_the_same(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actors = [await seed.actor() for _ in range(5)]
    for actor in actors:
        await seed.commitment(donor="PL", actor_id=actor, amount="12.345", currency="EUR")
    cycle_id = await open_cycle(evaluation, CYCLES[0])
    await read(evaluation, cycle_id)
    await seed.commitment(donor="FR", actor_id=actors[0], amount="1")  # stale now

    answers = await asyncio.gather(*(page(evaluation, cycle_id, 2, None) for _ in range(6)))
    assert {a.content for a in answers} == {await recomputed(evaluation, cycle_id, 2, None)}
    current, kept = await versions(evaluation, cycle_id)
    assert kept == current


async def test_pages_follow_the_code_point_order_of_actor_ids(
    evaluation: ServiceClient, seed: Seed
) -> None:
    ids = ["act_b", "act_B", "act-z", "act_Z_1", "act_a-2", "act_a_1", "act_0"]
    for actor_id in ids:
        await seed.actor(actor_id=actor_id)
        await seed.commitment(donor="DE", actor_id=actor_id)
    cycle_id = await open_cycle(evaluation, CYCLES[0])
    await read(evaluation, cycle_id)  # kept
    seen, cursor = [], None
    while True:
        served = (await page(evaluation, cycle_id, 2, cursor)).json()
        seen += [a["actor_id"] for a in served["actors"]]
        if (cursor := served["next_cursor"]) is None:
            break
    assert seen == sorted(ids)
