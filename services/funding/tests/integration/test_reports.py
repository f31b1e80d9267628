"""The concentration report and the actor summary on a small worked example, both databases."""

from typing import Any

from agora_common.testing.client import Caller, ServiceClient

DE, FR, NL = Caller("agency", "DE"), Caller("agency", "FR"), Caller("agency", "NL")
ADMIN = Caller("admin")
YEAR_2026 = {"start": "2026-01-01", "end": "2026-12-31"}


async def commit(
    funding: ServiceClient,
    caller: Caller,
    actor: str,
    instrument: str,
    amount: str | None,
    currency: str | None,
    *,
    period: dict[str, str] = YEAR_2026,
    status: str = "committed",
) -> str:
    body: dict[str, Any] = {
        "actor_id": actor,
        "instrument": instrument,
        "period": period,
        "purposes": ["anti_war"],
        "status": status,
    }
    if amount is not None:
        body |= {"amount": amount, "currency": currency}
    response = await funding.post("/v1/funding/commitments", caller=caller, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def set_rate(funding: ServiceClient, currency: str, rate: str, as_of: str) -> None:
    response = await funding.put(
        f"/v1/funding/fx-rates/{currency}",
        caller=ADMIN,
        json={"eur_per_unit": rate, "as_of": as_of},
    )
    assert response.status_code == 200, response.text


async def worked_example(funding: ServiceClient, actors: Any) -> None:
    a = await actors.known("act_A", established_on="2010-01-01", relocated_on="2014-03-01")
    b = await actors.known("act_B", established_on="2023-03-01", relocated_on=None)
    c = await actors.known("act_C", established_on=None, relocated_on="2022-05-01")
    d = await actors.known("act_D")
    await set_rate(funding, "USD", "0.9", "2026-01-01")
    await set_rate(funding, "USD", "0.8", "2026-06-01")
    await commit(funding, DE, a, "grant", "60000.00", "EUR")
    await commit(funding, FR, a, "fellowship", "20000.00", "EUR")
    await commit(funding, DE, b, "grant", "10000.00", "USD")
    await commit(funding, NL, c, "grant", "1000.00", "EUR")
    await commit(funding, FR, c, "residence_permit", None, None)
    # None of these counts on 2026-03-01:
    await commit(funding, NL, d, "grant", "50000.00", "EUR")  # its actor is erased below
    await commit(funding, DE, b, "grant", "3000.00", "EUR", status="pledged")  # not binding
    cancelled = await commit(funding, FR, a, "grant", "7000.00", "EUR")
    assert (
        await funding.post(f"/v1/funding/commitments/{cancelled}/cancel", caller=FR)
    ).status_code == 200
    await commit(
        funding,
        DE,
        a,
        "grant",
        "5000.00",
        "EUR",
        period={"start": "2027-01-01", "end": "2027-06-30"},
    )
    await actors.apply(actors.event(d, version=2, event_type="erased"))


async def test_concentration_of_a_worked_example(funding: ServiceClient, actors: Any) -> None:
    """Binding on 2026-03-01, in EUR (USD at 0.9): A 60,000 + 20,000 = 80,000; B 10,000 USD =
    9,000; C 1,000 (and a permit, worth nothing in EUR). Total 90,000.

    HHI = Σ (share in %)² = (80,000² + 9,000² + 1,000²) / 90,000² × 10,000
        = 6,482,000,000 / 8,100,000,000 × 10,000 = 8,002.47
    top-10 share = 1 (three actors); new actors (B founded 2023, C relocated 2022-05) get
    10,000 / 90,000 = 0.1111; thin grants (< 5,000 EUR): C's 1,000 among four monetary
    commitments = 1, 0.25; donors per actor: A 2 (DE, FR), B 1, C 2 (NL, FR): mean 5/3.
    Grants alone: 60,000, 9,000, 1,000 → (3.6e9 + 8.1e7 + 1e6) / 4.9e9 × 10,000 = 7,514.29.
    """
    await worked_example(funding, actors)
    response = await funding.get(
        "/v1/funding/reports/concentration", caller=NL, params={"as_of": "2026-03-01"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["as_of"] == "2026-03-01"
    assert report["total_committed_eur"] == "90000.00"
    assert report["actors_funded"] == 3
    assert report["commitments"] == 5
    assert report["donors"] == 3
    assert report["hhi"] == 8002.47
    assert report["top10_share"] == 1.0
    assert report["new_actor_share"] == 0.1111
    assert report["thin_grants"] == {"threshold_eur": "5000.00", "count": 1, "share": 0.25}
    assert report["donors_per_actor"] == {
        "mean": 1.6667,
        "distribution": [{"donors": 1, "actors": 1}, {"donors": 2, "actors": 2}],
    }
    grants = report["by_instrument"]["grant"]
    assert (grants["total_committed_eur"], grants["actors_funded"], grants["hhi"]) == (
        "70000.00",
        3,
        7514.29,
    )
    assert report["by_instrument"]["fellowship"]["hhi"] == 10000.0
    permits = report["by_instrument"]["residence_permit"]
    assert (permits["total_committed_eur"], permits["actors_funded"], permits["hhi"]) == (
        "0.00",
        1,
        0.0,
    )
    assert report["by_instrument"]["in_kind"]["commitments"] == 0
    assert report["by_horizon"]["short"]["total_committed_eur"] == "90000.00"
    assert report["by_horizon"]["long"]["actors_funded"] == 0

    # From 2026-06-01 USD is worth 0.8: B gets 8,000.
    later = await funding.get(
        "/v1/funding/reports/concentration", caller=ADMIN, params={"as_of": "2026-07-01"}
    )
    assert later.json()["total_committed_eur"] == "89000.00"
    # Before the periods start, nothing is binding and no rate is needed.
    before = await funding.get(
        "/v1/funding/reports/concentration", caller=NL, params={"as_of": "2025-12-31"}
    )
    assert before.status_code == 200
    assert (before.json()["total_committed_eur"], before.json()["hhi"]) == ("0.00", 0.0)


async def test_a_missing_rate_is_a_422_naming_the_currency(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_gbp")
    await commit(funding, DE, actor, "grant", "100.00", "GBP")
    await commit(funding, DE, actor, "grant", "100", "JPY")
    await set_rate(funding, "GBP", "1.15", "2026-06-01")  # too late for March
    response = await funding.get(
        "/v1/funding/reports/concentration", caller=DE, params={"as_of": "2026-03-01"}
    )
    assert response.status_code == 422
    assert "GBP" in response.json()["detail"]
    assert "JPY" in response.json()["detail"]
    summary = await funding.get(
        f"/v1/funding/actors/{actor}/summary", caller=DE, params={"as_of": "2026-03-01"}
    )
    assert summary.status_code == 422
    await set_rate(funding, "GBP", "1.15", "2026-01-01")
    await set_rate(funding, "JPY", "0.0061", "2026-01-01")
    response = await funding.get(
        "/v1/funding/reports/concentration", caller=DE, params={"as_of": "2026-03-01"}
    )
    assert response.status_code == 200
    # 100 GBP × 1.15 = 115.00; 100 JPY × 0.0061 = 0.61
    assert response.json()["total_committed_eur"] == "115.61"


async def test_fx_rates_are_for_admins_and_exact(funding: ServiceClient) -> None:
    url = "/v1/funding/fx-rates/USD"
    body = {"eur_per_unit": "0.912345678901", "as_of": "2026-01-01"}
    assert (await funding.put(url, caller=DE, json=body)).status_code == 403
    response = await funding.put(url, caller=ADMIN, json=body)
    assert response.status_code == 200
    assert response.json()["eur_per_unit"] == "0.912345678901"
    for currency, bad in [
        ("USD", {"eur_per_unit": "0.9123456789012", "as_of": "2026-01-01"}),  # 13 decimals
        ("USD", {"eur_per_unit": 0.9, "as_of": "2026-01-01"}),
        ("USD", {"eur_per_unit": "0", "as_of": "2026-01-01"}),
        ("USD", {"eur_per_unit": "0.9", "as_of": "01.01.2026"}),
        ("EUR", {"eur_per_unit": "1", "as_of": "2026-01-01"}),
        ("XXX", {"eur_per_unit": "1", "as_of": "2026-01-01"}),
        ("usd", {"eur_per_unit": "1", "as_of": "2026-01-01"}),
    ]:
        response = await funding.put(f"/v1/funding/fx-rates/{currency}", caller=ADMIN, json=bad)
        assert response.status_code == 422, (currency, bad)


async def test_actor_summary(funding: ServiceClient, actors: Any) -> None:
    await worked_example(funding, actors)
    response = await funding.get(
        "/v1/funding/actors/act_A/summary", caller=NL, params={"as_of": "2026-03-01"}
    )
    assert response.status_code == 200, response.text
    summary = response.json()
    # Binding: 60,000 (DE) + 20,000 (FR) + 5,000 (DE, 2027); the cancelled 7,000 is not.
    assert summary["committed_eur"] == "85000.00"
    assert [(d["donor"], d["commitments"], d["committed_eur"]) for d in summary["by_donor"]] == [
        ("DE", 2, "65000.00"),
        ("FR", 2, "20000.00"),
    ]
    assert len(summary["commitments"]) == 4
    # DE's and FR's 2026 commitments share anti_war in 2026: one overlapping pair.
    assert [p["shared_purposes"] for p in summary["overlaps"]] == [["anti_war"]]
    b = await funding.get(
        "/v1/funding/actors/act_B/summary", caller=NL, params={"as_of": "2026-03-01"}
    )
    assert (b.json()["pledged_eur"], b.json()["committed_eur"]) == ("3000.00", "9000.00")
    assert (await funding.get("/v1/funding/actors/act_D/summary", caller=NL)).status_code == 410
    assert (await funding.get("/v1/funding/actors/act_none/summary", caller=NL)).status_code == 404
    assert (await funding.get("/v1/funding/actors/act_A/summary", caller=ADMIN)).status_code == 403


async def test_totals_beyond_64_bits_are_exact(funding: ServiceClient, actors: Any) -> None:
    """The largest amounts at the largest rates: one conversion alone passes 2^63 cents and needs
    29 digits (a 28-digit context would round it); totals stay exact on both databases.

    a = 987,654,321,098,765 JPY × 987,654,321,098.765432109876 = 975,461,057,985,062,825,812,
    070,746.08 EUR (…746.0799… rounded half up); c = 99,999,999,999.9999 CLF × 40.123456789012
    = 4,012,345,678,901.20 EUR. X has 2a + c, Y has a: HHI = ((2a+c)² + a²) / (3a+c)² × 10,000.
    """
    x = await actors.known("act_X")
    y = await actors.known("act_Y")
    await set_rate(funding, "JPY", "987654321098.765432109876", "2026-01-01")
    await set_rate(funding, "CLF", "40.123456789012", "2026-01-01")
    largest_jpy = "987654321098765"
    paid = await commit(funding, DE, x, "grant", largest_jpy, "JPY")
    await commit(funding, FR, x, "grant", largest_jpy, "JPY")
    await commit(funding, NL, x, "grant", "99999999999.9999", "CLF")
    await commit(funding, DE, y, "grant", largest_jpy, "JPY")
    payout = await funding.post(
        f"/v1/funding/commitments/{paid}/disbursements",
        caller=DE,
        json={"amount": largest_jpy, "date": "2026-02-01"},
    )
    assert payout.status_code == 201, payout.text

    response = await funding.get(
        "/v1/funding/reports/concentration", caller=NL, params={"as_of": "2026-03-01"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["total_committed_eur"] == "2926383173955192489781891139.44"
    assert (report["actors_funded"], report["commitments"]) == (2, 4)
    assert (report["hhi"], report["top10_share"]) == (5555.56, 1.0)
    assert report["thin_grants"]["count"] == 0

    summary = await funding.get(
        f"/v1/funding/actors/{x}/summary", caller=NL, params={"as_of": "2026-03-01"}
    )
    assert summary.status_code == 200, summary.text
    assert summary.json()["committed_eur"] == "1950922115970129663969820393.36"
    assert summary.json()["disbursed_eur"] == "975461057985062825812070746.08"
    assert [(d["donor"], d["committed_eur"]) for d in summary.json()["by_donor"]] == [
        ("DE", "975461057985062825812070746.08"),
        ("FR", "975461057985062825812070746.08"),
        ("NL", "4012345678901.20"),
    ]
