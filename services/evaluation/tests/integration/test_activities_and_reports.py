"""Activities, the representation report and the portfolio report on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta
from typing import Any

from agora_common.events import CloudEvent
from agora_common.testing.client import Caller, ServiceClient
from evaluation.events import handlers

Seed = Any  # the `seed` fixture of conftest.py: feeds the read models via the real handlers

ADMIN = Caller("admin")
AGENCY_DE = Caller("agency", "DE")
CYCLE = {"name": "2026 round", "period": {"start": "2026-01-01", "end": "2026-12-31"}}


async def open_cycle(client: ServiceClient) -> str:
    response = await client.post("/v1/evaluation/cycles", caller=ADMIN, json=CYCLE)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def activity(
    actor_id: str, cycle_id: str, total: int, women: int, non_russian: int
) -> dict[str, Any]:
    return {
        "actor_id": actor_id,
        "cycle_id": cycle_id,
        "kind": "event",
        "title": "Public debate on federalism",
        "date": "2026-05-04",
        "participants": {"total": total, "women": women, "non_russian_ethnic_origin": non_russian},
    }


async def record(client: ServiceClient, body: dict[str, Any]) -> Any:
    return await client.post("/v1/evaluation/activities", caller=AGENCY_DE, json=body)


async def test_an_activity_is_recorded_in_aggregate(evaluation: ServiceClient, seed: Seed) -> None:
    actor = await seed.actor()
    cycle_id = await open_cycle(evaluation)
    body = {**activity(actor, cycle_id, 40, 20, 8), "audience_inside_russia": 12000}
    created = await record(evaluation, body)
    assert created.status_code == 201, created.text
    out = created.json()
    assert out["participants"] == body["participants"]
    assert out["audience_inside_russia"] == 12000
    assert out["date"] == "2026-05-04"
    assert out["id"].startswith("acy_")


async def test_bad_activities_are_refused_and_change_nothing(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor = await seed.actor()
    erased = await seed.actor()
    await seed.erase(erased)
    cycle_id = await open_cycle(evaluation)
    cases = [
        (activity(actor, cycle_id, 10, 11, 0), ["body", "participants", "women"]),
        (
            activity(actor, cycle_id, 10, 5, 12),
            ["body", "participants", "non_russian_ethnic_origin"],
        ),
        (activity(actor, cycle_id, -1, 0, 0), ["body", "participants", "total"]),
        ({**activity(actor, cycle_id, 10, 5, 2), "kind": "rally"}, ["body", "kind"]),
        ({**activity(actor, cycle_id, 10, 5, 2), "date": "2027-01-01"}, ["body", "date"]),
        (activity("act_unknown", cycle_id, 10, 5, 2), ["body", "actor_id"]),
        (activity(erased, cycle_id, 10, 5, 2), ["body", "actor_id"]),
        (activity(actor, "cyc_unknown", 10, 5, 2), ["body", "cycle_id"]),
        (
            {**activity(actor, cycle_id, 10, 5, 2), "attendees": ["Ivan Petrov"]},
            ["body", "attendees"],
        ),
    ]
    for body, loc in cases:
        response = await record(evaluation, body)
        assert response.status_code == 422, (loc, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert loc in [e["loc"] for e in response.json()["errors"]], response.text
        assert "Ivan Petrov" not in response.text
    report = await evaluation.get(
        "/v1/evaluation/reports/representation", caller=ADMIN, params={"cycle_id": cycle_id}
    )
    assert report.json()["activities"] == 0
    for who in (Caller("evaluator"), ADMIN):
        response = await evaluation.post(
            "/v1/evaluation/activities", caller=who, json=activity(actor, cycle_id, 10, 5, 2)
        )
        assert response.status_code == 403


async def test_representation_report_overall_per_donor_and_per_actor(
    evaluation: ServiceClient, seed: Seed
) -> None:
    balanced, skewed, tiny = [await seed.actor() for _ in range(3)]
    await seed.commitment(donor="DE", actor_id=balanced)
    await seed.commitment(donor="DE", actor_id=skewed)
    await seed.commitment(donor="FR", actor_id=skewed)
    cycle_id = await open_cycle(evaluation)
    await record(evaluation, activity(balanced, cycle_id, 60, 30, 12))  # 50% women, 20% non-Russian
    await record(evaluation, activity(balanced, cycle_id, 40, 20, 8))
    await record(evaluation, activity(skewed, cycle_id, 50, 10, 5))  # 20% women, 10% non-Russian
    await record(evaluation, activity(tiny, cycle_id, 4, 4, 0))  # fewer than 5: suppressed

    response = await evaluation.get(
        "/v1/evaluation/reports/representation", caller=AGENCY_DE, params={"cycle_id": cycle_id}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["targets"]["women_share"] == {"target": 0.5, "min": 0.45, "max": 0.55}
    assert report["targets"]["non_russian_share"] == {"minimum": 0.15, "aim": 0.2}
    # overall: 154 participants, 64 women, 25 non-Russian
    assert report["participants"] == 154
    assert report["women_share"] == round(64 / 154, 4)
    assert report["non_russian_share"] == round(25 / 154, 4)
    assert report["meets_targets"] is False  # women 41.6%
    assert report["non_russian_minimum_met"] is True

    per_actor = {a["actor_id"]: a for a in report["per_actor"]}
    assert per_actor[balanced]["participants"] == 100
    assert per_actor[balanced]["women_share"] == 0.5
    assert per_actor[balanced]["meets_targets"] is True
    assert per_actor[balanced]["non_russian_aim_met"] is True
    assert per_actor[skewed]["meets_targets"] is False
    assert per_actor[tiny]["participants"] is None
    assert per_actor[tiny]["women_share"] is None
    assert per_actor[tiny]["meets_targets"] is None
    assert per_actor[tiny]["activities"] == 1

    per_donor = {d["donor"]: d for d in report["per_donor"]}
    assert set(per_donor) == {"DE", "FR"}
    assert per_donor["DE"]["participants"] == 150
    assert per_donor["DE"]["women_share"] == round(60 / 150, 4)
    assert per_donor["FR"]["participants"] == 50
    assert per_donor["FR"]["non_russian_share"] == 0.1


async def test_portfolio_puts_funding_next_to_scores(evaluation: ServiceClient, seed: Seed) -> None:
    media = await seed.actor(sectors=("independent_media",))
    research = await seed.actor(sectors=("research", "education"))
    await seed.commitment(donor="DE", actor_id=media, amount="100000.50")
    await seed.commitment(donor="DE", actor_id=media, amount="0.25")
    await seed.commitment(donor="FR", actor_id=media, amount="5000", currency="USD")
    await seed.commitment(
        donor="SE", actor_id=research, amount=None, currency=None, instrument="work_permit"
    )
    await seed.commitment(donor="DE", actor_id=research, start="2024-01-01", end="2024-12-31")
    cycle_id = await open_cycle(evaluation)
    for who, given in ((Caller("evaluator"), (4, 3, 2)), (Caller("evaluator"), (2, 3, 2))):
        response = await evaluation.post(
            f"/v1/evaluation/cycles/{cycle_id}/assessments",
            caller=who,
            json={
                "actor_id": media,
                "scores": dict(
                    zip(
                        ["standards_and_visions", "knowledge_generation", "domestic_outreach"],
                        given,
                        strict=True,
                    )
                ),
                "rationale": "Reach inside Russia documented.",
            },
        )
        assert response.status_code == 201, response.text
    await record(evaluation, activity(research, cycle_id, 20, 10, 4))

    response = await evaluation.get(
        "/v1/evaluation/reports/portfolio", caller=ADMIN, params={"cycle_id": cycle_id}
    )
    assert response.status_code == 200, response.text
    portfolio = response.json()
    actors = {a["actor_id"]: a for a in portfolio["actors"]}
    assert set(actors) == {media, research}
    assert actors[media]["funding"] == [
        {
            "donor": "DE",
            "currency": "EUR",
            "commitments": 2,
            "committed": "100000.75",
            "disbursed": None,
            "committed_eur": "100000.75",
            "disbursed_eur": None,
            "rate_missing": False,
            "instruments": ["grant"],
        },
        {
            "donor": "FR",
            "currency": "USD",
            "commitments": 1,
            "committed": "5000",
            "disbursed": None,
            "committed_eur": None,  # no USD rate: said so, not guessed
            "disbursed_eur": None,
            "rate_missing": True,
            "instruments": ["grant"],
        },
    ]
    card = actors[media]["scorecard"]
    assert card["standards_and_visions"] == {"median": 3.0, "min": 2, "max": 4}
    assert (card["complete"], card["disagreement"]) == (True, True)
    # the 2024 commitment lies outside the cycle; the permit has no amount
    assert [f["donor"] for f in actors[research]["funding"]] == ["SE"]
    assert actors[research]["funding"][0]["committed"] is None
    assert actors[research]["representation"]["participants"] == 20

    totals = portfolio["totals"]
    assert totals["funding"] == [
        {"currency": "EUR", "committed": "100000.75"},
        {"currency": "USD", "committed": "5000"},
    ]
    assert (totals["committed_eur"], totals["missing_rates"]) == ("100000.75", ["USD"])
    assert (actors[media]["committed_eur"], actors[media]["missing_rates"]) == (
        "100000.75",
        ["USD"],
    )
    sectors = {s["sector"]: s for s in totals["per_sector"]}
    assert set(sectors) == {"independent_media", "research", "education"}
    assert sectors["independent_media"]["mean_median"]["standards_and_visions"] == 3.0
    assert sectors["research"]["mean_median"]["standards_and_visions"] is None
    assert sectors["research"]["representation"]["participants"] == 20
    criteria = {c["criterion"]: c for c in totals["per_criterion"]}
    assert criteria["knowledge_generation"] == {
        "criterion": "knowledge_generation",
        "actors_scored": 1,
        "mean_median": 3.0,
        "min_median": 3.0,
        "max_median": 3.0,
    }
    assert totals["complete_scorecards"] == 1
    assert {d["donor"] for d in totals["per_donor"]} == {"DE", "FR", "SE"}


async def test_erased_actors_leave_the_reports(evaluation: ServiceClient, seed: Seed) -> None:
    kept, erased = await seed.actor(), await seed.actor()
    await seed.commitment(donor="DE", actor_id=erased)
    cycle_id = await open_cycle(evaluation)
    for actor in (kept, erased):
        await record(evaluation, activity(actor, cycle_id, 10, 5, 2))
        response = await evaluation.post(
            f"/v1/evaluation/cycles/{cycle_id}/assessments",
            caller=Caller("evaluator"),
            json={
                "actor_id": actor,
                "scores": {
                    "standards_and_visions": 1,
                    "knowledge_generation": 1,
                    "domestic_outreach": 1,
                },
                "rationale": "Names the actor's members.",
            },
        )
        assert response.status_code == 201
    await seed.erase(erased)

    portfolio = (
        await evaluation.get(
            "/v1/evaluation/reports/portfolio", caller=ADMIN, params={"cycle_id": cycle_id}
        )
    ).json()
    assert [a["actor_id"] for a in portfolio["actors"]] == [kept]
    assert portfolio["totals"]["per_donor"] == []
    representation = (
        await evaluation.get(
            "/v1/evaluation/reports/representation", caller=ADMIN, params={"cycle_id": cycle_id}
        )
    ).json()
    assert [a["actor_id"] for a in representation["per_actor"]] == [kept]
    assert representation["participants"] == 10
    cycle = (await evaluation.get(f"/v1/evaluation/cycles/{cycle_id}", caller=ADMIN)).json()
    assert cycle["progress"]["assessments"] == 1
    listed = await evaluation.get(f"/v1/evaluation/cycles/{cycle_id}/assessments", caller=ADMIN)
    assert [a["actor_id"] for a in listed.json()["items"]] == [kept]


async def test_reports_need_a_known_cycle_and_the_right_role(evaluation: ServiceClient) -> None:
    for report in ("representation", "portfolio"):
        path = f"/v1/evaluation/reports/{report}"
        assert (await evaluation.get(path, caller=ADMIN)).status_code == 422
        response = await evaluation.get(path, caller=ADMIN, params={"cycle_id": "cyc_nope"})
        assert response.status_code == 404
        response = await evaluation.get(path, caller=Caller("auditor"), params={"cycle_id": "x"})
        assert response.status_code == 403


async def test_an_activity_linked_to_a_commitment_counts_for_its_donor_only(
    evaluation: ServiceClient, seed: Seed
) -> None:
    actor, other = await seed.actor(), await seed.actor()
    de = await seed.commitment(donor="DE", actor_id=actor)
    fr = await seed.commitment(donor="FR", actor_id=actor)
    elsewhere = await seed.commitment(donor="DE", actor_id=other)
    cycle_id = await open_cycle(evaluation)
    linked_de = {**activity(actor, cycle_id, 10, 5, 2), "commitment_id": de}
    created = await record(evaluation, linked_de)
    assert created.status_code == 201, created.text
    assert created.json()["commitment_id"] == de
    await record(evaluation, activity(actor, cycle_id, 20, 4, 2))  # unlinked: every funder
    await record(evaluation, {**activity(actor, cycle_id, 30, 15, 9), "commitment_id": fr})
    for bad in (elsewhere, "com_unknown"):
        refused = await record(
            evaluation, {**activity(actor, cycle_id, 10, 5, 2), "commitment_id": bad}
        )
        assert refused.status_code == 422, refused.text
        assert ["body", "commitment_id"] in [e["loc"] for e in refused.json()["errors"]]

    report = (
        await evaluation.get(
            "/v1/evaluation/reports/representation", caller=ADMIN, params={"cycle_id": cycle_id}
        )
    ).json()
    assert report["participants"] == 60  # overall and per actor: every activity
    assert report["per_actor"][0]["participants"] == 60
    per_donor = {d["donor"]: d for d in report["per_donor"]}
    assert (per_donor["DE"]["participants"], per_donor["DE"]["women_share"]) == (30, 0.3)
    assert (per_donor["FR"]["participants"], per_donor["FR"]["women_share"]) == (50, 0.38)


async def test_portfolio_pages_and_totals_in_eur_by_region_and_sector(
    evaluation: ServiceClient, seed: Seed
) -> None:
    async def registered(actor_id: str, region: str, sector: str) -> str:
        await seed.apply(
            handlers.on_actor_registered,
            "agora.actors.registered.v1",
            {
                "actor_id": actor_id,
                "version": 1,
                "kind": "organisation",
                "sectors": [sector],
                "activities": ["public_debate"],
                "host_country": "LT",
                "origin_region": region,
                "custodian_state": "LT",
            },
        )
        return actor_id

    async def rate(currency: str, eur: str, as_of: str, at: datetime) -> None:
        data = {"currency": currency, "eur_per_unit": eur, "as_of": as_of}
        async with seed.db.transaction() as session:
            event = CloudEvent("agora.funding.fx_rate_set.v1", "funding", currency, data, time=at)
            await handlers.on_fx_rate_set(session, event)

    tatar = await registered("act_a_tatar", "RU-TA", "research")
    sakha = await registered("act_b_sakha", "RU-SA", "culture")
    hidden = await registered("act_c_hidden", "RU-SA", "research")
    await seed.commitment(donor="DE", actor_id=tatar, amount="10000.00", currency="EUR")
    await seed.commitment(donor="FR", actor_id=sakha, amount="1000.00", currency="USD")
    await seed.commitment(donor="SE", actor_id=sakha, amount="500.00", currency="GBP")
    await seed.commitment(
        donor="DE", actor_id=hidden, amount=None, currency=None, confidential=True
    )
    now = datetime.now(UTC)
    await rate("USD", "0.90", "2026-06-01", now)
    await rate("USD", "0.95", "2026-06-01", now - timedelta(minutes=1))  # older: ignored
    await rate("USD", "0.92", "2026-06-01", now + timedelta(minutes=1))  # a later correction
    await rate("USD", "0.50", "2027-01-05", now)  # after the cycle: not in force on its last day
    cycle_id = await open_cycle(evaluation)

    pages, cursor = [], None
    while True:
        params = {"cycle_id": cycle_id, "limit": "1", **({"cursor": cursor} if cursor else {})}
        response = await evaluation.get(
            "/v1/evaluation/reports/portfolio", caller=AGENCY_DE, params=params
        )
        assert response.status_code == 200, response.text
        pages.append(response.json())
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
    assert [[a["actor_id"] for a in p["actors"]] for p in pages] == [[tatar], [sakha]]
    assert all(p["totals"] == pages[0]["totals"] for p in pages)  # the whole cycle, every page
    assert pages[0]["rates_as_of"] == "2026-12-31"
    item = pages[1]["actors"][0]
    assert (item["committed_eur"], item["missing_rates"]) == ("920.00", ["GBP"])
    by_currency = {f["currency"]: f for f in item["funding"]}
    assert (by_currency["USD"]["committed_eur"], by_currency["USD"]["rate_missing"]) == (
        "920.00",
        False,
    )
    assert (by_currency["GBP"]["committed_eur"], by_currency["GBP"]["rate_missing"]) == (
        None,
        True,
    )
    totals = pages[0]["totals"]
    assert (totals["actors"], totals["committed_eur"], totals["missing_rates"]) == (
        2,
        "10920.00",
        ["GBP"],
    )
    regions = {r["origin_region"]: r for r in totals["by_region"]}
    assert {k: (r["actors"], r["committed_eur"]) for k, r in regions.items()} == {
        "RU-SA": (1, "920.00"),  # the confidentially funded actor is in no figure
        "RU-TA": (1, "10000.00"),
    }
    assert regions["RU-SA"]["missing_rates"] == ["GBP"]
    sectors = {s["sector"]: (s["actors"], s["committed_eur"]) for s in totals["by_sector"]}
    assert sectors == {"culture": (1, "920.00"), "research": (1, "10000.00")}
    donors = {d["donor"]: d["committed_eur"] for d in totals["per_donor"]}
    assert donors == {"DE": "10000.00", "FR": "920.00", "SE": "0.00"}
    assert hidden not in str(pages)
    bad = await evaluation.get(
        "/v1/evaluation/reports/portfolio",
        caller=ADMIN,
        params={"cycle_id": cycle_id, "cursor": "not-ours"},
    )
    assert bad.status_code == 422
