"""Funding coordination through the gateway, the way agencies of two states and an operator use it."""

from __future__ import annotations

import httpx
from agora_platform.testing.e2e import Agora, eventually

ORG = {
    "kind": "organisation",
    "public_name": "Exiled Newsroom",
    "sectors": ["independent_media"],
    "host_country": "LT",
}
# Far from other tests' periods and currencies: the platform is shared for the session.
PERIOD = {"start": "2041-01-01", "end": "2042-12-31"}


async def known_to_funding(client: httpx.AsyncClient, actor_id: str) -> None:
    """Wait (bounded) until the actor's registration reached the funding read model."""

    async def arrived() -> bool:
        response = await client.get(f"/v1/funding/actors/{actor_id}/summary")
        return response.status_code == 200

    await eventually(arrived)


async def test_two_donors_see_each_other_and_the_concentration(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    registered = await de.post("/v1/actors", json=ORG)
    assert registered.status_code == 201, registered.text
    actor_id = registered.json()["id"]
    await known_to_funding(fr, actor_id)

    first = await de.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "100000.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["anti_war", "domestic_outreach"],
            "donor": "FR",
        },
    )
    assert first.status_code == 422  # the donor is who calls, never what the body says
    first = await de.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "100000.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["anti_war", "domestic_outreach"],
        },
    )
    assert first.status_code == 201, first.text
    assert (first.json()["donor"], first.json()["horizon"], first.json()["overlaps"]) == (
        "DE",
        "short",
        [],
    )

    second = await fr.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "fellowship",
            "amount": "25000000.00",
            "currency": "MNT",
            "period": {"start": "2042-06-01", "end": "2045-05-31"},
            "purposes": ["public_debate", "domestic_outreach"],
        },
    )
    assert second.status_code == 201, second.text
    assert second.json()["horizon"] == "mid"
    [overlap] = second.json()["overlaps"]
    assert (overlap["commitment_id"], overlap["donor"], overlap["shared_purposes"]) == (
        first.json()["id"],
        "DE",
        ["domestic_outreach"],
    )

    # Only the donor changes its commitment; every agency sees it.
    de_url = f"/v1/funding/commitments/{first.json()['id']}"
    assert (await fr.post(f"{de_url}/cancel")).status_code == 403
    payout = await de.post(
        f"{de_url}/disbursements", json={"amount": "40000.00", "date": "2041-02-01"}
    )
    assert payout.status_code == 201, payout.text
    assert (await fr.get(de_url)).json()["disbursed"] == "40000.00"
    too_much = await de.post(
        f"{de_url}/disbursements", json={"amount": "60000.01", "date": "2041-03-01"}
    )
    assert too_much.status_code == 422
    assert too_much.headers["content-type"] == "application/problem+json"

    listed = await fr.get("/v1/funding/commitments", params={"actor_id": actor_id, "limit": 1})
    assert listed.status_code == 200
    page = listed.json()
    assert [c["id"] for c in page["items"]] == [second.json()["id"]]
    rest = await fr.get(
        "/v1/funding/commitments", params={"actor_id": actor_id, "cursor": page["next_cursor"]}
    )
    assert [c["id"] for c in rest.json()["items"]] == [first.json()["id"]]

    # The report needs an MNT rate on 2042-07-01, when both run: a 422 naming MNT until set.
    params = {"as_of": "2042-07-01"}
    missing = await de.get("/v1/funding/reports/concentration", params=params)
    assert missing.status_code == 422
    assert "MNT" in missing.json()["detail"]
    assert (
        await de.put(
            "/v1/funding/fx-rates/MNT", json={"eur_per_unit": "0.00026", "as_of": "2042-01-01"}
        )
    ).status_code == 403
    rate = await agora.admin.put(
        "/v1/funding/fx-rates/MNT", json={"eur_per_unit": "0.00026", "as_of": "2042-01-01"}
    )
    assert rate.status_code == 200, rate.text

    summary = (await fr.get(f"/v1/funding/actors/{actor_id}/summary", params=params)).json()
    # 100,000 EUR + 25,000,000 MNT × 0.00026 = 106,500 EUR; 40,000 disbursed.
    assert (summary["committed_eur"], summary["disbursed_eur"]) == ("106500.00", "40000.00")
    assert [d["donor"] for d in summary["by_donor"]] == ["DE", "FR"]
    assert len(summary["overlaps"]) == 1

    report = await agora.admin.get("/v1/funding/reports/concentration", params=params)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["actors_funded"] >= 1
    assert body["donors"] >= 2
    assert 0 <= body["hhi"] <= 10000
    assert {"grant", "fellowship"} <= set(body["by_instrument"])
    evaluator = await agora.client("evaluator", "DE")
    assert (await evaluator.get("/v1/funding/reports/concentration")).status_code == 403
    assert (await evaluator.get("/v1/funding/commitments")).status_code == 403


