"""Commitments against real SQLite and PostgreSQL: create, validate, overlap, lifecycle, list."""

from typing import Any

from agora_common.events import CloudEvent
from agora_common.pagination import encode_cursor
from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from sqlalchemy import select

DE = Caller("agency", "DE")
FR = Caller("agency", "FR")
NL = Caller("agency", "NL")


def grant(actor_id: str, **over: object) -> dict[str, object]:
    body: dict[str, object] = {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "120000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "purposes": ["anti_war", "public_debate"],
    }
    body.update(over)
    return body


async def events(service: ServiceClient) -> list[tuple[str, dict]]:
    db = service.app.state.db
    async with db.transaction(readonly=True) as session:
        rows = (await session.execute(select(outbox.c.payload).order_by(outbox.c.seq))).all()
    parsed = [CloudEvent.from_json(r.payload) for r in rows]
    return [(e.type, e.data) for e in parsed]


async def test_commit_then_read(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_one")
    created = await funding.post("/v1/funding/commitments", caller=DE, json=grant(actor))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["donor"] == "DE"
    assert body["status"] == "committed"
    assert body["horizon"] == "short"
    assert body["amount"] == "120000.00"
    assert body["disbursed"] == "0.00"
    assert body["overlaps"] == []
    assert created.headers["location"] == f"/v1/funding/commitments/{body['id']}"

    fetched = await funding.get(f"/v1/funding/commitments/{body['id']}", caller=FR)
    assert fetched.status_code == 200
    assert fetched.json()["disbursements"] == []
    assert fetched.headers["etag"] == '"1"'
    [(kind, data)] = await events(funding)
    assert kind == "agora.funding.commitment_made.v1"
    assert data == {
        "commitment_id": body["id"],
        "donor": "DE",
        "actor_id": actor,
        "instrument": "grant",
        "amount": "120000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2027-12-31"},
        "purposes": ["anti_war", "public_debate"],
        "status": "committed",
        "horizon": "short",
        "version": 1,
        "confidential": False,
    }


