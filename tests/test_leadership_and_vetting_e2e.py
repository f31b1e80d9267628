"""Leadership flags reach the concentration report (shares, cells under 5 actors suppressed), and a
donor is warned when its own state declined the actor it commits to — through the gateway."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

# A year no other test funds: the report as of that year holds only this test's commitments.
PERIOD = {"start": "2064-01-01", "end": "2064-12-31"}
AS_OF = "2064-06-01"


async def organisation(agency: httpx.AsyncClient, **leadership: bool) -> str:
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": f"Collective {secrets.token_hex(3)}",
            "sectors": ["civil_society"],
            "host_country": "LT",
            "origin_region": "RU-BA",
            "leadership": leadership,
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def commit(agency: httpx.AsyncClient, actor_id: str) -> Any:
    async def known() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known)
    made = await agency.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "10000.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["minority_rights"],
            "status": "pledged",
        },
    )
    assert made.status_code == 201, made.text
    return made.json()


async def test_leadership_shares_in_the_concentration_report(agora: Agora) -> None:
    lt = await agora.agency("LT")
    women_led = [await organisation(lt, women_led=True, regional=True) for _ in range(5)]
    minority_led = await organisation(lt, minority_led=True)
    seen = (await lt.get(f"/v1/actors/{minority_led}")).json()
    assert seen["leadership"] == {"women_led": False, "minority_led": True, "regional": False}
    for actor_id in [*women_led, minority_led]:
        made = await commit(lt, actor_id)
        committed = await lt.post(f"/v1/funding/commitments/{made['id']}/commit")
        assert committed.status_code == 200, committed.text

    async def report() -> Any:
        answer = await lt.get("/v1/funding/reports/concentration", params={"as_of": AS_OF})
        assert answer.status_code == 200, answer.text
        return answer.json()

    async def all_six_counted() -> bool:
        return (await report())["actors_funded"] == 6

    await eventually(all_six_counted)
    shares = (await report())["leadership"]
    assert shares["women_led"]["actors"] == 5
    assert shares["women_led"]["eur"] == "50000.00"
    assert shares["regional"]["actors"] == 5
    # One minority-led actor: a cell of fewer than 5 is suppressed, every field of it.
    assert shares["minority_led"] == {"actors": None, "eur": None, "share": None}


async def test_a_donor_is_warned_when_its_own_state_declined_the_actor(agora: Agora) -> None:
    de, fr = await agora.agency("DE"), await agora.agency("FR")
    actor_id = await organisation(fr)
    decided = await de.put(
        f"/v1/actors/{actor_id}/vetting",
        json={"decision": "declined", "decided_on": "2026-01-15", "reason": "Open questions."},
    )
    assert decided.status_code in (200, 201), decided.text

    async def warned() -> bool:
        made = await commit(de, actor_id)
        return [w["code"] for w in made.get("warnings", [])] == ["declined_by_your_state"]

    await eventually(warned)  # once funding has the decision (an event away)
    # FR, which declined nothing, commits without a warning; the warning names no other state.
    assert (await commit(fr, actor_id)).get("warnings", []) == []
