"""Registering and reading actors against real SQLite and PostgreSQL databases."""

import orjson
import pytest
from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

from ..conftest import DE, ORG, PERSON, db_of, register


async def test_register_then_get(actors: ServiceClient) -> None:
    created = await actors.post("/v1/actors", caller=DE, json=ORG)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["custodian_state"] == "DE"
    assert body["id"].startswith("act_")
    assert created.headers["location"] == f"/v1/actors/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert body["created_at"].endswith("Z")
    assert body["risk_level"] == "standard"
    assert body["activities"] == []
    assert body.pop("possible_duplicates") == []  # only the registration reports them

    fetched = await actors.get(f"/v1/actors/{body['id']}", caller=DE)
    assert fetched.status_code == 200
    assert fetched.json() == body
    assert fetched.headers["etag"] == '"1"'


async def test_every_field_round_trips_for_the_custodian(actors: ServiceClient) -> None:
    created = await actors.post("/v1/actors", caller=DE, json=PERSON)
    assert created.status_code == 201, created.text
    body = created.json()
    for name, value in PERSON.items():
        if name == "representation":
            assert body[name] == {**value, "vulnerable_groups": []}
        elif name == "contact":
            assert body[name] == {"email": value["email"], "phone": None, "postal_address": None}
        else:
            assert body[name] == value, name
    assert (
        created.headers["x-agora-audit"]
        == f"actor.personal_data.write {body['id']}@{body['custodian_state']}"
    )


async def test_registration_writes_its_event_in_the_same_transaction(
    actors: ServiceClient,
) -> None:
    created = await actors.post("/v1/actors", caller=DE, json=PERSON)
    async with db_of(actors).transaction(readonly=True) as session:
        rows = (
            await session.execute(select(outbox.c.subject, outbox.c.payload).order_by(outbox.c.seq))
        ).all()
    assert [r.subject for r in rows] == ["agora.actors.registered"]
    event = orjson.loads(rows[0].payload)
    assert event["type"] == "agora.actors.registered.v1"
    assert event["data"] == {
        "actor_id": created.json()["id"],
        "version": 1,
        "kind": "individual",
        "sectors": ["independent_media", "human_rights"],
        "activities": ["anti_war", "domestic_outreach"],
        "host_country": "DE",
        "origin_region": "RU-TA",
        "custodian_state": "DE",
        "established_on": None,
        "relocated_on": "2022-03-10",
        "leadership": None,
    }


async def test_without_the_gateway_identity_nothing_is_served(actors: ServiceClient) -> None:
    response = await actors.post("/v1/actors", caller=None, json=ORG)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_identity_for_another_request_is_refused(actors: ServiceClient) -> None:
    signed = actors.signer.sign(
        client_id="c1",
        role="agency",
        state="DE",
        request_id="r1",
        method="GET",
        path="/v1/actors/x",
        query="",
        body=b"",
    )
    response = await actors.http.get("/v1/actors/y", headers={"x-agora-identity": signed})
    assert response.status_code == 401


async def test_only_agencies_register(actors: ServiceClient) -> None:
    for caller in (Caller("evaluator"), Caller("admin"), Caller("auditor")):
        response = await actors.post("/v1/actors", caller=caller, json=ORG)
        assert response.status_code == 403


async def test_bad_input_is_a_problem_and_changes_nothing(actors: ServiceClient) -> None:
    response = await actors.post("/v1/actors", caller=DE, json={**ORG, "kind": "spy"})
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["loc"] == ["body", "kind"]
    assert "spy" not in response.text  # submitted values are never echoed
    listed = await actors.get("/v1/actors", caller=DE)
    assert listed.json()["items"] == []


async def test_representation_without_consent_is_refused(actors: ServiceClient) -> None:
    body = {k: v for k, v in PERSON.items() if k != "consent"}
    response = await actors.post("/v1/actors", caller=DE, json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "representation"]
    assert "Tatar" not in response.text
    assert "Anna" not in response.text
    assert (await actors.get("/v1/actors", caller=DE)).json()["items"] == []


async def test_unknown_and_erased_ids(actors: ServiceClient) -> None:
    assert (await actors.get("/v1/actors/act_nope", caller=DE)).status_code == 404
    actor = await register(actors)
    erased = await actors.delete(
        f"/v1/actors/{actor['id']}", caller=DE, headers={"If-Match": '"1"'}
    )
    assert erased.status_code == 204
    for caller in (DE, Caller("agency", "FR"), Caller("admin"), Caller("evaluator")):
        assert (await actors.get(f"/v1/actors/{actor['id']}", caller=caller)).status_code == 410


async def test_control_characters_and_odd_ids_are_refused_not_crashes(
    actors: ServiceClient,
) -> None:
    for field in ("public_name", "legal_name"):
        response = await actors.post("/v1/actors", caller=DE, json={**ORG, field: "A\u0000B"})
        assert response.status_code == 422, field
        assert response.json()["errors"][0]["loc"] == ["body", field]
    for odd in ("act%00x", "a" * 65, "act%20x"):
        assert (await actors.get(f"/v1/actors/{odd}", caller=DE)).status_code == 422, odd


# A right-to-left override makes "Ivanov\u202eexe.pdf" display as something else; a zero-width
# joiner hides a difference between two names that look the same; U+0085 is a C1 control.
DECEPTIVE = {
    "right-to-left override": "Anna\u202eavonaI",
    "zero-width joiner": "An\u200dna Marker",
    "C1 control": "Anna\u0085Marker",
}


@pytest.mark.parametrize("field", ["legal_name", "public_name"])
async def test_bidi_overrides_zero_width_and_c1_controls_are_refused_without_echo(
    actors: ServiceClient, field: str
) -> None:
    for what, value in DECEPTIVE.items():
        response = await actors.post("/v1/actors", caller=DE, json={**PERSON, field: value})
        assert response.status_code == 422, what
        assert response.json()["errors"][0]["loc"] == ["body", field], what
        for fragment in ("Anna", "avonaI", "Marker"):
            assert fragment not in response.text, what
    actor = await register(actors, **PERSON)
    patched = await actors.patch(
        f"/v1/actors/{actor['id']}",
        caller=DE,
        json={field: DECEPTIVE["right-to-left override"]},
        headers={"If-Match": '"1"'},
    )
    assert patched.status_code == 422
    assert patched.json()["errors"][0]["loc"] == ["body", field]
    assert "avonaI" not in patched.text
    assert (await actors.get("/v1/actors", caller=DE)).json()["items"][0]["version"] == 1


@pytest.mark.parametrize(
    "email", ["anna\x00@example.org", "anna\u202e@example.org", "an\u200bna@example.org"]
)
async def test_an_email_with_invisible_or_control_characters_is_refused(
    actors: ServiceClient, email: str
) -> None:
    response = await actors.post(
        "/v1/actors", caller=DE, json={**PERSON, "contact": {"email": email}}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:3] == ["body", "contact", "email"]
    assert "example.org" not in response.text
