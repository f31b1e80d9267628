"""Erasure against real SQLite and PostgreSQL: only a tombstone of the actor stays in funding."""

from typing import Any

from agora_common.testing.client import Caller, ServiceClient
from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment, CommitmentPurpose, Disbursement
from sqlalchemy import func, select

DE, FR, NL = Caller("agency", "DE"), Caller("agency", "FR"), Caller("agency", "NL")
AS_OF = {"as_of": "2026-06-01"}


def grant(actor_id: str, **over: object) -> dict[str, object]:
    return {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "50000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "purposes": ["public_debate"],
    } | over


async def make(funding: ServiceClient, caller: Caller, body: dict[str, object]) -> str:
    response = await funding.post("/v1/funding/commitments", caller=caller, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def rows(funding: ServiceClient, table: Any) -> int:
    async with funding.app.state.db.transaction(readonly=True) as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_an_erased_actor_leaves_every_list_and_report(
    funding: ServiceClient, actors: Any
) -> None:
    person = await actors.known("act_person")
    kept = await actors.known("act_kept")
    first = await make(funding, DE, grant(person))
    await make(funding, FR, grant(person, confidential=True))
    paid = await funding.post(
        f"/v1/funding/commitments/{first}/disbursements",
        caller=DE,
        json={"amount": "10000.00", "date": "2026-02-01"},
    )
    assert paid.status_code == 201, paid.text
    other = await make(funding, NL, grant(kept, amount="20000.00"))
    assert (await funding.get(f"/v1/funding/actors/{person}/summary", caller=NL)).status_code == 200

    await actors.apply(actors.event(person, version=2, event_type="erased"))

    for caller in (DE, FR, NL):
        by_actor = await funding.get(
            "/v1/funding/commitments", caller=caller, params={"actor_id": person}
        )
        assert (by_actor.status_code, by_actor.json()) == (
            200,
            {"items": [], "next_cursor": None},
        )
        everything = await funding.get("/v1/funding/commitments", caller=caller)
        assert [c["id"] for c in everything.json()["items"]] == [other]
        assert person not in everything.text
        assert (
            await funding.get(f"/v1/funding/commitments/{first}", caller=caller)
        ).status_code == 404
        summary = await funding.get(f"/v1/funding/actors/{person}/summary", caller=caller)
        assert summary.status_code == 410
        assert person not in summary.text
    report = await funding.get("/v1/funding/reports/concentration", caller=NL, params=AS_OF)
    assert (report.json()["total_committed_eur"], report.json()["actors_funded"]) == (
        "20000.00",
        1,
    )
    assert report.json()["confidential_commitments"] == 0
    # Its donor cannot touch it any more either.
    refund = await funding.post(
        f"/v1/funding/commitments/{first}/disbursements",
        caller=DE,
        json={"amount": "1.00", "date": "2026-03-01"},
    )
    assert refund.status_code == 404

    # In the database: the commitments, their purposes and disbursements are gone; the tombstone
    # (id, version, erased) is all that names the actor.
    assert (await rows(funding, Commitment), await rows(funding, Disbursement)) == (1, 0)
    assert await rows(funding, CommitmentPurpose) == 1
    async with funding.app.state.db.transaction(readonly=True) as session:
        tombstone = await session.get(KnownActor, person)
    assert tombstone is not None
    assert (tombstone.erased, tombstone.kind, tombstone.custodian_state) == (True, None, None)

    # Replayed, the erasure changes nothing; a new commitment to the actor is refused.
    await actors.apply(actors.event(person, version=2, event_type="erased"))
    again = await funding.post("/v1/funding/commitments", caller=DE, json=grant(person))
    assert again.status_code == 422
    assert await rows(funding, Commitment) == 1


async def test_bidi_and_zero_width_characters_are_refused_without_echo(
    funding: ServiceClient, actors: Any
) -> None:
    """Funding's request bodies hold no free text; every string field is a code or a number
    with a pattern, so an override or a joiner in one is a 422 that does not repeat it."""
    actor = await actors.known("act_text")
    for field, value in (
        ("actor_id", actor + "\u202e"),
        ("amount", "1000\u200d.00"),
        ("currency", "E\u202eUR"),
    ):
        response = await funding.post(
            "/v1/funding/commitments", caller=DE, json=grant(actor) | {field: value}
        )
        assert response.status_code == 422, field
        assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
        assert value not in response.text
        assert "\\u202e" not in response.text.lower()
        assert "\\u200d" not in response.text.lower()
    rate = await funding.put(
        "/v1/funding/fx-rates/USD",
        caller=Caller("admin"),
        json={"eur_per_unit": "0.9\u200d", "as_of": "2026-01-01"},
    )
    assert rate.status_code == 422
    assert "0.9\u200d" not in rate.text
