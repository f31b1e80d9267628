"""Possible duplicates across states and leadership, on real SQLite and PostgreSQL."""

from typing import Any

import orjson
from agora_common.tables import outbox
from agora_common.testing.client import ServiceClient
from sqlalchemy import select, text

from ..conftest import DE, FR, PERSON, PL, db_of, register

ANNA_DE: dict[str, Any] = {
    **PERSON,
    "legal_name": "Анна Иванова",
    "contact": {"email": "anna.de@example.org", "phone": "+7 495 123-45-67"},
}
ANNA_PL: dict[str, Any] = {
    **PERSON,
    "legal_name": "Ivanova Anna",
    "contact": {"email": "ivanova@example.pl"},
}


async def _duplicate_events(client: ServiceClient) -> list[dict[str, Any]]:
    async with db_of(client).transaction(readonly=True) as session:
        rows = (
            await session.execute(
                select(outbox.c.payload)
                .where(outbox.c.subject == "agora.actors.duplicate_suspected")
                .order_by(outbox.c.seq)
            )
        ).all()
    return [orjson.loads(row.payload) for row in rows]


async def test_another_states_registration_reports_the_match_without_ids(
    actors: ServiceClient,
) -> None:
    de = await register(actors, DE, **ANNA_DE)
    assert de["possible_duplicates"] == []
    response = await actors.post("/v1/actors", caller=PL, json=ANNA_PL)
    assert response.status_code == 201, response.text
    pl = response.json()
    assert pl["possible_duplicates"] == [{"custodian_state": "DE", "matched_on": ["legal_name"]}]
    assert de["id"] not in response.text

    seen_by_de = await actors.get("/v1/actors/duplicates", caller=DE)
    assert seen_by_de.status_code == 200
    assert seen_by_de.json() == {
        "items": [
            {
                "actor_id": de["id"],
                "public_name": ANNA_DE["public_name"],
                "possible_duplicates": [{"custodian_state": "PL", "matched_on": ["legal_name"]}],
            }
        ],
        "next_cursor": None,
    }
    assert pl["id"] not in seen_by_de.text
    seen_by_pl = (await actors.get("/v1/actors/duplicates", caller=PL)).json()
    assert [item["actor_id"] for item in seen_by_pl["items"]] == [pl["id"]]
    assert de["id"] not in orjson.dumps(seen_by_pl).decode()
    assert (await actors.get("/v1/actors/duplicates", caller=FR)).json()["items"] == []

    [event] = await _duplicate_events(actors)
    assert event["type"] == "agora.actors.duplicate_suspected.v1"
    assert event["data"]["states"] == ["DE", "PL"]
    assert event["data"]["matched_on"] == ["legal_name"]
    published = orjson.dumps(event).decode()
    assert de["id"] not in published
    assert pl["id"] not in published


async def test_a_shared_contact_matches_and_one_states_own_records_do_not(
    actors: ServiceClient,
) -> None:
    await register(actors, DE, **ANNA_DE)
    same_state = await register(actors, DE, **ANNA_DE)
    assert same_state["possible_duplicates"] == []
    other = await register(
        actors,
        FR,
        **{**PERSON, "legal_name": "Someone Else", "contact": {"phone": "8 (495) 1234567"}},
    )
    assert other["possible_duplicates"] == [{"custodian_state": "DE", "matched_on": ["phone"]}]
    listed = (await actors.get("/v1/actors/duplicates", caller=DE)).json()["items"]
    assert len(listed) == 2  # both of DE's records match FR's


async def test_a_patch_of_the_legal_name_matches_anew_and_publishes_once(
    actors: ServiceClient,
) -> None:
    await register(actors, DE, **ANNA_DE)
    pl = await register(actors, PL, **{**ANNA_PL, "legal_name": "Maria Petrova"})
    assert pl["possible_duplicates"] == []
    for name in ("Anna Ivanova", "Ivanova, Anna"):
        actor = (await actors.get(f"/v1/actors/{pl['id']}", caller=PL)).json()
        patched = await actors.patch(
            f"/v1/actors/{pl['id']}",
            caller=PL,
            json={"legal_name": name},
            headers={"If-Match": f'"{actor["version"]}"'},
        )
        assert patched.status_code == 200, patched.text
    listed = (await actors.get("/v1/actors/duplicates", caller=PL)).json()["items"]
    assert listed[0]["possible_duplicates"] == [
        {"custodian_state": "DE", "matched_on": ["legal_name"]}
    ]
    assert len(await _duplicate_events(actors)) == 1  # the second spelling is the same match