async def test_the_donor_is_the_callers_state_never_the_body(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_body")
    response = await funding.post(
        "/v1/funding/commitments", caller=DE, json={**grant(actor), "donor": "FR"}
    )
    assert response.status_code == 422
    assert (await events(funding)) == []


async def test_overlap_is_reported_and_published(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_overlap")
    first = (await funding.post("/v1/funding/commitments", caller=DE, json=grant(actor))).json()
    # Same donor again: not an overlap with itself.
    own = await funding.post("/v1/funding/commitments", caller=DE, json=grant(actor))
    assert own.json()["overlaps"] == []
    # Another donor, no shared purpose: no overlap.
    apart = await funding.post(
        "/v1/funding/commitments", caller=NL, json=grant(actor, purposes=["ukraine_support"])
    )
    assert apart.json()["overlaps"] == []
    # Another donor, shared purpose but a later period: no overlap.
    later = await funding.post(
        "/v1/funding/commitments",
        caller=NL,
        json=grant(actor, period={"start": "2030-01-01", "end": "2030-06-30"}),
    )
    assert later.json()["overlaps"] == []

    second = await funding.post(
        "/v1/funding/commitments",
        caller=FR,
        json=grant(
            actor,
            purposes=["public_debate", "domestic_outreach"],
            period={"start": "2027-12-31", "end": "2029-12-31"},
        ),
    )
    assert second.status_code == 201
    overlaps = second.json()["overlaps"]
    assert [(o["commitment_id"], o["shared_purposes"]) for o in overlaps] == [
        (first["id"], ["public_debate"]),
        (own.json()["id"], ["public_debate"]),
    ]
    assert second.json()["horizon"] == "mid"
    published = [
        data for kind, data in await events(funding) if kind.endswith("overlap_detected.v1")
    ]
    assert published == [
        {
            "commitment_id": second.json()["id"],
            "actor_id": actor,
            "donor": "FR",
            "purposes": ["domestic_outreach", "public_debate"],
            # Each with the notice both donors see (issue 14): both sides are named.
            "overlapping": [
                {
                    "commitment_id": first["id"],
                    "donor": "DE",
                    "overlap_id": overlaps[0]["overlap_id"],
                    "coordinated": False,
                },
                {
                    "commitment_id": own.json()["id"],
                    "donor": "DE",
                    "overlap_id": overlaps[1]["overlap_id"],
                    "coordinated": False,
                },
            ],
        }
    ]

    # Cancelled commitments do not count.
    for c in (first["id"], own.json()["id"]):
        assert (
            await funding.post(f"/v1/funding/commitments/{c}/cancel", caller=DE)
        ).status_code == 200
    third = await funding.post("/v1/funding/commitments", caller=NL, json=grant(actor))
    assert [o["commitment_id"] for o in third.json()["overlaps"]] == [second.json()["id"]]

    summary = await funding.get(f"/v1/funding/actors/{actor}/summary", caller=DE)
    assert summary.status_code == 200, summary.text
    pairs = [sorted(m["donor"] for m in p["commitments"]) for p in summary.json()["overlaps"]]
    assert pairs == [["FR", "NL"]]


async def test_invalid_commitments_are_refused_and_change_nothing(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_invalid")
    await actors.apply(actors.event("act_erased"))
    await actors.apply(actors.event("act_erased", version=2, event_type="erased"))
    cases = [
        (grant("act_never_heard_of"), ["body", "actor_id"]),
        (grant("act_erased"), ["body", "actor_id"]),
        (
            grant(actor, period={"start": "2026-02-01", "end": "2026-01-31"}),
            ["body", "period", "end"],
        ),
        (grant(actor, amount="10.005"), ["body", "amount"]),
        (grant(actor, amount="10", currency="JPY") | {"amount": "10.5"}, ["body", "amount"]),
        (grant(actor, amount=1200.5), ["body", "amount"]),
        (grant(actor, amount="-5"), ["body", "amount"]),
        (grant(actor, amount="0"), ["body", "amount"]),
        (grant(actor, amount="1e5"), ["body", "amount"]),
        (grant(actor, currency="XAU"), ["body", "currency"]),
        (grant(actor, currency="ABC"), ["body", "currency"]),
        (grant(actor, amount=None), ["body", "amount"]),
        (grant(actor, instrument="work_permit"), ["body", "amount"]),
        (grant(actor, status="disbursed"), ["body", "status"]),
        (grant(actor, purposes=[]), ["body", "purposes"]),
        (grant(actor, purposes=["lobbying"]), ["body", "purposes", 0]),
        (grant(actor, period={"start": "2026-01-01", "end": 20270101}), ["body", "period", "end"]),
        (
            grant(actor, period={"start": "2026-02-30", "end": "2027-01-01"}),
            ["body", "period", "start"],
        ),
        (grant("act\u0000nul"), ["body", "actor_id"]),
        (grant("a" * 65), ["body", "actor_id"]),
    ]
    for body, loc in cases:
        response = await funding.post("/v1/funding/commitments", caller=DE, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert loc in [e["loc"] for e in response.json()["errors"]], (body, response.json())
    assert (await events(funding)) == []
    listed = await funding.get("/v1/funding/commitments", caller=DE)
    assert listed.json()["items"] == []
    for url in (
        "/v1/funding/commitments/x%00y",
        "/v1/funding/commitments/x%00y/cancel",
        "/v1/funding/actors/x%00y/summary",
        "/v1/funding/commitments?actor_id=x%00y",
    ):
        method = funding.post if url.endswith("cancel") else funding.get
        assert (await method(url, caller=DE)).status_code == 422, url
    at_the_end_of_time = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json=grant(actor, period={"start": "9998-06-01", "end": "9999-12-31"}),
    )
    assert at_the_end_of_time.json()["horizon"] == "short"


async def test_exact_amounts_never_pass_through_a_float(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_exact")
    # 0.1 as a binary float is 0.1000000000000000055511151231257827…: refused, not rounded.
    refused = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json=grant(actor, amount="0.1000000000000000055511151231257827"),
    )
    assert refused.status_code == 422
    large = "9999999999999.99"  # the largest EUR amount: 10^15 - 1 cents
    created = await funding.post(
        "/v1/funding/commitments", caller=DE, json=grant(actor, amount=large)
    )
    assert created.status_code == 201, created.text
    assert created.json()["amount"] == large
    fetched = await funding.get(f"/v1/funding/commitments/{created.json()['id']}", caller=DE)
    assert fetched.json()["amount"] == large
    kwd = await funding.post(
        "/v1/funding/commitments", caller=DE, json=grant(actor, amount="0.001", currency="KWD")
    )
    assert kwd.json()["amount"] == "0.001"
    jpy = await funding.post(
        "/v1/funding/commitments", caller=DE, json=grant(actor, amount="1500", currency="JPY")
    )
    assert jpy.json()["amount"] == "1500"
    assert jpy.json()["disbursed"] == "0"


async def test_amounts_are_bounded_and_never_rounded(funding: ServiceClient, actors: Any) -> None:
    """Below 10^15 minor units in every currency (a 64-bit column and exact sums stay safe), and
    exact: more decimals than the currency has are refused whatever the precision needed."""
    actor = await actors.known("act_bounds")
    refused = [
        ("999999999999999.9999", "CLF"),  # 9,999,999,999,999,999,999 minor units: past 2^63
        ("100000000000.0001", "CLF"),  # 10^15 + 1 minor units
        ("99999999999999999999999999999999999.99", "UYW"),
        ("10000000000000.01", "EUR"),
        ("1000000000000001", "JPY"),
        ("1.00000000000000000000000000000001", "EUR"),  # 100 cents in a 28-digit context
        ("9999999999999.99000000000000000000000001", "EUR"),
        ("0.00000000000000000000000000000000000001", "JPY"),
    ]
    for amount, currency in refused:
        response = await funding.post(
            "/v1/funding/commitments",
            caller=DE,
            json=grant(actor, amount=amount, currency=currency),
        )
        assert response.status_code == 422, (amount, currency, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "amount"]]
        assert amount not in response.text
    assert (await events(funding)) == []
    assert (await funding.get("/v1/funding/commitments", caller=DE)).json()["items"] == []

    largest = {"CLF": "99999999999.9999", "UYW": "99999999999.9999", "JPY": "999999999999999"}
    for currency, amount in largest.items():
        created = await funding.post(
            "/v1/funding/commitments",
            caller=DE,
            json=grant(actor, amount=amount, currency=currency, status="committed"),
        )
        assert created.status_code == 201, created.text
        assert created.json()["amount"] == amount
    exact = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json=grant(actor, amount="1.0000000000000000000000000000000000000", status="committed"),
    )
    assert exact.status_code == 201, exact.text  # trailing zeros are exact: 100 cents
    assert exact.json()["amount"] == "1.00"

    url = f"/v1/funding/commitments/{exact.json()['id']}/disbursements"
    for amount in ("0.50000000000000000000000000000001", "100000000000000000", "1.01"):
        response = await funding.post(url, caller=DE, json={"amount": amount, "date": "2026-02-01"})
        assert response.status_code == 422, (amount, response.text)
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "amount"]]
    fetched = await funding.get(f"/v1/funding/commitments/{exact.json()['id']}", caller=DE)
    assert (fetched.json()["disbursed"], fetched.json()["version"]) == ("0.00", 1)


