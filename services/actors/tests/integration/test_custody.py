"""Custody transfers: the custodian asks, the receiving state accepts (re-keyed personal data,
grants kept or dropped, the old custodian without access) or declines; the custodian cancels."""

from typing import Any

import pytest
from actors.models import Actor, ActorKey, Grant
from actors.types import utc_today
from actors.vault import UnreadablePersonalData
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

from ..conftest import ADMIN, DE, EVALUATOR, FR, PERSON, PL, db_of, register, vault_of
from ._events import outbox_events

SE = Caller("agency", "SE")


async def _request(actors: ServiceClient, actor_id: str, **body: Any) -> dict[str, Any]:
    url = f"/v1/actors/{actor_id}/custody-transfers"
    made = await actors.post(url, caller=DE, json={"to_state": "FR", "grants": "keep", **body})
    assert made.status_code == 201, made.text
    result: dict[str, Any] = made.json()
    return result


async def _incoming(actors: ServiceClient, caller: Caller, **params: str) -> list[str]:
    page = await actors.get(
        "/v1/actors/custody-transfers", caller=caller, params={"direction": "incoming", **params}
    )
    assert page.status_code == 200, page.text
    return [t["id"] for t in page.json()["items"]]


async def _stored(actors: ServiceClient, actor_id: str) -> tuple[bytes, bytes, set[str]]:
    async with db_of(actors).transaction(readonly=True) as session:
        wrapped = await session.scalar(
            select(ActorKey.wrapped_key).where(ActorKey.actor_id == actor_id)
        )
        personal = await session.scalar(select(Actor.personal).where(Actor.id == actor_id))
        grants = set(await session.scalars(select(Grant.state).where(Grant.actor_id == actor_id)))
    assert wrapped is not None
    assert personal is not None
    return wrapped, personal, grants