async def test_erasure_deletes_the_fingerprints_and_the_match(actors: ServiceClient) -> None:
    de = await register(actors, DE, **ANNA_DE)
    await register(actors, PL, **ANNA_PL)
    erased = await actors.delete(f"/v1/actors/{de['id']}", caller=DE, headers={"If-Match": '"1"'})
    assert erased.status_code == 204
    async with db_of(actors).transaction(readonly=True) as session:
        left = await session.scalar(
            text("SELECT count(*) FROM identity_fingerprints WHERE actor_id = :id"),
            {"id": de["id"]},
        )
    assert left == 0
    assert (await actors.get("/v1/actors/duplicates", caller=PL)).json()["items"] == []


async def test_the_database_holds_keyed_hashes_not_the_normalised_name(
    actors: ServiceClient,
) -> None:
    await register(actors, DE, **ANNA_DE)
    async with db_of(actors).transaction(readonly=True) as session:
        rows = (await session.execute(text("SELECT kind, hash FROM identity_fingerprints"))).all()
    assert {row.kind for row in rows} == {"legal_name", "email", "phone"}
    assert all("anna" not in row.hash and "ivanova" not in row.hash for row in rows)


async def test_duplicates_are_paged_and_for_agencies_only(actors: ServiceClient) -> None:
    for n in range(3):
        await register(actors, DE, **{**ANNA_DE, "contact": {"email": f"a{n}@example.org"}})
    await register(actors, PL, **ANNA_PL)
    first = (await actors.get("/v1/actors/duplicates?limit=2", caller=DE)).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    rest = await actors.get(
        "/v1/actors/duplicates", caller=DE, params={"limit": 2, "cursor": first["next_cursor"]}
    )
    assert len(rest.json()["items"]) == 1
    assert rest.json()["next_cursor"] is None
    bad = await actors.get("/v1/actors/duplicates?limit=0", caller=DE)
    assert bad.status_code == 422
    assert (await actors.get("/v1/actors/duplicates?cursor=nonsense", caller=DE)).status_code == 422


async def test_leadership_of_an_organisation_round_trips_and_is_published(
    actors: ServiceClient,
) -> None:
    leadership = {"women_led": True, "minority_led": False, "regional": True}
    org = await register(actors, DE, leadership=leadership)
    assert org["leadership"] == leadership
    patched = await actors.patch(
        f"/v1/actors/{org['id']}",
        caller=DE,
        json={"leadership": {"regional": False}},
        headers={"If-Match": '"1"'},
    )
    assert patched.status_code == 200, patched.text
    expected = {**leadership, "regional": False}
    assert patched.json()["leadership"] == expected
    seen_by_fr = (await actors.get(f"/v1/actors/{org['id']}", caller=FR)).json()
    assert seen_by_fr["leadership"] == expected  # public
    async with db_of(actors).transaction(readonly=True) as session:
        payloads = (
            await session.execute(
                select(outbox.c.payload)
                .where(outbox.c.subject == "agora.actors.updated")
                .order_by(outbox.c.seq)
            )
        ).all()
    assert orjson.loads(payloads[-1].payload)["data"]["leadership"] == expected


async def test_leadership_is_refused_for_individuals_and_validated(
    actors: ServiceClient,
) -> None:
    refused = await actors.post(
        "/v1/actors", caller=DE, json={**PERSON, "leadership": {"women_led": True}}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "leadership"]
    person = await register(actors, DE, **PERSON)
    patched = await actors.patch(
        f"/v1/actors/{person['id']}",
        caller=DE,
        json={"leadership": {"regional": True}},
        headers={"If-Match": '"1"'},
    )
    assert patched.status_code == 422
    typed = await actors.post(
        "/v1/actors",
        caller=DE,
        json={**PERSON, "kind": "organisation", "leadership": {"women_led": "secret-value"}},
    )
    assert typed.status_code == 422
    assert "secret-value" not in typed.text
    unknown = await actors.post(
        "/v1/actors", caller=DE, json={**PERSON, "kind": "initiative", "leadership": {"x": True}}
    )
    assert unknown.status_code == 422


async def test_the_new_activities_are_accepted(actors: ServiceClient) -> None:
    activities = [
        "war_crimes_documentation",
        "historical_memory",
        "decentralisation",
        "minority_rights",
        "lgbtq_advocacy",
    ]
    org = await register(actors, DE, activities=activities)
    assert org["activities"] == activities
    listed = await actors.get("/v1/actors", caller=FR, params={"activity": "lgbtq_advocacy"})
    assert [a["id"] for a in listed.json()["items"]] == [org["id"]]
