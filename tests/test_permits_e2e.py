"""Permit lifecycle through the gateway: the issuing state renews a permit (it is no longer
expiring) or revokes it; actors whose permits all ended are listed as lapsed; vetting history
with reasons for the deciding state only."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from agora_platform.testing.e2e import Agora

ORG: dict[str, Any] = {
    "kind": "organisation",
    "public_name": f"Permits E2E {secrets.token_hex(4)}",
    "sectors": ["research"],
    "host_country": "MT",
}


def _day(days_from_now: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days_from_now)).isoformat()


async def _pages(client: httpx.AsyncClient, url: str, **params: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": "200", **({"cursor": cursor} if cursor else {})}
        page = await client.get(url, params=query)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


async def test_a_renewed_permit_is_no_longer_expiring_and_lapsed_actors_are_listed(
    agora: Agora,
) -> None:
    custodian = await agora.agency("MT")
    issuer = await agora.agency("CY")
    stranger = await agora.agency("SI")
    actor = (await custodian.post("/v1/actors", json=ORG)).json()
    lapsing = (await custodian.post("/v1/actors", json=ORG)).json()
    body = {"type": "residence", "valid_from": _day(-300), "valid_until": _day(20)}
    issued = await issuer.post(f"/v1/actors/{actor['id']}/permits", json=body)
    assert issued.status_code == 201, issued.text
    permit = issued.json()
    url = f"/v1/actors/{actor['id']}/permits/{permit['id']}"

    expiring = "/v1/actors/permits/expiring"
    ids = {p["id"] for p in await _pages(custodian, expiring, within_days="30")}
    assert permit["id"] in ids

    assert (await custodian.patch(url, json={"valid_until": _day(400)})).status_code == 403
    assert (await stranger.patch(url, json={"valid_until": _day(400)})).status_code == 404
    assert (await issuer.patch(url, json={"valid_until": _day(10)})).status_code == 422
    renewed = await issuer.patch(url, json={"valid_until": _day(400)})
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["valid_until"] == _day(400)
    for client in (custodian, issuer):
        ids = {p["id"] for p in await _pages(client, expiring, within_days="30")}
        assert permit["id"] not in ids

    # The other actor's only permit is revoked: it lapses, for the custodian and the issuer.
    ending = await issuer.post(f"/v1/actors/{lapsing['id']}/permits", json=body)
    revoked = await issuer.patch(
        f"/v1/actors/{lapsing['id']}/permits/{ending.json()['id']}", json={"status": "revoked"}
    )
    assert revoked.json()["status"] == "revoked"
    lapsed = "/v1/actors/permits/lapsed"
    for client in (custodian, issuer):
        listed = {a["actor_id"] for a in await _pages(client, lapsed)}
        assert lapsing["id"] in listed
        assert actor["id"] not in listed
    assert lapsing["id"] not in {a["actor_id"] for a in await _pages(stranger, lapsed)}


async def test_vetting_history_keeps_reasons_for_the_deciding_state(agora: Agora) -> None:
    custodian = await agora.agency("MT")
    vetter = await agora.agency("CY")
    actor = (await custodian.post("/v1/actors", json=ORG)).json()
    url = f"/v1/actors/{actor['id']}/vetting"
    reason = f"Reason {secrets.token_hex(4)}"
    for decision in ("pending", "declined"):
        recorded = await vetter.put(
            url, json={"decision": decision, "decided_on": _day(0), "reason": reason}
        )
        assert recorded.status_code in (200, 201), recorded.text
    history = await vetter.get(f"{url}/history")
    assert [(i["decision"], i["reason"]) for i in history.json()["items"]] == [
        ("pending", reason),
        ("declined", reason),
    ]
    assert (await custodian.get(f"{url}/history")).json()["items"] == []
    assert reason not in (await custodian.get(f"/v1/actors/{actor['id']}")).text
