"""Impact evaluation through the gateway: one cycle, two actors, three evaluators, activities.

A commitment made by a state reaches the evaluation service as an event and makes that state's
evaluator ineligible for the actor; assessments stay blind on every read path.
"""

from __future__ import annotations

from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
CRITERIA = ("standards_and_visions", "knowledge_generation", "domestic_outreach")


def scores(*given: int) -> dict[str, int]:
    return dict(zip(CRITERIA, given, strict=True))


async def register(agency: httpx.AsyncClient, name: str, sector: str) -> str:
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": name,
            "sectors": [sector],
            "host_country": "LT",
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def commit(agency: httpx.AsyncClient, actor_id: str) -> None:
    async def known_to_funding() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)
    made = await agency.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "60000.00",
            "currency": "EUR",
            "period": {"start": "2026-03-01", "end": "2027-02-28"},
            "purposes": ["domestic_outreach"],
            "status": "committed",
        },
    )
    assert made.status_code == 201, made.text


async def assess(
    evaluator: httpx.AsyncClient, cycle_id: str, actor_id: str, given: dict[str, int]
) -> httpx.Response:
    return await evaluator.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        json={"actor_id": actor_id, "scores": given, "rationale": "Output reviewed in full."},
    )


async def activity(
    agency: httpx.AsyncClient, cycle_id: str, actor_id: str, kind: str, parts: tuple[int, int, int]
) -> None:
    total, women, non_russian = parts
    created = await agency.post(
        "/v1/evaluation/activities",
        json={
            "actor_id": actor_id,
            "cycle_id": cycle_id,
            "kind": kind,
            "title": f"Supported {kind}",
            "date": "2026-05-15",
            "participants": {
                "total": total,
                "women": women,
                "non_russian_ethnic_origin": non_russian,
            },
            "audience_inside_russia": 5000 if kind == "broadcast" else None,
        },
    )
    assert created.status_code == 201, created.text


async def portfolio_actors(client: httpx.AsyncClient, cycle_id: str) -> list[Any]:
    """Every actor of the paged portfolio (the shared platform holds other tests' actors too)."""
    actors: list[Any] = []
    cursor = None
    while True:
        params = {"cycle_id": cycle_id, "limit": "200", **({"cursor": cursor} if cursor else {})}
        report = await client.get("/v1/evaluation/reports/portfolio", params=params)
        assert report.status_code == 200, report.text
        actors += report.json()["actors"]
        cursor = report.json()["next_cursor"]
        if cursor is None:
            return actors


