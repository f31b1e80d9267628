"""Cycles, conflicts, blind assessments and scorecards against real SQLite and PostgreSQL."""

import asyncio
from typing import Any

import orjson
from agora_common.pagination import encode_cursor
from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

Seed = Any  # the `seed` fixture of conftest.py: feeds the read models via the real handlers

ADMIN = Caller("admin")
AGENCY_DE = Caller("agency", "DE")
CYCLE = {"name": "2026 round", "period": {"start": "2026-01-01", "end": "2026-12-31"}}


def scores(s: int, k: int, d: int) -> dict[str, int]:
    return {"standards_and_visions": s, "knowledge_generation": k, "domestic_outreach": d}


async def open_cycle(client: ServiceClient, body: dict[str, Any] = CYCLE) -> str:
    response = await client.post("/v1/evaluation/cycles", caller=ADMIN, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def assess(
    client: ServiceClient, cycle_id: str, who: Caller, actor_id: str, given: dict[str, int]
) -> Any:
    return await client.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=who,
        json={"actor_id": actor_id, "scores": given, "rationale": "Documented output."},
    )


async def outbox_events(client: ServiceClient) -> list[tuple[str, dict[str, Any]]]:
    db = client.app.state.db
    async with db.transaction(readonly=True) as session:
        rows = (
            await session.execute(select(outbox.c.subject, outbox.c.payload).order_by(outbox.c.seq))
        ).all()
    return [(r.subject, orjson.loads(r.payload)) for r in rows]


async def test_admin_opens_lists_and_closes_a_cycle(evaluation: ServiceClient) -> None:
    created = await evaluation.post("/v1/evaluation/cycles", caller=ADMIN, json=CYCLE)
    assert created.status_code == 201, created.text
    cycle = created.json()
    assert created.headers["location"] == f"/v1/evaluation/cycles/{cycle['id']}"
    assert cycle["status"] == "open"
    assert cycle["period"] == CYCLE["period"]
    assert cycle["progress"] == {"actors_assessed": 0, "assessments": 0, "complete_scorecards": 0}

    fetched = await evaluation.get(f"/v1/evaluation/cycles/{cycle['id']}", caller=AGENCY_DE)
    assert fetched.json() == cycle

    closed = await evaluation.post(f"/v1/evaluation/cycles/{cycle['id']}/close", caller=ADMIN)
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_at"].endswith("Z")
    again = await evaluation.post(f"/v1/evaluation/cycles/{cycle['id']}/close", caller=ADMIN)
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"

    events = await outbox_events(evaluation)
    assert [s for s, _ in events] == [
        "agora.evaluation.cycle_opened",
        "agora.evaluation.cycle_closed",
    ]
    opened, closed_event = (event for _, event in events)
    assert (opened["type"], opened["source"]) == (
        "agora.evaluation.cycle_opened.v1",
        "agora/evaluation",
    )
    assert opened["data"] == {
        "cycle_id": cycle["id"],
        "name": CYCLE["name"],
        "period": CYCLE["period"],
    }
    assert closed_event["type"] == "agora.evaluation.cycle_closed.v1"
    assert closed_event["data"] == {
        "cycle_id": cycle["id"],
        "name": CYCLE["name"],
        "period": CYCLE["period"],
        "closed_at": closed.json()["closed_at"],  # UTC with a Z suffix
        "actors_assessed": 0,
        "assessments": 0,
        "complete_scorecards": 0,
    }
    assert list(closed_event["data"]) == [
        "cycle_id",
        "name",
        "period",
        "closed_at",
        "actors_assessed",
        "assessments",
        "complete_scorecards",
    ]


async def test_cycles_are_paged_in_opening_order(evaluation: ServiceClient) -> None:
    ids = [await open_cycle(evaluation, {**CYCLE, "name": f"round {i}"}) for i in range(3)]
    first = await evaluation.get("/v1/evaluation/cycles", caller=ADMIN, params={"limit": 2})
    assert [c["id"] for c in first.json()["items"]] == ids[:2]
    cursor = first.json()["next_cursor"]
    second = await evaluation.get(
        "/v1/evaluation/cycles", caller=ADMIN, params={"limit": 2, "cursor": cursor}
    )
    assert [c["id"] for c in second.json()["items"]] == ids[2:]
    assert second.json()["next_cursor"] is None
    for params in ({"limit": 0}, {"limit": 201}, {"cursor": "garbage"}):
        response = await evaluation.get("/v1/evaluation/cycles", caller=ADMIN, params=params)
        assert response.status_code == 422, params


