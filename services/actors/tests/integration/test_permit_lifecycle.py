"""Permits renewed or revoked by the issuing state only; expiring lists the current end and no
revoked permit; lapsed lists actors whose permits have all ended."""

from datetime import timedelta
from typing import Any

from actors.types import utc_today
from agora_common.testing.client import Caller, ServiceClient

from ..conftest import ADMIN, DE, EVALUATOR, FR, PL, register
from ._events import outbox_events

SE = Caller("agency", "SE")


def _permit(days_from_now: int, **extra: Any) -> dict[str, Any]:
    today = utc_today()
    return {
        "type": "residence",
        "valid_from": (today - timedelta(days=400)).isoformat(),
        "valid_until": (today + timedelta(days=days_from_now)).isoformat(),
        **extra,
    }


def _day(days_from_now: int) -> str:
    return (utc_today() + timedelta(days=days_from_now)).isoformat()


async def _issue(actors: ServiceClient, actor_id: str, caller: Caller, days: int) -> dict:
    issued = await actors.post(f"/v1/actors/{actor_id}/permits", caller=caller, json=_permit(days))
    assert issued.status_code == 201, issued.text
    body: dict = issued.json()
    return body


async def _expiring(actors: ServiceClient, caller: Caller, within: int = 60) -> list[str]:
    page = await actors.get(f"/v1/actors/permits/expiring?within_days={within}", caller=caller)
    assert page.status_code == 200, page.text
    return [p["id"] for p in page.json()["items"]]


async def _lapsed(actors: ServiceClient, caller: Caller) -> list[str]:
    page = await actors.get("/v1/actors/permits/lapsed", caller=caller)
    assert page.status_code == 200, page.text
    return [a["actor_id"] for a in page.json()["items"]]


async def test_the_issuer_renews_and_a_renewed_permit_no_longer_expires(
    actors: ServiceClient,
) -> None:
    actor = await register(actors)  # custodian DE
    await actors.post(f"/v1/actors/{actor['id']}/grants", caller=DE, json={"state": "FR"})
    permit = await _issue(actors, actor["id"], PL, 20)
    url = f"/v1/actors/{actor['id']}/permits/{permit['id']}"
    assert await _expiring(actors, DE) == [permit["id"]]

    # The custodian and a grantee know the permit: 403; a stranger does not: 404.
    for caller, status in ((DE, 403), (FR, 403), (SE, 404), (ADMIN, 403), (EVALUATOR, 403)):
        refused = await actors.patch(url, caller=caller, json={"valid_until": _day(400)})
        assert refused.status_code == status, (caller, refused.text)

    renewed = await actors.patch(url, caller=PL, json={"valid_until": _day(400)})
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["valid_until"] == _day(400)
    assert renewed.json()["version"] == 2
    assert renewed.json()["status"] == "valid"
    for caller in (DE, FR, PL):
        assert await _expiring(actors, caller) == [], caller
        assert permit["id"] in await _expiring(actors, caller, within=400)
    # The same renewal again changes nothing (a retry is harmless).
    again = await actors.patch(url, caller=PL, json={"valid_until": _day(400)})
    assert again.status_code == 200
    assert again.json()["version"] == 2

    [event] = await outbox_events(actors, "agora.actors.permit_renewed")
    assert event["type"] == "agora.actors.permit_renewed.v1"
    assert event["data"] == {
        "permit_id": permit["id"],
        "actor_id": actor["id"],
        "issuing_state": "PL",
        "custodian_state": "DE",
        "status": "valid",
        "valid_until": _day(400),
        "version": 2,
    }


async def test_a_revoked_permit_neither_expires_nor_renews(actors: ServiceClient) -> None:
    actor = await register(actors)
    permit = await _issue(actors, actor["id"], DE, 10)
    url = f"/v1/actors/{actor['id']}/permits/{permit['id']}"
    revoked = await actors.patch(url, caller=DE, json={"status": "revoked"})
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_on"] == utc_today().isoformat()
    assert await _expiring(actors, DE) == []
    assert (await actors.patch(url, caller=DE, json={"status": "revoked"})).status_code == 200
    renewal = await actors.patch(url, caller=DE, json={"valid_until": _day(100)})
    assert renewal.status_code == 422
    [event] = await outbox_events(actors, "agora.actors.permit_revoked")
    assert event["data"]["status"] == "revoked"
    assert event["data"]["version"] == 2


