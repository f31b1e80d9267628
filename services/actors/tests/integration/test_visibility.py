"""Who sees personal data (and the risk level): the custodian and the states it granted, nobody
else."""

from typing import Any

from agora_common.testing.client import Caller, ServiceClient

from ..conftest import ADMIN, AUDITOR, DE, EVALUATOR, FR, PERSON, PL, register

PERSONAL = ("legal_name", "representation", "consent", "contact", "risk_level")


async def _actor(actors: ServiceClient) -> dict[str, Any]:
    return await register(actors, **PERSON)


async def test_personal_fields_are_absent_for_everyone_but_the_custodian(
    actors: ServiceClient,
) -> None:
    actor = await _actor(actors)
    url = f"/v1/actors/{actor['id']}"
    own = await actors.get(url, caller=DE)
    assert own.json()["legal_name"] == PERSON["legal_name"]
    assert own.json()["risk_level"] == PERSON["risk_level"]
    assert (
        own.headers["x-agora-audit"]
        == f"actor.personal_data.read {actor['id']}@{actor['custodian_state']}"
    )
    assert own.headers["cache-control"] == "no-store"
    for caller in (FR, ADMIN, EVALUATOR, Caller("evaluator", "DE"), Caller("admin", "DE")):
        other = await actors.get(url, caller=caller)
        assert other.status_code == 200
        body = other.json()
        for name in PERSONAL:
            assert name not in body, (caller.role, name)  # absent, not null
        assert body["public_name"] == PERSON["public_name"]
        assert "Anna" not in other.text
        assert "Tatar" not in other.text
        assert "x-agora-audit" not in other.headers
        assert "cache-control" not in other.headers
    assert (await actors.get(url, caller=AUDITOR)).status_code == 403


async def test_a_grant_shares_personal_data_until_withdrawn(actors: ServiceClient) -> None:
    actor = await _actor(actors)
    url = f"/v1/actors/{actor['id']}"
    granted = await actors.post(f"{url}/grants", caller=DE, json={"state": "FR"})
    assert granted.status_code == 201, granted.text
    assert granted.json()["state"] == "FR"
    assert (
        granted.headers["x-agora-audit"]
        == f"actor.grant.created {actor['id']}@{actor['custodian_state']}"
    )
    assert granted.headers["location"] == f"{url}/grants/FR"

    shared = await actors.get(url, caller=FR)
    assert shared.json()["legal_name"] == PERSON["legal_name"]
    assert shared.json()["risk_level"] == PERSON["risk_level"]
    assert (
        shared.headers["x-agora-audit"]
        == f"actor.personal_data.read {actor['id']}@{actor['custodian_state']}"
    )
    assert "legal_name" not in (await actors.get(url, caller=PL)).json()

    listed = await actors.get(f"{url}/grants", caller=DE)
    assert [g["state"] for g in listed.json()["items"]] == ["FR"]

    withdrawn = await actors.delete(f"{url}/grants/FR", caller=DE)
    assert withdrawn.status_code == 204
    assert (
        withdrawn.headers["x-agora-audit"]
        == f"actor.grant.withdrawn {actor['id']}@{actor['custodian_state']}"
    )
    assert "legal_name" not in (await actors.get(url, caller=FR)).json()
    assert (await actors.delete(f"{url}/grants/FR", caller=DE)).status_code == 404


async def test_only_the_custodian_manages_grants(actors: ServiceClient) -> None:
    actor = await _actor(actors)
    url = f"/v1/actors/{actor['id']}/grants"
    await actors.post(url, caller=DE, json={"state": "FR"})
    # A grantee may not pass the data on, nor withdraw, nor see who else was granted.
    assert (await actors.post(url, caller=FR, json={"state": "PL"})).status_code == 403
    assert (await actors.delete(f"{url}/FR", caller=FR)).status_code == 403
    assert (await actors.get(url, caller=FR)).status_code == 403
    for caller in (ADMIN, EVALUATOR, AUDITOR):
        assert (await actors.post(url, caller=caller, json={"state": "PL"})).status_code == 403
    assert (await actors.post(url, caller=DE, json={"state": "FR"})).status_code == 409
    assert (await actors.post(url, caller=DE, json={"state": "DE"})).status_code == 422
    assert (await actors.post(url, caller=DE, json={"state": "ZZ"})).status_code == 422
    assert (
        await actors.post("/v1/actors/act_none/grants", caller=DE, json={"state": "PL"})
    ).status_code == 404


async def test_lists_show_personal_data_only_where_visible_and_audit_those(
    actors: ServiceClient,
) -> None:
    mine = await register(actors, DE, **PERSON)
    shared = await register(actors, PL, **PERSON)
    await register(actors, PL, **PERSON)
    await actors.post(f"/v1/actors/{shared['id']}/grants", caller=PL, json={"state": "DE"})

    page = await actors.get("/v1/actors", caller=DE)
    items = page.json()["items"]
    with_personal = [i["id"] for i in items if "legal_name" in i]
    assert with_personal == [mine["id"], shared["id"]]
    assert [i["id"] for i in items if "risk_level" in i] == with_personal
    assert (
        page.headers["x-agora-audit"]
        == f"actor.personal_data.read {mine['id']}@{mine['custodian_state']} {shared['id']}@{shared['custodian_state']}"
    )

    for caller in (ADMIN, EVALUATOR):
        page = await actors.get("/v1/actors", caller=caller)
        assert len(page.json()["items"]) == 3
        assert all(name not in i for i in page.json()["items"] for name in PERSONAL)
        assert "x-agora-audit" not in page.headers


async def test_concurrent_identical_grants_one_succeeds(actors: ServiceClient) -> None:
    import asyncio

    actor = await _actor(actors)
    url = f"/v1/actors/{actor['id']}/grants"
    results = await asyncio.gather(
        *(actors.post(url, caller=DE, json={"state": "SE"}) for _ in range(3))
    )
    assert sorted(r.status_code for r in results) == [201, 409, 409]