async def test_cycle_input_and_roles(evaluation: ServiceClient) -> None:
    backwards = {"name": "x", "period": {"start": "2026-12-31", "end": "2026-01-01"}}
    response = await evaluation.post("/v1/evaluation/cycles", caller=ADMIN, json=backwards)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", "period"]
    for who in (AGENCY_DE, Caller("evaluator")):
        response = await evaluation.post("/v1/evaluation/cycles", caller=who, json=CYCLE)
        assert response.status_code == 403
    cycle_id = await open_cycle(evaluation)
    response = await evaluation.post(f"/v1/evaluation/cycles/{cycle_id}/close", caller=AGENCY_DE)
    assert response.status_code == 403
    assert (await evaluation.get("/v1/evaluation/cycles/nope", caller=ADMIN)).status_code == 404
    response = await evaluation.post("/v1/evaluation/cycles/nope/close", caller=ADMIN)
    assert response.status_code == 404


async def test_assessment_then_scorecard(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    first = await assess(evaluation, cycle_id, Caller("evaluator", "FR"), actor, scores(1, 4, 2))
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["own"] is True
    assert body["evaluator_id"] is None
    assert body["scores"] == scores(1, 4, 2)

    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor}", caller=AGENCY_DE
    )
    assert card.json()["complete"] is False
    assert card.json()["assessments"] == 1

    await assess(evaluation, cycle_id, Caller("evaluator"), actor, scores(3, 4, 2))
    await assess(evaluation, cycle_id, Caller("evaluator", "SE"), actor, scores(2, 3, 2))
    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor}", caller=ADMIN
    )
    assert card.status_code == 200
    assert card.json() == {
        "cycle_id": cycle_id,
        "actor_id": actor,
        "assessments": 3,
        "complete": True,
        "disagreement": True,
        "standards_and_visions": {"median": 2.0, "min": 1, "max": 3},
        "knowledge_generation": {"median": 4.0, "min": 3, "max": 4},
        "domestic_outreach": {"median": 2.0, "min": 2, "max": 2},
    }
    progress = (await evaluation.get(f"/v1/evaluation/cycles/{cycle_id}", caller=ADMIN)).json()
    assert progress["progress"] == {
        "actors_assessed": 1,
        "assessments": 3,
        "complete_scorecards": 1,
    }

    events = [d for s, d in await outbox_events(evaluation) if s.endswith("assessment_submitted")]
    assert [e["data"]["assessments"] for e in events] == [1, 2, 3]
    for event in events:
        assert set(event["data"]) == {
            "assessment_id",
            "cycle_id",
            "actor_id",
            "assessments",
            "complete",
        }


async def test_bad_scores_are_refused_without_echo(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    for bad in (5, -1, 2.5, "3", True, None):
        given: dict[str, Any] = {**scores(2, 2, 2), "domestic_outreach": bad}
        response = await assess(evaluation, cycle_id, evaluator, actor, given)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["loc"] == ["body", "scores", "domestic_outreach"]
    missing = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=evaluator,
        json={"actor_id": actor, "scores": scores(1, 1, 1)},
    )
    assert missing.status_code == 422
    secret = "Secret-Rationale-Value"
    response = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=evaluator,
        json={
            "actor_id": actor,
            "scores": {**scores(1, 1, 1), "extra": secret},
            "rationale": secret,
        },
    )
    assert response.status_code == 422
    assert secret not in response.text
    # nothing was stored: a valid assessment afterwards is the first
    assert (
        await assess(evaluation, cycle_id, evaluator, actor, scores(1, 1, 1))
    ).status_code == 201


async def test_unknown_or_erased_actors_and_cycles(evaluation: ServiceClient, seed: Seed) -> None:
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    response = await assess(evaluation, cycle_id, evaluator, "act_unknown", scores(1, 1, 1))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "actor_id"]
    erased = await seed.actor()
    await seed.erase(erased)
    assert (
        await assess(evaluation, cycle_id, evaluator, erased, scores(1, 1, 1))
    ).status_code == 422
    actor = await seed.actor()
    assert (
        await assess(evaluation, "cyc_nope", evaluator, actor, scores(1, 1, 1))
    ).status_code == 404
    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{erased}", caller=ADMIN
    )
    assert card.status_code == 404


