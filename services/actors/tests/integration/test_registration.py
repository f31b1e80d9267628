"""Registering and reading actors against real SQLite and PostgreSQL databases."""

from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

DE = Caller("agency", "DE")
ORG = {
    "kind": "organisation",
    "public_name": "Free Media",
    "sectors": ["independent_media"],
    "host_country": "DE",
}


async def test_register_then_get(actors: ServiceClient) -> None:
    created = await actors.post("/v1/actors", caller=DE, json=ORG)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["custodian_state"] == "DE"
    assert created.headers["location"] == f"/v1/actors/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert body["created_at"].endswith("Z")

    fetched = await actors.get(f"/v1/actors/{body['id']}", caller=DE)
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_registration_writes_its_event_in_the_same_transaction(
    actors: ServiceClient,
) -> None:
    created = await actors.post("/v1/actors", caller=DE, json=ORG)
    db = actors.http._transport.app.state.db  # type: ignore[attr-defined]
    async with db.transaction(readonly=True) as session:
        rows = (await session.execute(select(outbox.c.subject, outbox.c.payload))).all()
    assert [r.subject for r in rows] == ["agora.actors.registered"]
    assert created.json()["id"].encode() in rows[0].payload


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
    response = await actors.post("/v1/actors", caller=Caller("evaluator"), json=ORG)
    assert response.status_code == 403


async def test_bad_input_is_a_problem_and_changes_nothing(actors: ServiceClient) -> None:
    response = await actors.post("/v1/actors", caller=DE, json={**ORG, "kind": "spy"})
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["loc"] == ["body", "kind"]
    assert "spy" not in response.text  # submitted values are never echoed
