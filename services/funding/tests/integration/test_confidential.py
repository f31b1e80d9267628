"""Confidential commitments against real SQLite and PostgreSQL: the donor sees its commitment,
other donors only an overlap flag, and no report lets anyone subtract its way to the amount."""

from typing import Any

from agora_common.events import CloudEvent
from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

DE, FR, NL = Caller("agency", "DE"), Caller("agency", "FR"), Caller("agency", "NL")
ADMIN = Caller("admin")
SECRET_AMOUNT = "987654.00"  # DE's confidential amount: no answer to anyone else may hold it
SECRET_DIGITS = "987654"


def body(actor_id: str, **over: object) -> dict[str, object]:
    made: dict[str, object] = {
        "actor_id": actor_id,
        "instrument": "fellowship",
        "amount": "100000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "purposes": ["anti_war", "public_debate"],
    }
    made.update(over)
    return made


async def make(funding: ServiceClient, caller: Caller, actor_id: str, **over: object) -> str:
    response = await funding.post(
        "/v1/funding/commitments", caller=caller, json=body(actor_id, **over)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def confidential(funding: ServiceClient, actor_id: str, **over: object) -> str:
    """DE's confidential grant of SECRET_AMOUNT to the actor."""
    fields: dict[str, object] = {"instrument": "grant", "amount": SECRET_AMOUNT} | over
    return await make(funding, DE, actor_id, confidential=True, **fields)


async def published(funding: ServiceClient) -> list[tuple[str, dict[str, Any]]]:
    async with funding.app.state.db.transaction(readonly=True) as session:
        rows = (await session.execute(select(outbox.c.payload).order_by(outbox.c.seq))).all()
    return [(e.type, e.data) for e in (CloudEvent.from_json(r.payload) for r in rows)]


async def test_the_donor_alone_reads_its_confidential_commitment(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_conf")
    created = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json=body(actor, instrument="grant", amount=SECRET_AMOUNT, confidential=True),
    )
    assert created.status_code == 201, created.text
    assert (created.json()["confidential"], created.json()["amount"]) == (True, SECRET_AMOUNT)
    secret = created.json()["id"]
    url = f"/v1/funding/commitments/{secret}"

    mine = await funding.get(url, caller=DE)
    assert (mine.status_code, mine.json()["amount"]) == (200, SECRET_AMOUNT)
    assert (await funding.get(url, caller=FR)).status_code == 404
    # Changing it is a 404 too: a 403 would tell another donor that it exists.
    assert (await funding.post(f"{url}/cancel", caller=FR)).status_code == 404
    payout = {"amount": "1.00", "date": "2026-02-01"}
    assert (await funding.post(f"{url}/disbursements", caller=FR, json=payout)).status_code == 404

    def listed(caller: Caller, **params: object) -> Any:
        return funding.get("/v1/funding/commitments", caller=caller, params=params)

    assert [c["id"] for c in (await listed(DE, actor_id=actor)).json()["items"]] == [secret]
    for params in ({"actor_id": actor}, {"donor": "DE"}, {}, {"purpose": "anti_war"}):
        assert (await listed(FR, **params)).json()["items"] == [], params

    # Published without its amount: other services must not learn it either.
    paid = await funding.post(f"{url}/disbursements", caller=DE, json=payout)
    assert paid.status_code == 201, paid.text
    events = dict(await published(funding))
    made = events["agora.funding.commitment_made.v1"]
    assert (made["confidential"], made["amount"], made["currency"]) == (True, None, None)
    disbursed = events["agora.funding.disbursement_recorded.v1"]
    assert (disbursed["amount"], disbursed["disbursed_total"], disbursed["currency"]) == (
        None,
        None,
        None,
    )
    assert SECRET_DIGITS not in str(events)


async def test_other_donors_see_only_an_overlap_flag(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_flag")
    secret = await confidential(funding, actor)
    fr = await funding.post("/v1/funding/commitments", caller=FR, json=body(actor))
    assert fr.status_code == 201, fr.text
    [flag] = fr.json()["overlaps"]
    assert flag == {
        "overlap_id": flag["overlap_id"],
        "coordinated": False,
        "commitment_id": secret,
        "donor": "DE",
        "confidential": True,
        "instrument": None,
        "status": None,
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "shared_purposes": ["anti_war", "public_debate"],
    }
    # The overlap event names the confidential commitment and its donor only.
    [overlap] = [d for t, d in await published(funding) if t.endswith("overlap_detected.v1")]
    assert overlap["overlapping"] == [
        {
            "commitment_id": secret,
            "donor": "DE",
            "overlap_id": flag["overlap_id"],
            "coordinated": False,
        }
    ]

    # DE sees FR's ordinary commitment in full; its own confidential one stays confidential.
    de_view = await funding.post("/v1/funding/commitments", caller=DE, json=body(actor))
    assert [o["confidential"] for o in de_view.json()["overlaps"]] == [False]
    assert de_view.json()["overlaps"][0]["instrument"] == "fellowship"

    def summary(caller: Caller) -> Any:
        return funding.get(
            f"/v1/funding/actors/{actor}/summary", caller=caller, params={"as_of": "2026-06-01"}
        )

    fr_summary = (await summary(FR)).json()
    # FR's 100,000 and DE's ordinary 100,000: DE's confidential grant is in no list or total.
    assert fr_summary["committed_eur"] == "200000.00"
    assert [(d["donor"], d["committed_eur"]) for d in fr_summary["by_donor"]] == [
        ("DE", "100000.00"),
        ("FR", "100000.00"),
    ]
    assert secret not in {c["id"] for c in fr_summary["commitments"]}
    # The flag on FR's own commitment is there; the pair of DE's two commitments is DE's own.
    flagged = [
        {m["commitment_id"] for m in p["commitments"]}
        for p in fr_summary["overlaps"]
        if secret in {m["commitment_id"] for m in p["commitments"]}
    ]
    assert flagged == [{secret, fr.json()["id"]}]
    assert SECRET_DIGITS not in str(fr_summary)

    # NL has no commitment of its own here: no flag at all.
    nl_summary = (await summary(NL)).json()
    assert secret not in str(nl_summary)
    assert nl_summary["committed_eur"] == "200000.00"

    de_summary = (await summary(DE)).json()
    assert de_summary["committed_eur"] == "1187654.00"  # the donor's own view has it
    assert secret in {c["id"] for c in de_summary["commitments"]}


async def test_a_confidential_currency_is_never_named_by_a_missing_rate(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_rate")
    await make(funding, FR, actor)
    await confidential(funding, actor, currency="MNT", amount="25000000.00")
    params = {"as_of": "2026-06-01"}
    fr_summary = await funding.get(f"/v1/funding/actors/{actor}/summary", caller=FR, params=params)
    assert fr_summary.status_code == 200, fr_summary.text
    report = await funding.get("/v1/funding/reports/concentration", caller=FR, params=params)
    assert report.status_code == 200, report.text
    assert "MNT" not in report.text + fr_summary.text
    # Its donor converts it, so its donor needs the rate.
    de_summary = await funding.get(f"/v1/funding/actors/{actor}/summary", caller=DE, params=params)
    assert de_summary.status_code == 422
    assert "MNT" in de_summary.json()["detail"]


async def report(funding: ServiceClient, caller: Caller, as_of: str) -> dict[str, Any]:
    response = await funding.get(
        "/v1/funding/reports/concentration", caller=caller, params={"as_of": as_of}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_the_subtraction_attack_learns_nothing(funding: ServiceClient, actors: Any) -> None:
    """FR is the only other donor of the actor. It knows its own amount and reads every ordinary
    commitment, so it subtracts those from the report's figures — on the day DE's confidential
    commitment starts and the day before — and must find no trace of DE's amount."""
    actor = await actors.known("act_target")
    other = await actors.known("act_other")
    await make(funding, FR, actor, amount="100000.00")
    await make(funding, NL, other, amount="300000.00")
    days = ("2026-02-28", "2026-03-01", "2026-07-01", "2027-01-01")
    before = {day: await report(funding, caller, day) for day in days for caller in (FR,)}

    await confidential(funding, actor, period={"start": "2026-03-01", "end": "2026-12-31"})
    await confidential(funding, other, instrument="in_kind", amount="5000.00")  # a thin one
    for caller in (FR, NL, DE, ADMIN):
        for day in days:
            after = await report(funding, caller, day)
            counted = after.pop("confidential_commitments")
            was = dict(before[day])
            assert was.pop("confidential_commitments") == 0
            # Every figure — total, HHI, top-10 share, thin grants, donors per actor, per
            # instrument and per horizon — is what it was without the confidential commitments.
            assert after == was, (caller, day)
            assert counted == {"2026-02-28": 1, "2026-03-01": 2, "2026-07-01": 2}.get(day, 0)
            assert SECRET_DIGITS not in str(after)

    # What FR computes: report total minus every commitment it can list is zero, not DE's amount.
    march = await report(funding, FR, "2026-07-01")
    listed = (await funding.get("/v1/funding/commitments", caller=FR)).json()["items"]
    visible = sum(float(c["amount"]) for c in listed)
    assert float(march["total_committed_eur"]) - visible == 0.0
    assert march["hhi"] == 6250.0  # 100,000 and 300,000 alone: 25² + 75²


async def test_confidential_is_a_boolean(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_bool")
    for value in ("yes", 1, None):
        response = await funding.post(
            "/v1/funding/commitments", caller=DE, json=body(actor, confidential=value)
        )
        assert response.status_code == 422, value
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "confidential"]]
