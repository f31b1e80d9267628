"""Concurrent disbursements: together they would exceed the commitment; exactly the allowed pass."""

import asyncio
from typing import Any

from agora_common.testing.client import Caller, ServiceClient

DE = Caller("agency", "DE")


async def test_concurrent_disbursements_never_exceed_the_commitment(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_race")
    created = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json={
            "actor_id": actor,
            "instrument": "grant",
            "amount": "1000.00",
            "currency": "EUR",
            "period": {"start": "2026-01-01", "end": "2026-12-31"},
            "purposes": ["anti_war"],
        },
    )
    url = f"/v1/funding/commitments/{created.json()['id']}"

    # Eight payouts of 300.00 race for 1000.00: three fit, five must be refused.
    responses = await asyncio.gather(
        *(
            funding.post(
                f"{url}/disbursements", caller=DE, json={"amount": "300.00", "date": "2026-02-01"}
            )
            for _ in range(8)
        )
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] * 3 + [422] * 5, [r.text for r in responses]

    state = (await funding.get(url, caller=DE)).json()
    assert state["disbursed"] == "900.00"
    assert len(state["disbursements"]) == 3
    assert state["status"] == "committed"

    rest = await funding.post(
        f"{url}/disbursements", caller=DE, json={"amount": "100.00", "date": "2026-03-01"}
    )
    assert rest.status_code == 201
    assert rest.json()["status"] == "disbursed"
    assert rest.json()["version"] == 5


async def test_concurrent_commitments_to_one_actor_see_each_other(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_race_overlap")
    body = {
        "actor_id": actor,
        "instrument": "grant",
        "amount": "5000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "purposes": ["ukraine_support"],
    }
    donors = [Caller("agency", state) for state in ("DE", "FR", "NL", "PL")]
    responses = await asyncio.gather(
        *(funding.post("/v1/funding/commitments", caller=d, json=body) for d in donors)
    )
    assert [r.status_code for r in responses] == [201] * 4
    # Made one after another: the k-th sees the k-1 before it, whatever the order was.
    assert sorted(len(r.json()["overlaps"]) for r in responses) == [0, 1, 2, 3]
