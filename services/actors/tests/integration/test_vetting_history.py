"""Every vetting decision is kept with its sealed reason, seen only by the deciding state;
vetting_decided carries no reason."""

import secrets

from actors.models import VettingRecord
from actors.types import utc_today
from agora_common.testing.client import ServiceClient
from sqlalchemy import select

from ..conftest import ADMIN, DE, EVALUATOR, FR, PERSON, PL, db_of, register
from ._events import outbox_events


async def test_history_keeps_each_decision_with_its_reason_for_its_state_only(
    actors: ServiceClient,
) -> None:
    actor = await register(actors, **PERSON)
    url = f"/v1/actors/{actor['id']}/vetting"
    today = utc_today().isoformat()
    marker = f"Reason {secrets.token_hex(6)}"
    decisions = [("pending", None), ("declined", marker), ("approved", "Cleared on appeal.")]
    for decision, reason in decisions:
        body = {"decision": decision, "decided_on": today}
        if reason:
            body["reason"] = reason
        assert (await actors.put(url, caller=FR, json=body)).status_code in (200, 201)
    await actors.put(url, caller=DE, json={"decision": "declined", "decided_on": today})

    current = (await actors.get(url, caller=FR)).json()
    assert (current["decision"], current["version"]) == ("approved", 3)
    history = await actors.get(f"{url}/history", caller=FR)
    assert history.status_code == 200
    assert history.headers["cache-control"] == "no-store"
    items = history.json()["items"]
    assert [(i["decision"], i["reason"], i["version"]) for i in items] == [
        ("pending", None, 1),
        ("declined", marker, 2),
        ("approved", "Cleared on appeal.", 3),
    ]
    page = (await actors.get(f"{url}/history?limit=2", caller=FR)).json()
    rest = await actors.get(f"{url}/history", caller=FR, params={"cursor": page["next_cursor"]})
    assert [i["id"] for i in page["items"] + rest.json()["items"]] == [i["id"] for i in items]

    # DE sees its own only, PL none, and no other role any.
    de = (await actors.get(f"{url}/history", caller=DE)).json()["items"]
    assert [i["decision"] for i in de] == ["declined"]
    pl = await actors.get(f"{url}/history", caller=PL)
    assert pl.json() == {"items": [], "next_cursor": None}
    for caller in (ADMIN, EVALUATOR):
        assert (await actors.get(f"{url}/history", caller=caller)).status_code == 403
    assert (
        await actors.get("/v1/actors/act_missing/vetting/history", caller=FR)
    ).status_code == 404

    # The reason is sealed in the database and never on the bus.
    async with db_of(actors).transaction(readonly=True) as session:
        stored = list(await session.scalars(select(VettingRecord.reason)))
    assert all(marker.encode() not in (blob or b"") for blob in stored)
    events = await outbox_events(actors, "agora.actors.vetting_decided")
    assert marker not in str(events)
    assert [e["data"] for e in events][-2:] == [
        {"actor_id": actor["id"], "state": "FR", "decision": "approved", "version": 3},
        {"actor_id": actor["id"], "state": "DE", "decision": "declined", "version": 1},
    ]


async def test_bad_reasons_are_refused_without_echo(actors: ServiceClient) -> None:
    actor = await register(actors)
    url = f"/v1/actors/{actor['id']}/vetting"
    today = utc_today().isoformat()
    for reason in ("", "x" * 2001, "hidden\u202etext", 5):
        body = {"decision": "declined", "decided_on": today, "reason": reason}
        refused = await actors.put(url, caller=FR, json=body)
        assert refused.status_code == 422, reason
        assert "hidden" not in refused.text
    assert (await actors.get(url, caller=FR)).status_code == 404
