"""JSON Merge Patch with If-Match: 428 without, 412 when stale, one winner when concurrent."""

import asyncio
import json
import uuid

import httpx
import orjson
from actors.registry import repository
from agora_common.identity import IDENTITY_HEADER
from agora_common.tables import outbox
from agora_common.testing.client import ServiceClient
from sqlalchemy import select

from ..conftest import ADMIN, DE, EVALUATOR, FR, PERSON, db_of, register

MERGE = {"content-type": "application/merge-patch+json"}


async def _patch(
    actors: ServiceClient, actor_id: str, body: object, etag: str | None = '"1"', caller=DE
):
    headers = dict(MERGE)
    if etag is not None:
        headers["If-Match"] = etag
    return await actors.request(
        "PATCH", f"/v1/actors/{actor_id}", caller=caller, json=body, headers=headers
    )


async def test_merge_patch_changes_members_and_null_removes_them(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    response = await _patch(
        actors,
        actor["id"],
        {
            "public_name": "Renamed",
            "origin_region": None,
            "contact": {"phone": "+49 30 1234567"},
            "audience": {"monthly_active_users": 1200},
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["public_name"] == "Renamed"
    assert body["origin_region"] is None
    assert body["contact"] == {
        "email": "anna@example.org",
        "phone": "+49 30 1234567",
        "postal_address": None,
    }
    assert body["audience"] == {"monthly_active_users": 1200, "inside_russia_share": None}
    assert body["legal_name"] == PERSON["legal_name"]
    assert body["version"] == 2
    assert response.headers["etag"] == '"2"'
    assert (
        response.headers["x-agora-audit"]
        == f"actor.personal_data.write {actor['id']}@{actor['custodian_state']}"
    )
    again = await actors.get(f"/v1/actors/{actor['id']}", caller=DE)
    assert again.json() == body


async def test_each_change_publishes_an_update_without_personal_data(
    actors: ServiceClient,
) -> None:
    actor = await register(actors, **PERSON)
    await _patch(actors, actor["id"], {"sectors": ["research"], "legal_name": "Marker Zzyzx"})
    response = await _patch(actors, actor["id"], {"public_name": "Other"}, '"2"')
    assert (
        response.headers["x-agora-audit"]
        == f"actor.personal_data.read {actor['id']}@{actor['custodian_state']}"
    )
    async with db_of(actors).transaction(readonly=True) as session:
        rows = (
            await session.execute(select(outbox.c.subject, outbox.c.payload).order_by(outbox.c.seq))
        ).all()
    assert [r.subject for r in rows] == [
        "agora.actors.registered",
        "agora.actors.updated",
        "agora.actors.updated",
    ]
    data = [orjson.loads(r.payload)["data"] for r in rows]
    assert [d["version"] for d in data] == [1, 2, 3]
    assert data[1]["sectors"] == ["research"]
    assert all(b"Zzyzx" not in r.payload and b"Anna" not in r.payload for r in rows)


async def test_the_risk_level_is_personal_and_changes_like_any_personal_field(
    actors: ServiceClient,
) -> None:
    actor = await register(actors, **PERSON)
    response = await _patch(actors, actor["id"], {"risk_level": "standard"})
    assert response.status_code == 200
    assert response.json()["risk_level"] == "standard"
    assert response.json()["version"] == 2
    # A change of the risk level is a write of personal data.
    assert (
        response.headers["x-agora-audit"]
        == f"actor.personal_data.write {actor['id']}@{actor['custodian_state']}"
    )
    own = await actors.get(f"/v1/actors/{actor['id']}", caller=DE)
    assert own.json()["risk_level"] == "standard"
    seen_by_others = await actors.get(f"/v1/actors/{actor['id']}", caller=FR)
    assert "risk_level" not in seen_by_others.json()  # absent, not null
    listed = await actors.get("/v1/actors", caller=ADMIN)
    assert ["risk_level" in i for i in listed.json()["items"]] == [False]


async def test_a_patch_that_changes_nothing_keeps_the_version(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    response = await _patch(actors, actor["id"], {"public_name": PERSON["public_name"]})
    assert response.status_code == 200
    assert response.json()["version"] == 1


async def test_if_match_is_required_and_must_be_current(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    missing = await _patch(actors, actor["id"], {"public_name": "X"}, etag=None)
    assert missing.status_code == 428
    assert (await _patch(actors, actor["id"], {"public_name": "X"}, '"7"')).status_code == 412
    assert (await _patch(actors, actor["id"], {"public_name": "X"}, 'W/"1"')).status_code == 412
    assert (await _patch(actors, actor["id"], {"public_name": "X"}, '"0", "1"')).status_code == 200
    stale = await _patch(actors, actor["id"], {"public_name": "Y"}, '"1"')
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    current = await actors.get(f"/v1/actors/{actor['id']}", caller=DE)
    assert current.json()["public_name"] == "X"


async def test_only_the_custodian_patches(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    await actors.post(f"/v1/actors/{actor['id']}/grants", caller=DE, json={"state": "FR"})
    assert (await _patch(actors, actor["id"], {"public_name": "X"}, caller=FR)).status_code == 403
    for caller in (ADMIN, EVALUATOR):
        assert (
            await _patch(actors, actor["id"], {"public_name": "X"}, caller=caller)
        ).status_code == 403
    assert (await _patch(actors, "act_missing", {"public_name": "X"})).status_code == 404


async def test_invalid_patches_are_refused_and_change_nothing(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    cases = [
        ({"kind": None}, ["body", "kind"]),
        ({"sectors": []}, ["body", "sectors"]),
        ({"consent": None}, ["body", "representation"]),  # representation needs consent
        ({"id": "act_other"}, ["body", "id"]),
        ({"version": 9}, ["body", "version"]),
        ({"host_country": "QQ"}, ["body", "host_country"]),
        ({"nickname": "Secret Name"}, ["body", "nickname"]),
        ({"legal_name": ""}, ["body", "legal_name"]),
        (["not", "an", "object"], ["body"]),
    ]
    for patch, loc in cases:
        response = await _patch(actors, actor["id"], patch)
        assert response.status_code == 422, (patch, response.text)
        assert loc in [e["loc"] for e in response.json()["errors"]], (patch, response.text)
        assert "Secret Name" not in response.text
        assert "act_other" not in response.text
    raw = await actors.http.patch(
        f"/v1/actors/{actor['id']}", content=b"{", headers={**MERGE, "If-Match": '"1"'}
    )
    assert raw.status_code == 401  # no identity: nothing is parsed
    unchanged = await actors.get(f"/v1/actors/{actor['id']}", caller=DE)
    assert unchanged.json()["version"] == 1
    # Withdrawing consent together with the representation is fine.
    ok = await _patch(actors, actor["id"], {"consent": None, "representation": None})
    assert ok.status_code == 200
    assert ok.json()["representation"] is None
    assert ok.json()["consent"] is None


async def test_two_patches_with_the_same_etag_one_wins(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    results = await asyncio.gather(
        _patch(actors, actor["id"], {"public_name": "First"}),
        _patch(actors, actor["id"], {"public_name": "Second"}),
    )
    assert sorted(r.status_code for r in results) == [200, 412]
    winner = next(r for r in results if r.status_code == 200).json()
    current = (await actors.get(f"/v1/actors/{actor['id']}", caller=DE)).json()
    assert current["public_name"] == winner["public_name"]
    assert current["version"] == 2


async def test_the_versioned_update_refuses_a_stale_version(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    async with db_of(actors).transaction() as session:
        stale = await repository.update_actor(
            session, actor["id"], expected_version=0, values={"public_name": "Lost"}
        )
        fresh = await repository.update_actor(
            session, actor["id"], expected_version=1, values={"public_name": "Kept"}
        )
    assert stale is None
    assert fresh is not None
    assert fresh.version == 2


async def _patch_raw(actors: ServiceClient, actor_id: str, raw: bytes) -> httpx.Response:
    """A PATCH with a body given as bytes, signed as ``ServiceClient`` signs its requests."""
    path = f"/v1/actors/{actor_id}"
    request = actors.http.build_request(
        "PATCH", path, content=raw, headers={**MERGE, "If-Match": '"1"'}
    )
    request.headers[IDENTITY_HEADER] = actors.signer.sign(
        client_id=DE.client_id,
        role=DE.role,
        state=DE.state,
        request_id=str(uuid.uuid4()),
        method="PATCH",
        path=path,
        query="",
        body=raw,
    )
    return await actors.http.send(request)


def _nested(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels):
        value = {"x": value}
    return value


async def test_deeply_nested_patches_are_refused_and_change_nothing(
    actors: ServiceClient,
) -> None:
    actor = await register(actors, **PERSON)
    for body in (
        {"audience": _nested(300)},  # once made the encoder fail: a 500
        {"contact": _nested(8)},  # 9 levels in all
        {"representation": {"vulnerable_groups": [[[[[[[["x"]]]]]]]]}},
    ):
        # Encoded here: the test client's own encoder refuses such depths.
        response = await _patch_raw(actors, actor["id"], json.dumps(body).encode())
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"][0]["loc"] == ["body"]
    # Deeper than the JSON parser itself accepts: refused the same way.
    raw = b'{"audience":' + b'{"x":' * 2000 + b"{}" + b"}" * 2001
    response = await _patch_raw(actors, actor["id"], raw)
    assert response.status_code == 422, response.text
    unchanged = await actors.get(f"/v1/actors/{actor['id']}", caller=DE)
    assert unchanged.json()["version"] == 1
    # A patch within the bound is still judged by the document's own rules.
    shallow = await _patch(actors, actor["id"], {"audience": _nested(3)})
    assert shallow.status_code == 422
    assert shallow.json()["errors"][0]["loc"][:2] == ["body", "audience"]
