"""One coordination story end to end through the gateway (issue 14's walk-through).

Two states fund the same journalist and both are told; they agree on co-funding as a programme;
a third state registers the same person under a Latin spelling and both custodians see the match;
a permit is renewed; an evaluation cycle is assigned and completed; the portfolio shows it in EUR
by region. Run with ``-s`` to read the story as it happens.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

# A surname of this run only, in letters every transliteration scheme writes alike.
_LETTERS = {"а": "a", "б": "b", "д": "d", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
            "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f"}  # fmt: skip
_RUN = "".join(secrets.choice(list(_LETTERS)) for _ in range(8))
CYRILLIC = f"Елена Смирнова-{_RUN}"
LATIN = f"Elena Smirnova-{''.join(_LETTERS[c] for c in _RUN)}"
YEAR = "2063"
CYCLE = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
FUNDED = {"start": f"{YEAR}-02-01", "end": f"{YEAR}-11-30"}
SCORES = {"standards_and_visions": 3, "knowledge_generation": 3, "domestic_outreach": 4}


def say(line: str) -> None:
    print(f"  · {line}")


def day(offset: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()


async def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def all_items(client: httpx.AsyncClient, path: str, **params: str) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        query = {**params, "limit": "200", **({"cursor": cursor} if cursor else {})}
        page = await ok(await client.get(path, params=query))
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def commit(agency: httpx.AsyncClient, actor_id: str, amount: str, currency: str) -> Any:
    return await ok(
        await agency.post(
            "/v1/funding/commitments",
            json={
                "actor_id": actor_id,
                "instrument": "grant",
                "amount": amount,
                "currency": currency,
                "period": FUNDED,
                "purposes": ["public_debate", "domestic_outreach"],
            },
        ),
        201,
    )


async def test_two_states_coordinate_around_one_journalist(agora: Agora) -> None:
    de, fr, pl = await agora.agency("DE"), await agora.agency("FR"), await agora.agency("PL")
    print()

    # DE registers a journalist from Tatarstan, now in Berlin.
    journalist = await ok(
        await de.post(
            "/v1/actors",
            json={
                "kind": "individual",
                "public_name": f"Independent reporter {_RUN}",
                "legal_name": CYRILLIC,
                "sectors": ["independent_media"],
                "activities": ["domestic_outreach", "war_crimes_documentation"],
                "host_country": "DE",
                "origin_region": "RU-TA",
                "contact": {"email": f"reporter.{_RUN}@example.org"},
            },
        ),
        201,
    )
    actor_id = journalist["id"]
    say(f"DE registers the journalist {actor_id} (custodian DE)")

    async def known_to_funding() -> bool:
        return (await fr.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)

    # Two states fund the same journalist; both are told of the overlap.
    de_commitment = await commit(de, actor_id, "24000.00", "EUR")
    fr_commitment = await commit(fr, actor_id, "18000.00", "USD")
    [overlap] = fr_commitment["overlaps"]
    assert (overlap["donor"], overlap["commitment_id"]) == ("DE", de_commitment["id"])
    say(
        f"FR commits 18,000 USD; its 201 names DE's overlapping commitment (notice {overlap['overlap_id']})"
    )
    for state, agency in (("DE", de), ("FR", fr)):
        notices = await all_items(agency, "/v1/funding/overlaps", status="open")
        assert overlap["overlap_id"] in {n["id"] for n in notices}, state
    say("both DE and FR find the open notice in GET /v1/funding/overlaps")

    # They agree on co-funding, as a joint programme.
    await ok(
        await de.post(
            f"/v1/funding/overlaps/{overlap['overlap_id']}/resolve",
            json={"resolution": "co_funding", "note": "Agreed: DE salary, FR equipment."},
        )
    )
    [notice] = [
        n
        for n in await all_items(fr, "/v1/funding/overlaps", status="resolved")
        if n["id"] == overlap["overlap_id"]
    ]
    assert (notice["resolution"], notice["resolved_by"]) == ("co_funding", "DE")
    programme = await ok(
        await fr.post(
            "/v1/funding/programmes",
            json={"name": f"Free Tatar press {_RUN}", "donors": ["DE", "FR"]},
        ),
        201,
    )
    say(f"DE resolves it as co_funding, FR sees it; FR creates programme {programme['id']}")

    # A third state registers the same person under a Latin spelling: both custodians see it.
    registered = await ok(
        await pl.post(
            "/v1/actors",
            json={
                "kind": "individual",
                "public_name": "E. S.",
                "legal_name": LATIN,
                "sectors": ["independent_media"],
                "host_country": "PL",
                "contact": {"email": f"es.{_RUN}@example.pl"},
            },
        ),
        201,
    )
    assert registered["possible_duplicates"] == [
        {"custodian_state": "DE", "matched_on": ["legal_name"]}
    ]
    assert actor_id not in str(registered)
    de_matches = [
        m for m in await all_items(de, "/v1/actors/duplicates") if m["actor_id"] == actor_id
    ]
    assert de_matches[0]["possible_duplicates"] == [
        {"custodian_state": "PL", "matched_on": ["legal_name"]}
    ]
    assert registered["id"] not in str(de_matches)
    say(f"PL registers {LATIN!r}: told DE holds a match; DE is told PL does; no ids cross")

    # A permit is renewed and no longer counts as expiring.
    permit = await ok(
        await de.post(
            f"/v1/actors/{actor_id}/permits",
            json={"type": "residence", "valid_from": day(-300), "valid_until": day(20)},
        ),
        201,
    )
    expiring = "/v1/actors/permits/expiring"
    assert permit["id"] in {p["id"] for p in await all_items(de, expiring, within_days="30")}
    await ok(
        await de.patch(
            f"/v1/actors/{actor_id}/permits/{permit['id']}", json={"valid_until": day(385)}
        )
    )
    assert permit["id"] not in {p["id"] for p in await all_items(de, expiring, within_days="30")}
    say(f"DE's residence permit ending {day(20)} is renewed to {day(385)}: no longer expiring")

    # An evaluation cycle is assigned and completed.
    evaluators = [await agora.client("evaluator"), await agora.client("evaluator")]
    for evaluator in evaluators:
        await ok(await evaluator.put("/v1/evaluation/evaluators/me"))
    await ok(
        await agora.admin.put(
            "/v1/funding/fx-rates/USD", json={"eur_per_unit": "0.9", "as_of": f"{YEAR}-01-01"}
        )
    )
    cycle = await ok(
        await agora.admin.post(
            "/v1/evaluation/cycles", json={"name": f"Evaluation {YEAR} {_RUN}", "period": CYCLE}
        ),
        201,
    )
    base = f"/v1/evaluation/cycles/{cycle['id']}"
    portfolio = "/v1/evaluation/reports/portfolio"

    async def funding_reached_evaluation() -> bool:
        report = await ok(await de.get(portfolio, params={"cycle_id": cycle["id"]}))
        mine = [a for a in report["actors"] if a["actor_id"] == actor_id]
        return bool(mine and mine[0].get("committed_eur") == "40200.00")

    await eventually(funding_reached_evaluation)
    run = await ok(await agora.admin.post(f"{base}/assignments"))
    assigned = {
        a["evaluator_id"]
        for a in await all_items(agora.admin, f"{base}/assignments")
        if a["actor_id"] == actor_id
    }
    assert len(assigned) >= 2
    say(f"cycle {cycle['id']}: {run['assignments']} assignments, the journalist to {len(assigned)}")
    for evaluator in evaluators:  # unaffiliated: eligible whoever the roster assigned
        await ok(
            await evaluator.post(
                f"{base}/assessments",
                json={"actor_id": actor_id, "scores": SCORES, "rationale": "Read a year of work."},
            ),
            201,
        )
    # An activity funded by DE's commitment counts for DE alone in representation per donor.
    await ok(
        await de.post(
            "/v1/evaluation/activities",
            json={
                "actor_id": actor_id,
                "cycle_id": cycle["id"],
                "commitment_id": de_commitment["id"],
                "kind": "publication",
                "title": "Reporting from Kazan",
                "date": f"{YEAR}-05-01",
                "participants": {"total": 40, "women": 21, "non_russian_ethnic_origin": 12},
            },
        ),
        201,
    )
    representation = await ok(
        await de.get("/v1/evaluation/reports/representation", params={"cycle_id": cycle["id"]})
    )
    per_donor = {d["donor"]: d["participants"] for d in representation["per_donor"]}
    assert per_donor.get("DE") == 40
    assert not per_donor.get("FR")  # FR co-funds the journalist, but not this activity
    say("an activity linked to DE's commitment counts for DE, not for FR, per donor")
    progress = await all_items(agora.admin, f"{base}/progress")
    assert actor_id not in {p["actor_id"] for p in progress}
    await ok(await agora.admin.post(f"{base}/close"))
    history = await ok(await fr.get(f"/v1/evaluation/actors/{actor_id}/history"))
    [entry] = [h for h in history["items"] if h["cycle_id"] == cycle["id"]]
    assert entry["scorecard"]["complete"] is True
    say("two blind assessments; progress no longer lists the journalist; the cycle is closed")
    median = entry["scorecard"]["domestic_outreach"]["median"]
    say(f"history: the scorecard is complete, domestic outreach median {median}")

    # The portfolio shows it in EUR by region.
    report = await ok(await de.get(portfolio, params={"cycle_id": cycle["id"], "limit": "200"}))
    [item] = [a for a in report["actors"] if a["actor_id"] == actor_id]
    assert item["committed_eur"] == "40200.00"  # 24,000 EUR + 18,000 USD × 0.9
    regions = {r["origin_region"]: r["committed_eur"] for r in report["totals"]["by_region"]}
    assert "RU-TA" in regions
    say(f"portfolio: the journalist 40,200.00 EUR; RU-TA in the cycle {regions['RU-TA']} EUR")