async def refused(response: Any, reason: str) -> None:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["reason"] == reason
    assert response.json()["status"] == 409


async def test_refused_after_declaring_a_conflict(evaluation: ServiceClient, seed: Seed) -> None:
    actor, other = await seed.actor(), await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator", "FR")
    declared = await evaluation.post(
        "/v1/evaluation/conflicts",
        caller=evaluator,
        json={"actor_id": actor, "reason": "Former colleague"},
    )
    assert declared.status_code == 201, declared.text
    assert declared.json()["actor_id"] == actor
    twice = await evaluation.post(
        "/v1/evaluation/conflicts", caller=evaluator, json={"actor_id": actor, "reason": "Again"}
    )
    assert twice.json()["id"] == declared.json()["id"]
    await refused(
        await assess(evaluation, cycle_id, evaluator, actor, scores(2, 2, 2)), "declared_conflict"
    )
    assert (
        await assess(evaluation, cycle_id, evaluator, other, scores(2, 2, 2))
    ).status_code == 201
    # only evaluators declare, and only about actors this service knows
    response = await evaluation.post(
        "/v1/evaluation/conflicts", caller=AGENCY_DE, json={"actor_id": actor, "reason": "x"}
    )
    assert response.status_code == 403
    response = await evaluation.post(
        "/v1/evaluation/conflicts", caller=evaluator, json={"actor_id": "act_nope", "reason": "x"}
    )
    assert response.status_code == 422


async def test_refused_when_the_evaluators_state_funds_the_actor_in_the_period(
    evaluation: ServiceClient, seed: Seed
) -> None:
    funded, outside, cancelled, by_other = [await seed.actor() for _ in range(4)]
    await seed.commitment(donor="DE", actor_id=funded, start="2025-06-01", end="2026-01-01")
    await seed.commitment(donor="DE", actor_id=outside, start="2027-01-01", end="2027-12-31")
    commitment = await seed.commitment(donor="DE", actor_id=cancelled)
    await seed.cancel(commitment, donor="DE", actor_id=cancelled)
    await seed.commitment(donor="FR", actor_id=by_other)
    cycle_id = await open_cycle(evaluation)
    german = Caller("evaluator", "DE")

    await refused(
        await assess(evaluation, cycle_id, german, funded, scores(2, 2, 2)), "state_funds_actor"
    )
    for actor in (outside, cancelled, by_other):
        assert (
            await assess(evaluation, cycle_id, german, actor, scores(2, 2, 2))
        ).status_code == 201
    # an evaluator without an affiliated state, or of another state, is not affected
    assert (
        await assess(evaluation, cycle_id, Caller("evaluator"), funded, scores(2, 2, 2))
    ).status_code == 201
    assert (
        await assess(evaluation, cycle_id, Caller("evaluator", "FR"), funded, scores(2, 2, 2))
    ).status_code == 201
    # a pledged (not yet committed) permit without an amount counts as well
    permitted = await seed.actor()
    await seed.commitment(
        donor="DE", actor_id=permitted, amount=None, currency=None, instrument="residence_permit"
    )
    await refused(
        await assess(evaluation, cycle_id, german, permitted, scores(2, 2, 2)), "state_funds_actor"
    )


async def test_refused_twice_and_after_closing(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    assert (
        await assess(evaluation, cycle_id, evaluator, actor, scores(2, 2, 2))
    ).status_code == 201
    await refused(
        await assess(evaluation, cycle_id, evaluator, actor, scores(3, 3, 3)), "already_assessed"
    )
    await evaluation.post(f"/v1/evaluation/cycles/{cycle_id}/close", caller=ADMIN)
    late = Caller("evaluator")
    await refused(await assess(evaluation, cycle_id, late, actor, scores(3, 3, 3)), "cycle_closed")
    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor}", caller=ADMIN
    )
    assert card.json()["assessments"] == 1
    # the same evaluator may assess the same actor again in another cycle
    next_cycle = await open_cycle(evaluation)
    assert (
        await assess(evaluation, next_cycle, evaluator, actor, scores(3, 3, 3))
    ).status_code == 201


