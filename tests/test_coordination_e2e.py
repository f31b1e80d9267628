"""Coordination through the gateway: two states fund the same journalist, both see the overlap
notice, agree on co-funding (either may resolve it, a third state cannot), and make it a joint
programme whose commitments overlap as coordinated, not as open notices."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually

# Far from other tests' periods: reports are global and the platform is shared for the session.
PERIOD = {"start": "2057-01-01", "end": "2057-12-31"}
JOURNALIST = {
    "kind": "individual",
    "public_name": f"Journalist {secrets.token_hex(4)}",
    "sectors": ["independent_media"],
    "host_country": "LV",
}


async def registered(agency: httpx.AsyncClient) -> str:
    created = await agency.post("/v1/actors", json=JOURNALIST)
    assert created.status_code == 201, created.text
    actor_id = str(created.json()["id"])

    async def known_to_funding() -> bool:
        return (await agency.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)
    return actor_id


async def commit(agency: httpx.AsyncClient, actor_id: str, **over: Any) -> dict[str, Any]:
    body = {
        "actor_id": actor_id,
        "instrument": "fellowship",
        "amount": "24000.00",
        "currency": "EUR",
        "period": PERIOD,
        "purposes": ["anti_war", "public_debate"],
    } | over
    made = await agency.post("/v1/funding/commitments", json=body)
    assert made.status_code == 201, made.text
    return dict(made.json())


async def notice(
    agency: httpx.AsyncClient, overlap_id: str, **params: str
) -> dict[str, Any] | None:
    """The notice among the agency's (other tests share the platform: page until found)."""
    cursor: str | None = None
    while True:
        query = {"limit": "200", **params} | ({"cursor": cursor} if cursor else {})
        page = await agency.get("/v1/funding/overlaps", params=query)
        assert page.status_code == 200, page.text
        for item in page.json()["items"]:
            if item["id"] == overlap_id:
                return dict(item)
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return None


async def test_two_states_see_resolve_and_coordinate_an_overlap(agora: Agora) -> None:
    de = await agora.agency("DE")
    fr = await agora.agency("FR")
    nl = await agora.agency("NL")
    actor_id = await registered(de)

    de_made = await commit(de, actor_id)
    fr_made = await commit(fr, actor_id, instrument="grant", purposes=["public_debate"])
    [overlap] = fr_made["overlaps"]
    assert (overlap["commitment_id"], overlap["donor"]) == (de_made["id"], "DE")
    overlap_id = overlap["overlap_id"]

    # Both sides see it, the earlier donor too; a third state does not.
    for agency, mine in ((de, de_made["id"]), (fr, fr_made["id"])):
        seen = await notice(agency, overlap_id, status="open")
        assert seen is not None
        assert seen["shared_purposes"] == ["public_debate"]
        assert [s["commitment_id"] for s in seen["commitments"] if s["yours"]] == [mine]
    assert await notice(nl, overlap_id) is None
    url = f"/v1/funding/overlaps/{overlap_id}/resolve"
    agreed = {"resolution": "co_funding", "note": "Joint fellowship, split 50/50."}
    assert (await nl.post(url, json=agreed)).status_code == 404

    # They agree on co-funding: the later donor resolves it; the earlier one reads the answer.
    resolved = await fr.post(url, json=agreed)
    assert resolved.status_code == 200, resolved.text
    de_view = await notice(de, overlap_id, status="resolved")
    assert de_view is not None
    assert (de_view["resolution"], de_view["resolved_by"]) == ("co_funding", "FR")
    assert de_view["note"] == agreed["note"]
    assert await notice(de, overlap_id, status="open") is None

    # And make it a programme: their commitments in it overlap as coordinated.
    created = await de.post(
        "/v1/funding/programmes", json={"name": "Exiled journalism 2057", "donors": ["DE", "FR"]}
    )
    assert created.status_code == 201, created.text
    programme_id = created.json()["id"]
    listed = await fr.get("/v1/funding/programmes", params={"limit": "200"})
    assert programme_id in [p["id"] for p in listed.json()["items"]]

    de_joint = await commit(de, actor_id, programme_id=programme_id, purposes=["anti_war"])
    fr_joint = await commit(fr, actor_id, programme_id=programme_id, purposes=["anti_war"])
    coordinated = {o["commitment_id"]: o for o in fr_joint["overlaps"]}
    assert coordinated[de_joint["id"]]["coordinated"] is True
    # The joint commitment still overlaps DE's first one outside the programme: an open notice.
    assert coordinated[de_made["id"]]["coordinated"] is False
    joint_notice = await notice(de, coordinated[de_joint["id"]]["overlap_id"])
    assert joint_notice is not None
    assert (joint_notice["status"], joint_notice["coordinated"]) == ("coordinated", True)

    # NL is not in the programme: it cannot commit under it.
    refused = await nl.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "1000.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["anti_war"],
            "programme_id": programme_id,
        },
    )
    assert refused.status_code == 422
    assert [e["loc"] for e in refused.json()["errors"]] == [["body", "programme_id"]]
