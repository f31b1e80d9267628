"""Confidential funding, erasure and free text against real SQLite and PostgreSQL."""

from typing import Any

from agora_common.testing.client import Caller, ServiceClient
from evaluation.events import handlers
from evaluation.funding_view.models import FundedCommitment
from sqlalchemy import func, select

Seed = Any  # the `seed` fixture of conftest.py: feeds the read models via the real handlers

ADMIN = Caller("admin")
AGENCY_FR = Caller("agency", "FR")
CYCLE = {"name": "2026 round", "period": {"start": "2026-01-01", "end": "2026-12-31"}}
SCORES = {"standards_and_visions": 2, "knowledge_generation": 2, "domestic_outreach": 2}


async def open_cycle(client: ServiceClient) -> str:
    response = await client.post("/v1/evaluation/cycles", caller=ADMIN, json=CYCLE)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def activity(client: ServiceClient, actor_id: str, cycle_id: str) -> None:
    response = await client.post(
        "/v1/evaluation/activities",
        caller=AGENCY_FR,
        json={
            "actor_id": actor_id,
            "cycle_id": cycle_id,
            "kind": "event",
            "title": "Public debate",
            "date": "2026-05-04",
            "participants": {"total": 20, "women": 10, "non_russian_ethnic_origin": 4},
        },
    )
    assert response.status_code == 201, response.text


async def report(client: ServiceClient, name: str, cycle_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/v1/evaluation/reports/{name}", caller=AGENCY_FR, params={"cycle_id": cycle_id}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def funded_rows(client: ServiceClient, actor_id: str) -> list[FundedCommitment]:
    async with client.app.state.db.transaction(readonly=True) as session:
        query = select(FundedCommitment).where(FundedCommitment.actor_id == actor_id)
        return list((await session.execute(query)).scalars().all())


async def test_a_confidential_commitment_counts_for_conflicts_but_in_no_report(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    await activity(evaluation, actor, cycle_id)
    await seed.commitment(donor="FR", actor_id=actor, amount="40000.00")
    # A producer that (wrongly) still sent the amount: the read model drops it all the same.
    await seed.commitment(donor="DE", actor_id=actor, amount="987654.00", confidential=True)

    [secret] = [row for row in await funded_rows(evaluation, actor) if row.confidential]
    assert (secret.amount, secret.currency) == (None, None)
    # DE's evaluators may not assess an actor DE funds, confidentially or not.
    refused = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=Caller("evaluator", "DE"),
        json={"actor_id": actor, "scores": SCORES, "rationale": "Seen their work."},
    )
    assert (refused.status_code, refused.json()["reason"]) == (409, "state_funds_actor")

    portfolio = await report(evaluation, "portfolio", cycle_id)
    [item] = portfolio["actors"]
    assert [(f["donor"], f["committed"], f["commitments"]) for f in item["funding"]] == [
        ("FR", "40000.00", 1)
    ]
    assert [d["donor"] for d in portfolio["totals"]["per_donor"]] == ["FR"]
    assert portfolio["totals"]["funding"] == [{"currency": "EUR", "committed": "40000.00"}]
    representation = await report(evaluation, "representation", cycle_id)
    assert [d["donor"] for d in representation["per_donor"]] == ["FR"]
    assert "987654" not in str(portfolio) + str(representation)

    # A disbursement of the confidential commitment brings no total along either.
    await seed.apply(
        handlers.on_commitment_changed,
        "agora.funding.disbursement_recorded.v1",
        {
            "commitment_id": secret.commitment_id,
            "donor": "DE",
            "actor_id": actor,
            "status": "committed",
            "version": 2,
            "date": "2026-02-01",
            "amount": "1000.00",
            "disbursed_total": "1000.00",
            "confidential": True,
        },
    )
    [secret] = [row for row in await funded_rows(evaluation, actor) if row.confidential]
    assert (secret.version, secret.disbursed_total) == (2, None)


async def test_erasure_forgets_the_actors_funding(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    kept = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    first = await seed.commitment(donor="FR", actor_id=actor)
    await seed.commitment(donor="DE", actor_id=actor, confidential=True)
    await seed.commitment(donor="FR", actor_id=kept)
    assert len(await funded_rows(evaluation, actor)) == 2

    await seed.erase(actor)
    assert await funded_rows(evaluation, actor) == []
    assert len(await funded_rows(evaluation, kept)) == 1
    # Funding facts arriving late (redelivered, or published just before the erasure) are
    # dropped: nothing names the actor again.
    await seed.commitment(donor="NL", actor_id=actor)
    await seed.cancel(first, donor="FR", actor_id=actor, version=3)
    assert await funded_rows(evaluation, actor) == []
    async with evaluation.app.state.db.transaction(readonly=True) as session:
        assert await session.scalar(select(func.count()).select_from(FundedCommitment)) == 1

    for name in ("portfolio", "representation"):
        assert actor not in str(await report(evaluation, name, cycle_id)), name
    # A DE evaluator may assess the kept actor; the erased one is simply unknown (422).
    refused = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=Caller("evaluator", "DE"),
        json={"actor_id": actor, "scores": SCORES, "rationale": "Seen their work."},
    )
    assert refused.status_code == 422


RLO, ZWJ = "\u202e", "\u200d"


async def test_bidi_overrides_and_invisible_characters_are_refused_without_echo(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    evaluator = Caller("evaluator")
    cases: list[tuple[str, Caller, dict[str, Any], list[str]]] = [
        ("/v1/evaluation/cycles", ADMIN, {**CYCLE, "name": f"round{RLO}eno"}, ["body", "name"]),
        ("/v1/evaluation/cycles", ADMIN, {**CYCLE, "name": "two\nlines"}, ["body", "name"]),
        (
            f"/v1/evaluation/cycles/{cycle_id}/assessments",
            evaluator,
            {"actor_id": actor, "scores": SCORES, "rationale": f"fine{ZWJ}work"},
            ["body", "rationale"],
        ),
        (
            "/v1/evaluation/conflicts",
            evaluator,
            {"actor_id": actor, "reason": f"my {RLO}brother"},
            ["body", "reason"],
        ),
        (
            "/v1/evaluation/activities",
            AGENCY_FR,
            {
                "actor_id": actor,
                "cycle_id": cycle_id,
                "kind": "event",
                "title": f"Debate{ZWJ}",
                "date": "2026-05-04",
                "participants": {"total": 20, "women": 10, "non_russian_ethnic_origin": 4},
            },
            ["body", "title"],
        ),
        (
            "/v1/evaluation/conflicts",
            evaluator,
            {"actor_id": actor, "reason": "bell\x85"},  # a C1 control (NEL)
            ["body", "reason"],
        ),
    ]
    for path, caller, body, loc in cases:
        response = await evaluation.post(path, caller=caller, json=body)
        assert response.status_code == 422, (path, loc)
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["loc"] for e in response.json()["errors"]] == [loc]
        text = response.text.lower()
        assert RLO not in response.text
        assert ZWJ not in response.text
        assert "\\u202e" not in text
        assert "\\u200d" not in text
        assert "brother" not in text
        assert "eno" not in text
    # Ordinary text in any script, and a rationale over several lines, is welcome.
    fine = await evaluation.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        caller=evaluator,
        json={"actor_id": actor, "scores": SCORES, "rationale": "Хорошая работа.\n\tSecond line."},
    )
    assert fine.status_code == 201, fine.text