async def test_one_cycle_end_to_end(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    evaluator_de = await agora.client("evaluator", "DE")
    evaluator_fr = await agora.client("evaluator", "FR")
    evaluator_free = await agora.client("evaluator")
    evaluator_ids = [c.client_id for c in (evaluator_de, evaluator_fr, evaluator_free)]  # type: ignore[attr-defined]

    media = await register(de, "Exiled Newsroom", "independent_media")
    research = await register(fr, "Free Research Centre", "research")
    opened = await agora.admin.post(
        "/v1/evaluation/cycles", json={"name": "Evaluation 2026", "period": PERIOD}
    )
    assert opened.status_code == 201, opened.text
    cycle_id = opened.json()["id"]
    base = f"/v1/evaluation/cycles/{cycle_id}"

    # Both registrations reach the evaluation service as events.
    for actor_id in (media, research):

        async def known(actor_id: str = actor_id) -> bool:
            return (await de.get(f"{base}/scorecards/{actor_id}")).status_code == 200

        await eventually(known)

    # DE funds the newsroom, FR the research centre; evaluation learns it from funding events.
    await commit(de, media)
    await commit(fr, research)

    async def funding_arrived() -> bool:
        actors = await portfolio_actors(de, cycle_id)
        donors = {a["actor_id"]: {f["donor"] for f in a["funding"]} for a in actors}
        return donors.get(media) == {"DE"} and donors.get(research) == {"FR"}

    await eventually(funding_arrived)
    refused = await assess(evaluator_de, cycle_id, media, scores(4, 4, 4))
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["reason"] == "state_funds_actor"
    refused = await assess(evaluator_fr, cycle_id, research, scores(4, 4, 4))
    assert refused.json()["reason"] == "state_funds_actor"

    # A declared conflict is refused as well, with its own reason.
    declared = await evaluator_free.post(
        "/v1/evaluation/conflicts", json={"actor_id": research, "reason": "Co-author in 2021"}
    )
    assert declared.status_code == 201, declared.text
    refused = await assess(evaluator_free, cycle_id, research, scores(1, 1, 1))
    assert refused.json()["reason"] == "declared_conflict"

    # The unaffiliated evaluator assesses the newsroom first.
    first = await assess(evaluator_free, cycle_id, media, scores(4, 3, 3))
    assert first.status_code == 201, first.text

    # Blind: before its own assessment the FR evaluator sees nothing of it, on any read path.
    for params in ({"actor_id": media}, {}):
        seen = await evaluator_fr.get(f"{base}/assessments", params=params)
        assert seen.status_code == 200
        assert seen.json()["items"] == []
    for path, params in (
        (f"{base}/scorecards/{media}", {}),
        ("/v1/evaluation/reports/portfolio", {"cycle_id": cycle_id}),
        ("/v1/evaluation/reports/representation", {"cycle_id": cycle_id}),
        ("/v1/coordination/overview", {}),
    ):
        assert (await evaluator_fr.get(path, params=params)).status_code == 403, path
    progress = (await evaluator_fr.get(base)).json()
    assert "scores" not in str(progress)
    second = await assess(evaluator_fr, cycle_id, media, scores(2, 3, 1))
    assert second.status_code == 201, second.text
    seen = (await evaluator_fr.get(f"{base}/assessments", params={"actor_id": media})).json()
    assert sorted(tuple(a["scores"].values()) for a in seen["items"]) == [(2, 3, 1), (4, 3, 3)]
    assert [a["own"] for a in seen["items"]] == [False, True]
    assert all(a["evaluator_id"] is None for a in seen["items"])
    assert not any(i in str(seen) for i in evaluator_ids)

    # The DE evaluator may assess the research centre, which DE does not fund.
    assert (await assess(evaluator_de, cycle_id, research, scores(3, 3, 4))).status_code == 201
    assert (await assess(evaluator_de, cycle_id, research, scores(3, 3, 4))).json()["reason"] == (
        "already_assessed"
    )
    evaluator_se = await agora.client("evaluator", "SE")
    assert (await assess(evaluator_se, cycle_id, research, scores(1, 2, 4))).status_code == 201

    # Agencies read scorecards, never who gave which score, and never the assessments.
    card = await de.get(f"{base}/scorecards/{media}")
    assert card.json()["standards_and_visions"] == {"median": 3.0, "min": 2, "max": 4}
    assert (card.json()["complete"], card.json()["disagreement"]) == (True, True)
    assert not any(i in card.text for i in evaluator_ids)
    research_card = (await fr.get(f"{base}/scorecards/{research}")).json()
    assert research_card["domestic_outreach"] == {"median": 4.0, "min": 4, "max": 4}
    assert (await de.get(f"{base}/assessments")).status_code == 403

    # Activities in aggregate, then the reports.
    await activity(de, cycle_id, media, "event", (40, 21, 7))
    await activity(de, cycle_id, media, "broadcast", (3, 2, 0))
    await activity(fr, cycle_id, research, "programme", (30, 12, 6))
    representation = (
        await fr.get("/v1/evaluation/reports/representation", params={"cycle_id": cycle_id})
    ).json()
    assert representation["participants"] == 73
    assert representation["women_share"] == round(35 / 73, 4)
    assert representation["meets_targets"] is True
    per_donor = {d["donor"]: d for d in representation["per_donor"]}
    assert per_donor["DE"]["women_share"] == round(23 / 43, 4)
    assert per_donor["FR"]["meets_targets"] is False  # 40% women
    newsroom = next(
        a for a in await portfolio_actors(agora.admin, cycle_id) if a["actor_id"] == media
    )
    assert newsroom["funding"][0]["committed"] == "60000.00"
    assert newsroom["scorecard"]["assessments"] == 2

    # Closing ends the cycle's assessments.
    closed = await agora.admin.post(f"{base}/close")
    assert closed.status_code == 200, closed.text
    assert closed.json()["progress"] == {
        "actors_assessed": 2,
        "assessments": 4,
        "complete_scorecards": 2,
    }
    late = await assess(evaluator_se, cycle_id, media, scores(2, 2, 2))
    assert late.json()["reason"] == "cycle_closed"


async def test_bad_input_through_the_gateway_is_a_problem(agora: Agora) -> None:
    evaluator: Any = await agora.client("evaluator")
    response = await evaluator.post(
        "/v1/evaluation/cycles/nope/assessments",
        json={"actor_id": "x", "scores": scores(9, 0, 0), "rationale": "r"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
