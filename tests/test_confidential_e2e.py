"""A confidential commitment through the gateway: its donor reads it, the only other donor of
the actor sees an overlap flag and cannot subtract its way to the amount in any report, and the
evaluation service learns of it only enough to keep the donor's evaluators away."""

from __future__ import annotations

from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

# Far from other tests' periods: reports are global and the platform is shared for the session.
PERIOD = {"start": "2053-01-01", "end": "2053-12-31"}
DAYS = ("2053-01-01", "2053-03-31", "2053-04-01", "2053-12-31")
SECRET = "777777.00"


async def registered(agency: httpx.AsyncClient, name: str) -> str:
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": name,
            "sectors": ["independent_media"],
            "host_country": "LT",
        },
    )
    assert created.status_code == 201, created.text
    actor_id = str(created.json()["id"])

    async def known_to_funding() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)
    return actor_id


async def commit(agency: httpx.AsyncClient, actor_id: str, **over: Any) -> httpx.Response:
    body = {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "100000.00",
        "currency": "EUR",
        "period": PERIOD,
        "purposes": ["anti_war"],
    } | over
    made = await agency.post("/v1/funding/commitments", json=body)
    assert made.status_code == 201, made.text
    return made


async def reports(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    found = {}
    for day in DAYS:
        response = await client.get("/v1/funding/reports/concentration", params={"as_of": day})
        assert response.status_code == 200, response.text
        found[day] = response.json()
    return found


async def test_a_confidential_commitment_is_only_a_flag_to_other_donors(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    actor_id = await registered(de, "Confidential Newsroom")
    cycle = await agora.admin.post(
        "/v1/evaluation/cycles", json={"name": "Evaluation 2053", "period": PERIOD}
    )
    assert cycle.status_code == 201, cycle.text
    cycle_id = cycle.json()["id"]

    fr_made = (await commit(fr, actor_id)).json()
    before = await reports(fr)

    secret = await commit(
        de,
        actor_id,
        amount=SECRET,
        confidential=True,
        period={"start": "2053-04-01", "end": "2053-12-31"},
    )
    secret_id = secret.json()["id"]
    assert (secret.json()["confidential"], secret.json()["amount"]) == (True, SECRET)
    assert (await de.get(f"/v1/funding/commitments/{secret_id}")).json()["amount"] == SECRET

    # FR: not listed, not readable, not changeable; a flag on its own next commitment.
    assert (await fr.get(f"/v1/funding/commitments/{secret_id}")).status_code == 404
    assert (await fr.post(f"/v1/funding/commitments/{secret_id}/cancel")).status_code == 404
    listed = await fr.get("/v1/funding/commitments", params={"actor_id": actor_id})
    assert [c["id"] for c in listed.json()["items"]] == [fr_made["id"]]
    flagged = (await commit(fr, actor_id, instrument="fellowship")).json()
    assert [
        (o["donor"], o["confidential"], o["instrument"], o["shared_purposes"])
        for o in flagged["overlaps"]
        if o["commitment_id"] == secret_id
    ] == [("DE", True, None, ["anti_war"])]
    summary = await fr.get(f"/v1/funding/actors/{actor_id}/summary", params={"as_of": DAYS[2]})
    assert [d["donor"] for d in summary.json()["by_donor"]] == ["FR"]
    assert summary.json()["committed_eur"] == "200000.00"
    assert "777777" not in summary.text + listed.text + str(flagged)

    # The subtraction attempt: FR is the actor's only other donor. Every figure of the report,
    # on the day before DE's commitment starts and on the day it starts, is what it would be
    # without it (FR's own second commitment is the only change), so FR's subtraction of all it
    # can list leaves nothing of DE's amount.
    after = await reports(fr)
    for day in DAYS:
        was, now = before[day], after[day]
        assert now["confidential_commitments"] - was["confidential_commitments"] == (
            0 if day < "2053-04-01" else 1
        )
        assert "777777" not in str(now)
        total = float(now["total_committed_eur"]) - float(was["total_committed_eur"])
        assert total == 100000.0, day  # FR's fellowship, nothing of DE's
        grants = now["by_instrument"]["grant"]["total_committed_eur"]
        assert grants == was["by_instrument"]["grant"]["total_committed_eur"], day

    # Evaluation: the event carried no amount; DE's evaluators are kept away all the same, and
    # neither report links DE to the actor.
    async def funding_arrived() -> bool:
        report = await fr.get("/v1/evaluation/reports/portfolio", params={"cycle_id": cycle_id})
        items = {a["actor_id"]: a for a in report.json()["actors"]}
        return (
            actor_id in items
            and len(items[actor_id]["funding"][0:1]) == 1
            and (items[actor_id]["funding"][0]["commitments"] == 2)
        )

    await eventually(funding_arrived)
    evaluator_de = await agora.client("evaluator", "DE")
    refused = await evaluator_de.post(
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        json={
            "actor_id": actor_id,
            "scores": {
                "standards_and_visions": 3,
                "knowledge_generation": 3,
                "domestic_outreach": 3,
            },
            "rationale": "Reviewed.",
        },
    )
    assert (refused.status_code, refused.json()["reason"]) == (409, "state_funds_actor")
    for name in ("portfolio", "representation"):
        report = await fr.get(f"/v1/evaluation/reports/{name}", params={"cycle_id": cycle_id})
        assert report.status_code == 200, report.text
        assert "777777" not in report.text
        if name == "portfolio":
            [item] = [a for a in report.json()["actors"] if a["actor_id"] == actor_id]
            assert [f["donor"] for f in item["funding"]] == ["FR"]
            assert "DE" not in {d["donor"] for d in report.json()["totals"]["per_donor"]}