async def test_permits_carry_no_amount(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_permit")
    body = grant(actor, instrument="residence_permit", amount=None, currency=None)
    created = await funding.post("/v1/funding/commitments", caller=DE, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["amount"] is None
    assert created.json()["disbursed"] is None
    disbursed = await funding.post(
        f"/v1/funding/commitments/{created.json()['id']}/disbursements",
        caller=DE,
        json={"amount": "1.00", "date": "2026-02-01"},
    )
    assert disbursed.status_code == 409


async def test_lifecycle(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_life")
    pledge = (
        await funding.post(
            "/v1/funding/commitments",
            caller=DE,
            json=grant(actor, amount="1000.00", status="pledged"),
        )
    ).json()
    url = f"/v1/funding/commitments/{pledge['id']}"
    assert pledge["status"] == "pledged"
    payout = {"amount": "400.00", "date": "2026-03-01"}
    assert (await funding.post(f"{url}/disbursements", caller=DE, json=payout)).status_code == 409
    assert (await funding.post(f"{url}/commit", caller=FR)).status_code == 403
    committed = await funding.post(f"{url}/commit", caller=DE)
    assert committed.json()["status"] == "committed"

    first = await funding.post(f"{url}/disbursements", caller=DE, json=payout)
    assert first.status_code == 201, first.text
    assert first.json()["disbursed"] == "400.00"
    assert first.json()["status"] == "committed"
    too_much = await funding.post(
        f"{url}/disbursements", caller=DE, json={"amount": "600.01", "date": "2026-04-01"}
    )
    assert too_much.status_code == 422
    assert (await funding.post(f"{url}/disbursements", caller=FR, json=payout)).status_code == 403
    rest = await funding.post(
        f"{url}/disbursements", caller=DE, json={"amount": "600", "date": "2026-04-01"}
    )
    assert rest.json()["status"] == "disbursed"
    assert [d["amount"] for d in rest.json()["disbursements"]] == ["400.00", "600.00"]
    assert (await funding.post(f"{url}/cancel", caller=DE)).status_code == 409
    completed = await funding.post(f"{url}/complete", caller=DE)
    assert completed.json()["status"] == "completed"
    assert completed.headers["etag"] == '"5"'
    kinds = [kind.removeprefix("agora.funding.") for kind, _ in await events(funding)]
    assert kinds == [
        "commitment_made.v1",
        "commitment_status_changed.v1",
        "disbursement_recorded.v1",
        "disbursement_recorded.v1",
        "commitment_status_changed.v1",
    ]
    last_payout = [d for k, d in await events(funding) if k.endswith("disbursement_recorded.v1")][
        -1
    ]
    assert last_payout["disbursed_total"] == "1000.00"
    assert last_payout["status"] == "disbursed"


async def test_only_the_donor_cancels(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_cancel")
    created = (await funding.post("/v1/funding/commitments", caller=DE, json=grant(actor))).json()
    url = f"/v1/funding/commitments/{created['id']}/cancel"
    assert (await funding.post(url, caller=FR)).status_code == 403
    assert (await funding.post(url, caller=Caller("admin"))).status_code == 403
    assert (
        await funding.post("/v1/funding/commitments/cmt_nope/cancel", caller=DE)
    ).status_code == 404
    cancelled = await funding.post(url, caller=DE)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    again = await funding.post(url, caller=DE)
    assert again.status_code == 200
    cancels = [d for k, d in await events(funding) if k.endswith("commitment_cancelled.v1")]
    assert cancels == [
        {
            "commitment_id": created["id"],
            "donor": "DE",
            "actor_id": actor,
            "status": "cancelled",
            "version": 2,
        }
    ]


async def test_roles(funding: ServiceClient) -> None:
    for caller in (Caller("evaluator", "DE"), Caller("auditor"), Caller("admin")):
        assert (await funding.get("/v1/funding/commitments", caller=caller)).status_code == 403
    assert (await funding.get("/v1/funding/commitments", caller=None)).status_code == 401
    no_state = await funding.post(
        "/v1/funding/commitments", caller=Caller("agency"), json=grant("act_x")
    )
    assert no_state.status_code == 403


async def test_filters_and_keyset_pages(funding: ServiceClient, actors: Any) -> None:
    a = await actors.known("act_list_a")
    b = await actors.known("act_list_b")
    made = []
    for i in range(5):
        body = grant(a if i % 2 == 0 else b, purposes=["anti_war"] if i < 3 else ["public_debate"])
        made.append(
            (
                await funding.post("/v1/funding/commitments", caller=DE if i < 4 else FR, json=body)
            ).json()["id"]
        )
    await funding.post(f"/v1/funding/commitments/{made[0]}/cancel", caller=DE)

    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await funding.get("/v1/funding/commitments", caller=NL, params=params)).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(made))

    async def ids(**params: object) -> set[str]:
        response = await funding.get("/v1/funding/commitments", caller=NL, params=params)
        assert response.status_code == 200, response.text
        return {c["id"] for c in response.json()["items"]}

    assert await ids(actor_id=a) == {made[0], made[2], made[4]}
    assert await ids(donor="FR") == {made[4]}
    assert await ids(status="cancelled") == {made[0]}
    assert await ids(purpose="public_debate") == {made[3], made[4]}
    assert await ids(active_on="2027-12-31", actor_id=b) == {made[1], made[3]}
    assert await ids(active_on="2028-01-01") == set()
    forged = encode_cursor("2026-01-01T00:00:00+00:00", "x\u0000y")
    for bad in (
        {"cursor": forged},
        {"limit": 0},
        {"limit": 201},
        {"cursor": "garbage"},
        {"status": "lost"},
        {"active_on": "tomorrow"},
    ):
        response = await funding.get("/v1/funding/commitments", caller=NL, params=bad)
        assert response.status_code == 422, bad