async def test_anything_but_a_later_end_or_a_revocation_is_refused(actors: ServiceClient) -> None:
    actor = await register(actors)
    permit = await _issue(actors, actor["id"], DE, 50)
    url = f"/v1/actors/{actor['id']}/permits/{permit['id']}"
    for body in (
        {},
        {"valid_until": _day(10)},  # earlier than the current end
        {"valid_until": _day(100), "status": "revoked"},
        {"status": "valid"},
        {"status": "expired"},
        {"family_members": 3},
        {"valid_until": "not a date"},
        {"valid_until": "2300-01-01"},
    ):
        response = await actors.patch(url, caller=DE, json=body)
        assert response.status_code == 422, body
        assert "not a date" not in response.text
    other = await register(actors)
    misplaced = f"/v1/actors/{other['id']}/permits/{permit['id']}"
    assert (await actors.patch(misplaced, caller=DE, json={"status": "revoked"})).status_code == 404
    unknown = f"/v1/actors/{actor['id']}/permits/pmt_missing"
    assert (await actors.patch(unknown, caller=DE, json={"status": "revoked"})).status_code == 404
    listed = (await actors.get(f"/v1/actors/{actor['id']}/permits", caller=DE)).json()["items"]
    assert [(p["valid_until"], p["status"]) for p in listed] == [(_day(50), "valid")]


async def test_lapsed_lists_actors_whose_permits_all_ended(actors: ServiceClient) -> None:
    expired = await register(actors)  # DE's, a permit that ended 30 days ago
    await _issue(actors, expired["id"], DE, -30)
    renewed_in_time = await register(actors)  # an old permit ended, a new one is valid
    await _issue(actors, renewed_in_time["id"], DE, -60)
    await _issue(actors, renewed_in_time["id"], FR, 200)
    revoked = await register(actors)
    permit = await _issue(actors, revoked["id"], PL, 300)
    await actors.patch(
        f"/v1/actors/{revoked['id']}/permits/{permit['id']}", caller=PL, json={"status": "revoked"}
    )
    never = await register(actors)  # no permit at all: not lapsed, just unknown
    frs = await register(actors, caller=FR)  # FR's actor, DE's expired permit on it
    await _issue(actors, frs["id"], DE, -5)
    await register(actors, caller=SE)

    assert await _lapsed(actors, DE) == [expired["id"], frs["id"], revoked["id"]]
    # FR holds frs; PL issued the revoked permit; SE sees none of them.
    assert await _lapsed(actors, FR) == [frs["id"]]
    assert await _lapsed(actors, PL) == [revoked["id"]]
    assert await _lapsed(actors, SE) == []
    assert never["id"] not in await _lapsed(actors, DE)
    first = (await actors.get("/v1/actors/permits/lapsed", caller=DE)).json()["items"][0]
    assert first == {
        "actor_id": expired["id"],
        "custodian_state": "DE",
        "last_permit_ended_on": _day(-30),
    }
    # Paged: two and then one, in the same order.
    page = (await actors.get("/v1/actors/permits/lapsed?limit=2", caller=DE)).json()
    rest = await actors.get(
        "/v1/actors/permits/lapsed", caller=DE, params={"cursor": page["next_cursor"]}
    )
    assert [a["actor_id"] for a in page["items"] + rest.json()["items"]] == [
        expired["id"],
        frs["id"],
        revoked["id"],
    ]
    assert rest.json()["next_cursor"] is None
    # A renewal of the expired permit (its issuer's) takes the actor off the list.
    [old] = (await actors.get(f"/v1/actors/{expired['id']}/permits", caller=DE)).json()["items"]
    renewed = await actors.patch(
        f"/v1/actors/{expired['id']}/permits/{old['id']}",
        caller=DE,
        json={"valid_until": _day(365)},
    )
    assert renewed.status_code == 200
    assert expired["id"] not in await _lapsed(actors, DE)
    for caller in (ADMIN, EVALUATOR):
        assert (await actors.get("/v1/actors/permits/lapsed", caller=caller)).status_code == 403
    bad = await actors.get("/v1/actors/permits/lapsed?cursor=garbage", caller=DE)
    assert bad.status_code == 422