async def test_an_accepted_transfer_rekeys_and_moves_custody(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    url = f"/v1/actors/{actor['id']}"
    for state in ("PL", "FR"):
        await actors.post(f"{url}/grants", caller=DE, json={"state": state})
    today = utc_today().isoformat()
    body = {"decision": "declined", "decided_on": today, "reason": "Seen in a report."}
    await actors.put(f"{url}/vetting", caller=SE, json=body)
    old_wrapped, old_personal, _ = await _stored(actors, actor["id"])

    transfer = await _request(actors, actor["id"])
    assert (transfer["status"], transfer["from_state"], transfer["to_state"]) == (
        "pending",
        "DE",
        "FR",
    )
    # The same request again answers the pending one; another one conflicts.
    same = await actors.post(
        f"{url}/custody-transfers", caller=DE, json={"to_state": "FR", "grants": "keep"}
    )
    assert (same.status_code, same.json()["id"]) == (200, transfer["id"])
    other = await actors.post(
        f"{url}/custody-transfers", caller=DE, json={"to_state": "PL", "grants": "keep"}
    )
    assert other.status_code == 409
    assert await _incoming(actors, FR) == [transfer["id"]]
    assert await _incoming(actors, PL) == []
    outgoing = await actors.get(
        "/v1/actors/custody-transfers", caller=DE, params={"direction": "outgoing"}
    )
    assert [t["id"] for t in outgoing.json()["items"]] == [transfer["id"]]

    accept = f"{url}/custody-transfers/{transfer['id']}/accept"
    assert (await actors.post(accept, caller=DE)).status_code == 403
    assert (await actors.post(accept, caller=PL)).status_code == 404
    assert (await actors.post(accept, caller=ADMIN)).status_code == 403
    accepted = await actors.post(accept, caller=FR)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert accepted.headers["x-agora-audit"] == (
        f"actor.personal_data.write {actor['id']}@DE {actor['id']}@FR"
    )
    assert (await actors.post(accept, caller=FR)).json()["status"] == "accepted"

    # FR is the custodian and reads the personal data; DE no longer does; PL kept its grant.
    as_fr = (await actors.get(url, caller=FR)).json()
    assert as_fr["custodian_state"] == "FR"
    assert as_fr["legal_name"] == PERSON["legal_name"]
    assert as_fr["risk_level"] == "high"
    as_de = (await actors.get(url, caller=DE)).json()
    assert "legal_name" not in as_de
    assert "risk_level" not in as_de
    assert (await actors.get(url, caller=PL)).json()["legal_name"] == PERSON["legal_name"]
    assert (await actors.get(f"{url}/grants", caller=DE)).status_code == 403
    kept = (await actors.get(f"{url}/grants", caller=FR)).json()["items"]
    assert [g["state"] for g in kept] == ["PL"]
    history = (await actors.get(f"{url}/vetting/history", caller=SE)).json()["items"]
    assert history[0]["reason"] == "Seen in a report."

    # Re-keyed: a new wrapped key, and the old data key opens nothing of the new ciphertext.
    new_wrapped, new_personal, grants = await _stored(actors, actor["id"])
    assert grants == {"PL"}
    assert new_wrapped != old_wrapped
    assert new_personal != old_personal
    vault = vault_of(actors)
    old_key = vault.unwrap(old_wrapped, actor_id=actor["id"])
    with pytest.raises(UnreadablePersonalData):
        vault.open(new_personal, data_key=old_key, actor_id=actor["id"])

    [updated] = [
        e
        for e in await outbox_events(actors, "agora.actors.updated")
        if e["data"]["custodian_state"] == "FR"
    ]
    assert updated["data"]["version"] == 2
    assert "legal_name" not in str(updated)
    assert await _incoming(actors, FR) == []
    assert await _incoming(actors, FR, status="accepted") == [transfer["id"]]


async def test_dropped_grants_decline_and_cancel(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    url = f"/v1/actors/{actor['id']}"
    await actors.post(f"{url}/grants", caller=DE, json={"state": "PL"})
    declined = await _request(actors, actor["id"])
    decline = f"{url}/custody-transfers/{declined['id']}/decline"
    assert (await actors.post(decline, caller=DE)).status_code == 403
    assert (await actors.post(decline, caller=FR)).json()["status"] == "declined"
    accept = f"{url}/custody-transfers/{declined['id']}/accept"
    assert (await actors.post(accept, caller=FR)).status_code == 409

    cancelled = await _request(actors, actor["id"], grants="drop")
    cancel = f"{url}/custody-transfers/{cancelled['id']}/cancel"
    assert (await actors.post(cancel, caller=FR)).status_code == 403
    assert (await actors.post(cancel, caller=SE)).status_code == 404
    assert (await actors.post(cancel, caller=DE)).json()["status"] == "cancelled"
    assert (await actors.get(url, caller=DE)).json()["custodian_state"] == "DE"

    dropping = await _request(actors, actor["id"], grants="drop", to_state="PL")
    accepted = await actors.post(f"{url}/custody-transfers/{dropping['id']}/accept", caller=PL)
    assert accepted.status_code == 200
    *_, grants = await _stored(actors, actor["id"])
    assert grants == set()  # PL's grant became custody; nothing else kept
    assert "legal_name" not in (await actors.get(url, caller=DE)).json()
    assert (await actors.get(url, caller=PL)).json()["legal_name"] == PERSON["legal_name"]


async def test_bad_transfers_are_refused(actors: ServiceClient) -> None:
    actor = await register(actors)
    url = f"/v1/actors/{actor['id']}/custody-transfers"
    for body in (
        {"to_state": "DE", "grants": "keep"},
        {"to_state": "XX", "grants": "keep"},
        {"to_state": "FR", "grants": "share"},
        {"to_state": "FR"},
        {"to_state": "FR", "grants": "keep", "extra": 1},
    ):
        assert (await actors.post(url, caller=DE, json=body)).status_code == 422, body
    for caller in (FR, ADMIN, EVALUATOR):
        refused = await actors.post(url, caller=caller, json={"to_state": "PL", "grants": "keep"})
        assert refused.status_code == 403
    lists = "/v1/actors/custody-transfers"
    assert (await actors.get(lists, caller=DE)).status_code == 422
    bad = await actors.get(lists, caller=DE, params={"direction": "sideways"})
    assert bad.status_code == 422
    assert (
        await actors.get(lists, caller=ADMIN, params={"direction": "incoming"})
    ).status_code == 403
    missing = f"{url}/cus_missing/accept"
    assert (await actors.post(missing, caller=FR)).status_code == 404
