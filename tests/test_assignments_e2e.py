"""An evaluation cycle assigned and completed through the gateway: evaluators enrol, the admin
assigns, the assigned evaluators assess, progress empties, the actor's history shows the
scorecard and the portfolio gives the cycle's funding in EUR by region.

The platform is shared by the session: other tests' evaluators may be on the roster too, so the
assertions hold for any roster (each actor two eligible evaluators, never an ineligible one).
"""

from __future__ import annotations

from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

PERIOD = {"start": "2061-01-01", "end": "2061-12-31"}
SCORES = {"standards_and_visions": 3, "knowledge_generation": 4, "domestic_outreach": 2}


async def register(agency: httpx.AsyncClient, name: str, region: str) -> str:
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": name,
            "sectors": ["research"],
            "host_country": "LT",
            "origin_region": region,
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def fund(agency: httpx.AsyncClient, actor_id: str, amount: str, currency: str) -> None:
    async def known_to_funding() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)
    made = await agency.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": amount,
            "currency": currency,
            "period": {"start": "2061-02-01", "end": "2061-11-30"},
            "purposes": ["public_debate"],
            "status": "committed",
        },
    )
    assert made.status_code == 201, made.text


async def pages(client: httpx.AsyncClient, path: str, **params: str) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        query = {**params, "limit": "50", **({"cursor": cursor} if cursor else {})}
        page = await client.get(path, params=query)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


async def test_a_cycle_assigned_assessed_and_reported_in_eur(agora: Agora) -> None:
    de = await agora.agency("DE")
    fr = await agora.agency("FR")
    evaluators: dict[str, Any] = {
        "DE": await agora.client("evaluator", "DE"),
        "FR": await agora.client("evaluator", "FR"),
        "none": await agora.client("evaluator"),
    }
    for evaluator in evaluators.values():
        enrolled = await evaluator.put("/v1/evaluation/evaluators/me")
        assert enrolled.status_code == 200, enrolled.text
    ids = {key: e.client_id for key, e in evaluators.items()}
    roster = await pages(agora.admin, "/v1/evaluation/evaluators")
    assert {e["client_id"]: e["state"] for e in roster if e["client_id"] in ids.values()} == {
        ids["DE"]: "DE",
        ids["FR"]: "FR",
        ids["none"]: None,
    }

    tatar = await register(de, "Kazan Policy Lab", "RU-TA")
    sakha = await register(fr, "Yakutsk Archive", "RU-SA")
    rate = await agora.admin.put(
        "/v1/funding/fx-rates/ISK", json={"eur_per_unit": "0.0065", "as_of": "2061-01-01"}
    )
    assert rate.status_code == 200, rate.text
    await fund(de, tatar, "100000", "ISK")  # DE funds the Tatar lab: DE's evaluator is out
    await fund(fr, sakha, "5000.00", "EUR")
    await fund(fr, sakha, "1000.00", "XAF")  # no rate for XAF: said so, not guessed

    opened = await agora.admin.post(
        "/v1/evaluation/cycles", json={"name": "Evaluation 2061", "period": PERIOD}
    )
    assert opened.status_code == 201, opened.text
    cycle_id = opened.json()["id"]
    base = f"/v1/evaluation/cycles/{cycle_id}"
    portfolio_path = "/v1/evaluation/reports/portfolio"

    async def funding_and_rate_arrived() -> bool:
        report = (await de.get(portfolio_path, params={"cycle_id": cycle_id})).json()
        items = {a["actor_id"]: a for a in report["actors"]}
        return (
            tatar in items
            and sakha in items
            and len(items[sakha]["funding"]) == 2
            and items[tatar]["committed_eur"] == "650.00"
        )

    await eventually(funding_and_rate_arrived)

    # Assignment: two eligible evaluators per funded actor; a rerun changes nothing.
    run = await agora.admin.post(f"{base}/assignments")
    assert run.status_code == 200, run.text
    assert {k: run.json()[k] for k in ("actors", "actors_assigned", "assignments")} == {
        "actors": 2,
        "actors_assigned": 2,
        "assignments": 4,
    }
    assert (await agora.admin.post(f"{base}/assignments")).json()["created"] == 0
    assigned: dict[str, set[str]] = {}
    for item in await pages(agora.admin, f"{base}/assignments"):
        assigned.setdefault(item["actor_id"], set()).add(item["evaluator_id"])
    assert {a: len(e) for a, e in assigned.items()} == {tatar: 2, sakha: 2}
    assert ids["DE"] not in assigned[tatar]
    assert ids["FR"] not in assigned[sakha]
    for key, evaluator in evaluators.items():
        own = await pages(evaluator, f"{base}/assignments")
        assert {i["evaluator_id"] for i in own} <= {ids[key]}
        assert {i["actor_id"] for i in own} == {a for a, e in assigned.items() if ids[key] in e}
    assert (await de.get(f"{base}/assignments")).status_code == 403

    progress = await pages(de, f"{base}/progress")
    assert {p["actor_id"] for p in progress} == {tatar, sakha}

    # Every actor gets its two assessments: from its assigned evaluators where they are ours,
    # else from our unaffiliated one or the other state's (both eligible).
    eligible = {tatar: ["FR", "none"], sakha: ["DE", "none"]}
    for actor_id, keys in eligible.items():
        ours = [k for k in keys if ids[k] in assigned[actor_id]]
        for key in ours + [k for k in keys if k not in ours][: 2 - len(ours)]:
            made = await evaluators[key].post(
                f"{base}/assessments",
                json={"actor_id": actor_id, "scores": SCORES, "rationale": "Publications read."},
            )
            assert made.status_code == 201, made.text
    assert await pages(agora.admin, f"{base}/progress") == []
    mine = await pages(evaluators["none"], f"{base}/assignments")
    assert all(i["assessed"] for i in mine)

    history = await fr.get(f"/v1/evaluation/actors/{tatar}/history")
    assert history.status_code == 200, history.text
    [entry] = history.json()["items"]
    assert entry["cycle_id"] == cycle_id
    card = entry["scorecard"]
    assert (card["complete"], card["knowledge_generation"]["median"]) == (True, 4.0)
    assert not any(i in history.text for i in ids.values())

    report = (await de.get(portfolio_path, params={"cycle_id": cycle_id, "limit": "1"})).json()
    assert len(report["actors"]) == 1
    assert report["next_cursor"] is not None
    totals = report["totals"]
    assert (totals["committed_eur"], totals["missing_rates"]) == ("5650.00", ["XAF"])
    regions = {r["origin_region"]: r["committed_eur"] for r in totals["by_region"]}
    assert regions == {"RU-SA": "5000.00", "RU-TA": "650.00"}
    assert totals["complete_scorecards"] == 2