async def test_blind_until_own_assessment_on_every_read_path(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor, elsewhere = await seed.actor(), await seed.actor()
    cycle_id = await open_cycle(evaluation)
    first, second = Caller("evaluator", "FR"), Caller("evaluator", "SE")
    mine = (await assess(evaluation, cycle_id, first, actor, scores(4, 4, 4))).json()
    await assess(evaluation, cycle_id, first, elsewhere, scores(0, 0, 0))
    path = f"/v1/evaluation/cycles/{cycle_id}/assessments"

    async def visible(who: Caller, **params: str) -> list[dict[str, Any]]:
        response = await evaluation.get(path, caller=who, params=params)
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    # before submitting: nothing of others, filtered or not
    assert await visible(second, actor_id=actor) == []
    assert await visible(second) == []
    # scorecards and reports are closed to evaluators altogether
    for read in (
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor}",
        f"/v1/evaluation/reports/portfolio?cycle_id={cycle_id}",
        f"/v1/evaluation/reports/representation?cycle_id={cycle_id}",
    ):
        assert (await evaluation.get(read, caller=second)).status_code == 403, read
    # the refusal of a second submission shows nothing either
    own = (await assess(evaluation, cycle_id, second, actor, scores(1, 2, 3))).json()
    seen = await visible(second, actor_id=actor)
    assert {a["id"] for a in seen} == {mine["id"], own["id"]}
    theirs = next(a for a in seen if a["id"] == mine["id"])
    assert theirs["own"] is False
    assert theirs["evaluator_id"] is None
    assert theirs["scores"] == scores(4, 4, 4)
    # still blind for the actor it has not assessed
    assert {a["actor_id"] for a in await visible(second)} == {actor}
    # admins see everything, with who gave it; agencies never read assessments
    everything = await visible(ADMIN)
    assert len(everything) == 3
    assert {a["evaluator_id"] for a in everything} == {first.client_id, second.client_id}
    assert (await evaluation.get(path, caller=AGENCY_DE)).status_code == 403


async def test_assessments_are_paged(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    for _ in range(3):
        await assess(evaluation, cycle_id, Caller("evaluator"), actor, scores(2, 2, 2))
    path = f"/v1/evaluation/cycles/{cycle_id}/assessments"
    page = (await evaluation.get(path, caller=ADMIN, params={"limit": 2})).json()
    rest = (
        await evaluation.get(path, caller=ADMIN, params={"limit": 2, "cursor": page["next_cursor"]})
    ).json()
    ids = [a["id"] for a in page["items"] + rest["items"]]
    assert len(set(ids)) == 3
    assert rest["next_cursor"] is None


async def test_hostile_input_is_a_422_never_a_500(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    forged = encode_cursor("2026-01-01T00:00:00", "x")  # a timestamp without a zone
    for path, params in (
        ("/v1/evaluation/cycles", {"cursor": forged}),
        (f"/v1/evaluation/cycles/{cycle_id}/assessments", {"cursor": forged}),
        (f"/v1/evaluation/cycles/{cycle_id}/assessments", {"actor_id": "a\x00b"}),
        ("/v1/evaluation/reports/portfolio", {"cycle_id": "c'--"}),
    ):
        response = await evaluation.get(path, caller=ADMIN, params=params)
        assert response.status_code == 422, (path, params)
    nul = await evaluation.post(
        "/v1/evaluation/cycles", caller=ADMIN, json={**CYCLE, "name": "round\x00one"}
    )
    assert nul.status_code == 422
    nul = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=evaluator,
        json={"actor_id": actor, "scores": scores(1, 1, 1), "rationale": "fine\x00"},
    )
    assert nul.status_code == 422
    response = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/bad%00id", caller=ADMIN
    )
    assert response.status_code == 422


async def test_concurrent_submissions_count_once(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    responses = await asyncio.gather(
        *(assess(evaluation, cycle_id, evaluator, actor, scores(2, 2, 2)) for _ in range(5)),
        evaluation.post(f"/v1/evaluation/cycles/{cycle_id}/close", caller=ADMIN),
    )
    *submitted, closed = responses
    assert closed.status_code == 200
    statuses = sorted(r.status_code for r in submitted)
    assert statuses.count(201) <= 1
    assert set(statuses) <= {201, 409}
    card = await evaluation.get(
        f"/v1/evaluation/cycles/{cycle_id}/scorecards/{actor}", caller=ADMIN
    )
    assert card.json()["assessments"] == statuses.count(201)