async def test_unknown_actor_is_a_422_and_openapi_lists_funding(agora: Agora) -> None:
    nl = await agora.client("agency", "NL")
    response = await nl.post(
        "/v1/funding/commitments",
        json={
            "actor_id": "act_never_registered",
            "instrument": "work_permit",
            "period": PERIOD,
            "purposes": ["anti_war"],
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    async with httpx.AsyncClient(base_url=agora.url) as http:
        document = (await http.get("/openapi.json")).json()
    for path in (
        "/v1/funding/commitments",
        "/v1/funding/commitments/{commitment_id}/disbursements",
        "/v1/funding/reports/concentration",
        "/v1/funding/fx-rates/{currency}",
    ):
        assert path in document["paths"], path


async def test_an_erased_actor_is_gone_from_every_funding_and_evaluation_list(
    agora: Agora,
) -> None:
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    period = {"start": "2055-01-01", "end": "2055-12-31"}
    registered = await de.post("/v1/actors", json=ORG)
    assert registered.status_code == 201, registered.text
    actor_id = registered.json()["id"]
    await known_to_funding(fr, actor_id)
    cycle = await agora.admin.post(
        "/v1/evaluation/cycles", json={"name": "Evaluation 2055", "period": period}
    )
    assert cycle.status_code == 201, cycle.text
    cycle_id = cycle.json()["id"]
    made = []
    for agency, confidential in ((de, False), (fr, False), (fr, True)):
        response = await agency.post(
            "/v1/funding/commitments",
            json={
                "actor_id": actor_id,
                "instrument": "grant",
                "amount": "70000.00",
                "currency": "EUR",
                "period": period,
                "purposes": ["public_debate"],
                "confidential": confidential,
            },
        )
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
    paid = await de.post(
        f"/v1/funding/commitments/{made[0]}/disbursements",
        json={"amount": "10000.00", "date": "2055-02-01"},
    )
    assert paid.status_code == 201, paid.text
    recorded = await de.post(
        "/v1/evaluation/activities",
        json={
            "actor_id": actor_id,
            "cycle_id": cycle_id,
            "kind": "event",
            "title": "Town hall",
            "date": "2055-03-01",
            "participants": {"total": 10, "women": 5, "non_russian_ethnic_origin": 2},
        },
    )
    assert recorded.status_code == 201, recorded.text
    portfolio_params = {"cycle_id": cycle_id}

    async def funded_in_evaluation() -> bool:
        report = await de.get("/v1/evaluation/reports/portfolio", params=portfolio_params)
        return any(
            a["actor_id"] == actor_id and {f["donor"] for f in a["funding"]} == {"DE", "FR"}
            for a in report.json()["actors"]
        )

    await eventually(funded_in_evaluation)

    erased = await de.delete(f"/v1/actors/{actor_id}", headers={"If-Match": '"1"'})
    assert erased.status_code == 204, erased.text

    async def gone_from_funding() -> bool:
        summary = await fr.get(f"/v1/funding/actors/{actor_id}/summary")
        return summary.status_code == 410

    async def gone_from_evaluation() -> bool:
        report = await de.get("/v1/evaluation/reports/portfolio", params=portfolio_params)
        return actor_id not in report.text

    await eventually(gone_from_funding)
    await eventually(gone_from_evaluation)
    for agency in (de, fr):
        by_actor = await agency.get("/v1/funding/commitments", params={"actor_id": actor_id})
        assert (by_actor.status_code, by_actor.json()["items"]) == (200, [])
        for donor in ("DE", "FR"):
            listed = await agency.get(
                "/v1/funding/commitments", params={"donor": donor, "active_on": "2055-06-01"}
            )
            assert listed.json()["items"] == [], donor
        for commitment_id in made:
            assert (await agency.get(f"/v1/funding/commitments/{commitment_id}")).status_code == 404
    concentration = await agora.admin.get(
        "/v1/funding/reports/concentration", params={"as_of": "2055-06-01"}
    )
    assert concentration.status_code == 200, concentration.text
    body = concentration.json()
    assert (body["total_committed_eur"], body["actors_funded"]) == ("0.00", 0)
    assert body["confidential_commitments"] == 0
    for name in ("portfolio", "representation"):
        report = await de.get(f"/v1/evaluation/reports/{name}", params=portfolio_params)
        assert report.status_code == 200, report.text
        assert actor_id not in report.text, name
        assert report.json().get("per_donor", []) == []
    progress = await de.get(f"/v1/evaluation/cycles/{cycle_id}")
    assert actor_id not in progress.text
