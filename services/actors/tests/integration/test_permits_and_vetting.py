"""Permits (visible to custodian, grantees and issuer; expiring soonest first) and per-state
vetting (each state sees only its own decision)."""

from datetime import timedelta
from typing import Any

from actors.types import utc_today
from agora_common.testing.client import Caller, ServiceClient

from ..conftest import ADMIN, DE, EVALUATOR, FR, PERSON, PL, register

SE = Caller("agency", "SE")


def _permit(days_from_now: int, **extra: Any) -> dict[str, Any]:
    today = utc_today()
    return {
        "type": "residence",
        "valid_from": (today - timedelta(days=365)).isoformat(),
        "valid_until": (today + timedelta(days=days_from_now)).isoformat(),
        "family_members": 2,
        **extra,
    }


async def test_permits_are_seen_by_custodian_grantee_and_issuer_only(
    actors: ServiceClient,
) -> None:
    actor = await register(actors, **PERSON)  # custodian DE
    url = f"/v1/actors/{actor['id']}/permits"
    await actors.post(f"/v1/actors/{actor['id']}/grants", caller=DE, json={"state": "FR"})
    issued = await actors.post(url, caller=PL, json=_permit(30, type="work"))
    assert issued.status_code == 201, issued.text
    permit = issued.json()
    assert permit["issuing_state"] == "PL"
    assert permit["type"] == "work"
    assert permit["family_members"] == 2
    for caller in (DE, FR, PL):
        listed = await actors.get(url, caller=caller)
        assert [p["id"] for p in listed.json()["items"]] == [permit["id"]], caller.state
        expiring = await actors.get("/v1/actors/permits/expiring?within_days=60", caller=caller)
        assert [p["id"] for p in expiring.json()["items"]] == [permit["id"]], caller.state
    assert (await actors.get(url, caller=SE)).json()["items"] == []
    nothing = await actors.get("/v1/actors/permits/expiring?within_days=60", caller=SE)
    assert nothing.json() == {"items": [], "next_cursor": None}
    for caller in (ADMIN, EVALUATOR):
        assert (await actors.get(url, caller=caller)).status_code == 403
        assert (await actors.post(url, caller=caller, json=_permit(30))).status_code == 403
        expiring = await actors.get("/v1/actors/permits/expiring?within_days=60", caller=caller)
        assert expiring.status_code == 403


async def test_expiring_permits_are_the_window_soonest_first_and_paged(
    actors: ServiceClient,
) -> None:
    actor = await register(actors)
    url = f"/v1/actors/{actor['id']}/permits"
    ids = {}
    for days in (45, 5, 20, 200, -3, 0):
        response = await actors.post(url, caller=DE, json=_permit(days))
        ids[days] = response.json()["id"]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"within_days": 45, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await actors.get("/v1/actors/permits/expiring", caller=DE, params=params)).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [ids[0], ids[5], ids[20], ids[45]]


async def test_bad_permits_and_queries_are_refused(actors: ServiceClient) -> None:
    actor = await register(actors)
    url = f"/v1/actors/{actor['id']}/permits"
    same_day = {**_permit(10), "valid_from": _permit(10)["valid_until"]}
    for body in (
        same_day,
        _permit(10, type="tourist"),
        _permit(10, family_members=-1),
        {"type": "work"},
    ):
        response = await actors.post(url, caller=DE, json=body)
        assert response.status_code == 422, body
    assert (await actors.get(url, caller=DE)).json()["items"] == []
    for query in ("", "?within_days=-1", "?within_days=abc", "?within_days=5000"):
        response = await actors.get(f"/v1/actors/permits/expiring{query}", caller=DE)
        assert response.status_code == 422, query
    missing = await actors.post("/v1/actors/act_missing/permits", caller=DE, json=_permit(5))
    assert missing.status_code == 404


async def test_each_state_sees_only_its_own_vetting(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    url = f"/v1/actors/{actor['id']}/vetting"
    today = utc_today().isoformat()
    first = await actors.put(url, caller=FR, json={"decision": "declined", "decided_on": today})
    assert first.status_code == 201, first.text
    assert first.headers["x-agora-audit"] == f"actor.vetting.recorded {actor['id']}"
    replaced = await actors.put(url, caller=FR, json={"decision": "approved", "decided_on": today})
    assert replaced.status_code == 200
    await actors.put(url, caller=DE, json={"decision": "pending", "decided_on": today})

    assert (await actors.get(url, caller=FR)).json()["decision"] == "approved"
    assert (await actors.get(url, caller=DE)).json()["decision"] == "pending"
    assert (await actors.get(url, caller=PL)).status_code == 404
    for caller in (ADMIN, EVALUATOR):
        assert (await actors.get(url, caller=caller)).status_code == 403
        put = await actors.put(
            url, caller=caller, json={"decision": "approved", "decided_on": today}
        )
        assert put.status_code == 403
    # The actor itself says nothing about any state's vetting.
    assert "declined" not in (await actors.get(f"/v1/actors/{actor['id']}", caller=DE)).text
    bad = await actors.put(url, caller=PL, json={"decision": "maybe", "decided_on": today})
    assert bad.status_code == 422
