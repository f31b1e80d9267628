"""The concentration report from kept totals and status history equals a full recomputation.

Random scenarios (hypothesis): actors with and without leadership, new and old; commitments in
EUR, USD and JPY (0 decimals), permits, pledges and confidential ones, with periods around
today; confirmations, disbursements (partial and full), completions and cancellations at chosen
past moments; FX rates set and corrected on several days; sometimes an actor erased, sometimes a
currency without a rate. Everything goes through the service's HTTP API; only the *moments* of
the changes are moved into the past afterwards (``created_at`` and the status history), since
the API records the present. Each report day — today (the kept totals), past days (the status
history) and future ones — is compared with a plain-Python computation over the scenario's own
record, per commitment, on both databases. Each day is read before the scenario's changes too
(the service keeps that report) and twice after them: every change must make the service
compute the report anew, and a repeated read must give the same answer.

Hypothesis draws the scenarios (derandomized: the same ones on every run); they run one after
another on the test's service, each erasing the previous one's actors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from agora_common.testing.client import Caller, ServiceClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

DONORS = ("DE", "FR", "NL")
ADMIN = Caller("admin")
BINDING = {"committed", "disbursed", "completed"}
EXPONENT = {"EUR": 2, "USD": 2, "JPY": 0}
TODAY = datetime.now(UTC).date()
BASE = TODAY - timedelta(days=400)  # scenario time runs from here to today
NEW_SINCE = date(2022, 2, 24)
SCENARIOS = 8
THRESHOLD_AMOUNTS = [
    ("EUR", 499_999),
    ("EUR", 500_000),
    ("USD", 555_554),
    ("USD", 555_555),
    ("JPY", 819_671),
    ("JPY", 819_672),
]
THRESHOLD_CENTS = 500_000  # AGORA_FUNDING_THIN_GRANT_EUR of the test service (conftest): 5,000


@dataclass
class Change:
    day: int  # days after BASE (always in the past)
    kind: str  # commit | cancel | complete | disburse_part | disburse_all


@dataclass
class Plan:
    donor: str
    actor: int
    instrument: str
    currency: str
    amount_minor: int
    start: int  # days after BASE
    length: int
    status: str
    confidential: bool
    created: int
    changes: list[Change]


@dataclass
class Scenario:
    actors: list[dict[str, Any]]
    commitments: list[Plan]
    rates: list[tuple[str, int, str]]  # currency, day after BASE (may be < 0), EUR per unit
    erase: int | None
    report_days: list[int]


def _plan(draw: st.DrawFn, actors: int) -> Plan:
    instrument = draw(st.sampled_from(["grant", "grant", "fellowship", "in_kind", "work_permit"]))
    currency = draw(st.sampled_from(["EUR", "EUR", "USD", "JPY"]))
    amount_minor = draw(st.one_of(st.integers(1, 2_000_000), st.integers(1, 10**13)))
    if draw(st.integers(0, 2)) == 0:  # at the thin-grant threshold (5,000 EUR; USD 0.9, JPY 0.0061)
        currency, amount_minor = draw(st.sampled_from(THRESHOLD_AMOUNTS))
    created = draw(st.integers(0, 300))
    times = sorted(draw(st.lists(st.integers(created + 1, 399), max_size=3)))
    kinds = draw(
        st.lists(
            st.sampled_from(["commit", "cancel", "complete", "disburse_part", "disburse_all"]),
            min_size=len(times),
            max_size=len(times),
        )
    )
    return Plan(
        donor=draw(st.sampled_from(DONORS)),
        actor=draw(st.integers(0, actors - 1)),
        instrument=instrument,
        currency=currency,
        amount_minor=amount_minor,
        start=draw(st.integers(-200, 500)),
        length=draw(st.integers(0, 900)),
        status=draw(st.sampled_from(["committed", "committed", "pledged"])),
        confidential=draw(st.booleans()) and draw(st.booleans()),
        created=created,
        changes=[Change(t, k) for t, k in zip(times, kinds, strict=True)],
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n_actors = draw(st.integers(2, 12))
    actors = [
        {
            "established_on": draw(st.sampled_from(["2010-05-01", "2023-01-10", None])),
            "relocated_on": draw(st.sampled_from(["2015-01-01", "2022-03-01", None])),
            "origin_region": draw(st.sampled_from(["RU-MOW", "RU-SPE", None])),
            "leadership": draw(
                st.one_of(
                    st.none(),
                    st.just({"women_led": True, "minority_led": False, "regional": True}),
                    st.fixed_dictionaries(
                        {k: st.booleans() for k in ("women_led", "minority_led", "regional")}
                    ),
                )
            ),
        }
        for _ in range(n_actors)
    ]
    rates: list[tuple[str, int, str]] = [("USD", -400, "0.9")]
    if draw(st.booleans()):
        rates.append(("JPY", -400, "0.0061"))
    for _ in range(draw(st.integers(0, 4))):
        rates.append(
            (
                draw(st.sampled_from(["USD", "JPY"])),
                draw(st.integers(-100, 500)),
                draw(st.sampled_from(["0.85", "0.923456789", "1.1", "0.005", "0.0073"])),
            )
        )
    return Scenario(
        actors=actors,
        commitments=[
            _plan(draw, n_actors) for _ in range(draw(st.integers(n_actors, 2 * n_actors + 4)))
        ],
        rates=rates,
        erase=draw(st.integers(0, n_actors - 1)) if draw(st.integers(0, 2)) == 0 else None,
        report_days=draw(st.lists(st.integers(-250, 600), min_size=2, max_size=4)),
    )


DRAWN: list[Scenario] = []


@settings(
    max_examples=SCENARIOS,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(scenarios())
def _collect(scenario: Scenario) -> None:
    DRAWN.append(scenario)


def drawn_scenarios() -> list[Scenario]:
    if not DRAWN:
        _collect()
    return DRAWN[-SCENARIOS:]


def at(day: int) -> datetime:
    """A moment of scenario day ``day`` (noon UTC)."""
    return datetime.combine(BASE + timedelta(days=day), time(12), tzinfo=UTC)


@dataclass
class Made:
    plan: Plan
    id: str
    actor_id: str
    horizon: str
    # (moment, status after it); the first entry is the creation
    timeline: list[tuple[datetime, str]] = field(default_factory=list)

    def status_at_end_of(self, day: date) -> str:
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
        if self.timeline[0][0] >= end:
            return self.timeline[-1][1]  # recorded later: counts as it is now
        return [s for t, s in self.timeline if t < end][-1]


async def _shift(funding: ServiceClient, made: Made) -> None:
    """Move the commitment's recorded moments to its scenario timeline."""
    db = funding.app.state.db
    async with db.transaction() as session:
        await session.execute(
            text("UPDATE commitments SET created_at = :t WHERE id = :id"),
            {"t": made.timeline[0][0], "id": made.id},
        )
        rows = (
            await session.execute(
                text(
                    "SELECT version FROM commitment_status_history WHERE commitment_id = :id"
                    " ORDER BY version"
                ),
                {"id": made.id},
            )
        ).all()
        # A commitment never changed has no history: the status it was made with holds.
        assert len(rows) == (len(made.timeline) if len(made.timeline) > 1 else 0)
        for i, (version,) in enumerate(rows):
            until = made.timeline[i + 1][0] if i + 1 < len(made.timeline) else None
            await session.execute(
                text(
                    "UPDATE commitment_status_history SET valid_from = :f, valid_to = :u"
                    " WHERE commitment_id = :id AND version = :v"
                ),
                {"f": made.timeline[i][0], "u": until, "id": made.id, "v": version},
            )


async def _apply(funding: ServiceClient, made: Made, change: Change) -> None:
    caller = Caller("agency", made.plan.donor)
    url = f"/v1/funding/commitments/{made.id}"
    current = made.timeline[-1][1]
    if change.kind.startswith("disburse"):
        if made.plan.instrument == "work_permit":
            return
        detail = (await funding.get(url, caller=caller)).json()
        paid = sum(Decimal(d["amount"]) for d in detail["disbursements"])
        total = Decimal(made.plan.amount_minor).scaleb(-EXPONENT[made.plan.currency])
        rest = total - paid
        amount = (
            rest
            if change.kind == "disburse_all"
            else (rest / 2).quantize(
                Decimal(1).scaleb(-EXPONENT[made.plan.currency]), ROUND_HALF_UP
            )
        )
        if amount <= 0:
            return
        response = await funding.post(
            f"{url}/disbursements",
            caller=caller,
            json={"amount": format(amount, "f"), "date": at(change.day).date().isoformat()},
        )
        if current != "committed":
            assert response.status_code == 409, response.text
            return
        assert response.status_code == 201, response.text
        if response.json()["status"] != current:
            made.timeline.append((at(change.day), response.json()["status"]))
        return
    response = await funding.post(f"{url}/{change.kind}", caller=caller)
    if response.status_code == 409 or (change.kind == "cancel" and current == "cancelled"):
        return
    assert response.status_code == 200, response.text
    made.timeline.append((at(change.day), response.json()["status"]))


def _eur_cents(amount_minor: int, currency: str, rate: Decimal) -> int:
    if currency == "EUR":
        return amount_minor
    value = Decimal(amount_minor) * rate * Decimal(10) ** (2 - EXPONENT[currency])
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def expected(
    made: list[Made],
    actors: dict[str, dict[str, Any]],
    rates: dict[str, Decimal],
    day: date,
    threshold: int,
) -> dict[str, Any] | list[str]:
    """The report's figures, recomputed per commitment (or the currencies without a rate)."""
    binding = [
        m
        for m in made
        if m.actor_id in actors
        and m.status_at_end_of(day) in BINDING
        and BASE + timedelta(days=m.plan.start)
        <= day
        <= BASE + timedelta(days=m.plan.start + m.plan.length)
    ]
    shown = [m for m in binding if not m.plan.confidential]
    monetary = [m for m in shown if m.plan.instrument != "work_permit"]
    missing = sorted({m.plan.currency for m in monetary} - {"EUR", *rates})
    if missing:
        return missing
    groups: dict[tuple[str, ...], int] = defaultdict(int)
    for m in monetary:
        key = (m.actor_id, m.plan.donor, m.plan.currency, m.plan.instrument, m.horizon)
        groups[key] += m.plan.amount_minor
    cents = {k: _eur_cents(v, k[2], rates.get(k[2], Decimal(1))) for k, v in groups.items()}

    def figures(selected: list[Made], pick: Any) -> dict[str, Any]:
        eur: dict[str, int] = defaultdict(int)
        for m in selected:
            eur[m.actor_id] += 0
        for k, c in cents.items():
            if pick(k[3], k[4]):
                eur[k[0]] += c
        total = sum(eur.values())
        top = sorted(eur.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        money = [m for m in selected if m.plan.instrument != "work_permit"]
        thin = sum(
            1
            for m in money
            if _eur_cents(m.plan.amount_minor, m.plan.currency, rates.get(m.plan.currency, 1))
            < threshold
        )
        new = sum(e for a, e in eur.items() if actors[a]["new"])
        return {
            "total_committed_eur": format(Decimal(total).scaleb(-2), "f"),
            "actors_funded": len(eur),
            "commitments": len(selected),
            "donors": len({m.plan.donor for m in selected}),
            "hhi": round(sum(e * e for e in eur.values()) * 10_000 / total**2, 2) if total else 0.0,
            "top10_share": _share(sum(e for _, e in top), total),
            "new_actor_share": _share(new, total),
            "thin": (thin, _share(thin, len(money))),
        }

    report = figures(shown, lambda _i, _h: True)
    report["by_instrument"] = {
        i: figures([m for m in shown if m.plan.instrument == i], lambda ii, _h, i=i: ii == i)
        for i in ("grant", "fellowship", "in_kind", "work_permit")
    }
    report["by_horizon"] = {
        h: figures([m for m in shown if m.horizon == h], lambda _i, hh, h=h: hh == h)
        for h in ("short", "mid", "long")
    }
    report["confidential"] = len(binding) - len(shown)
    whole = sum(cents.values())
    report["by_donor"] = {}
    for donor in sorted({m.plan.donor for m in shown}):
        mine = [m for m in shown if m.plan.donor == donor]
        part = sum(c for k, c in cents.items() if k[1] == donor)
        report["by_donor"][donor] = {
            "committed_eur": format(Decimal(part).scaleb(-2), "f"),
            "commitments": len(mine),
            "actors_funded": len({m.actor_id for m in mine}),
            "share": _share(part, whole),
        }
    donors: dict[str, set[str]] = defaultdict(set)
    for m in shown:
        donors[m.actor_id].add(m.plan.donor)
    histogram: dict[int, int] = defaultdict(int)
    for ds in donors.values():
        histogram[len(ds)] += 1
    report["distribution"] = [{"donors": d, "actors": n} for d, n in sorted(histogram.items())]
    eur: dict[str, int] = {m.actor_id: 0 for m in shown}
    for k, c in cents.items():
        eur[k[0]] += c
    total = sum(eur.values())

    def cell(ids: list[str]) -> dict[str, Any]:
        if len(ids) < 5:
            return {"actors": None, "eur": None, "share": None}
        part = sum(eur[a] for a in ids)
        return {
            "actors": len(ids),
            "eur": format(Decimal(part).scaleb(-2), "f"),
            "share": _share(part, total),
        }

    led = {a: actors[a]["leadership"] for a in eur}
    report["leadership"] = {
        flag: cell([a for a, lead in led.items() if lead and lead[flag]])
        for flag in ("women_led", "minority_led", "regional")
    } | {"unknown": cell([a for a, lead in led.items() if lead is None])}
    regions: dict[str, list[str]] = defaultdict(list)
    for a in eur:
        regions[actors[a]["region"] or "unknown"].append(a)
    report["regions"] = {r: cell(ids) for r, ids in sorted(regions.items())}
    return report


def _share(part: int, whole: int) -> float:
    return float(round(Decimal(part) / Decimal(whole), 4)) if whole else 0.0


def _observed(report: dict[str, Any]) -> dict[str, Any]:
    def figures(f: dict[str, Any]) -> dict[str, Any]:
        return {
            "total_committed_eur": f["total_committed_eur"],
            "actors_funded": f["actors_funded"],
            "commitments": f["commitments"],
            "donors": f["donors"],
            "hhi": f["hhi"],
            "top10_share": f["top10_share"],
            "new_actor_share": f["new_actor_share"],
            "thin": (f["thin_grants"]["count"], f["thin_grants"]["share"]),
        }

    found = figures(report)
    found["by_instrument"] = {
        i: figures(report["by_instrument"][i])
        for i in ("grant", "fellowship", "in_kind", "work_permit")
    }
    found["by_horizon"] = {h: figures(f) for h, f in report["by_horizon"].items()}
    found["confidential"] = report["confidential_commitments"]
    found["by_donor"] = report["by_donor"]
    found["distribution"] = report["donors_per_actor"]["distribution"]
    found["leadership"] = report["leadership"]
    found["regions"] = report["by_origin_region"]
    return found


def _report_days(scenario: Scenario) -> list[date]:
    """Random days, the middle of the first commitments' periods, and today."""
    middles = [p.start + p.length // 2 for p in scenario.commitments[:3]]
    return [BASE + timedelta(days=d) for d in [*scenario.report_days, *middles]] + [TODAY]


async def _report(funding: ServiceClient, day: date) -> Any:
    return await funding.get(
        "/v1/funding/reports/concentration", caller=ADMIN, params={"as_of": day.isoformat()}
    )


async def test_report_equals_a_full_recomputation(funding: ServiceClient, actors: Any) -> None:
    rates_log: dict[tuple[str, date], Decimal] = {}
    for n, scenario in enumerate(drawn_scenarios()):
        # Read every report day first: the service keeps these reports, and each change of the
        # scenario below (actors, rates, commitments, moves, erasure) must make it compute anew.
        for day in _report_days(scenario):
            await _report(funding, day)
        ids = [f"act_s{n}_{i}" for i in range(len(scenario.actors))]
        attributes: dict[str, dict[str, Any]] = {}
        for actor_id, a in zip(ids, scenario.actors, strict=True):
            await actors.known(actor_id, **a)
            attributes[actor_id] = {
                "leadership": a["leadership"],
                "region": a["origin_region"],
                "new": any(
                    d is not None and date.fromisoformat(d) >= NEW_SINCE
                    for d in (a["established_on"], a["relocated_on"])
                ),
            }
        for currency, day, rate in scenario.rates:
            as_of = BASE + timedelta(days=day)
            response = await funding.put(
                f"/v1/funding/fx-rates/{currency}",
                caller=ADMIN,
                json={"eur_per_unit": rate, "as_of": as_of.isoformat()},
            )
            assert response.status_code == 200, response.text
            rates_log[(currency, as_of)] = Decimal(rate)
        made: list[Made] = []
        for plan in scenario.commitments:
            start = BASE + timedelta(days=plan.start)
            body: dict[str, Any] = {
                "actor_id": ids[plan.actor],
                "instrument": plan.instrument,
                "period": {
                    "start": start.isoformat(),
                    "end": (start + timedelta(days=plan.length)).isoformat(),
                },
                "purposes": ["anti_war"],
                "status": plan.status,
                "confidential": plan.confidential,
            }
            if plan.instrument != "work_permit":
                amount = Decimal(plan.amount_minor).scaleb(-EXPONENT[plan.currency])
                body |= {"amount": format(amount, "f"), "currency": plan.currency}
            response = await funding.post(
                "/v1/funding/commitments", caller=Caller("agency", plan.donor), json=body
            )
            assert response.status_code == 201, response.text
            answer = response.json()
            one = Made(plan, answer["id"], ids[plan.actor], answer["horizon"])
            one.timeline.append((at(plan.created), plan.status))
            for change in plan.changes:
                await _apply(funding, one, change)
            await _shift(funding, one)
            made.append(one)
        if scenario.erase is not None:
            erased = ids[scenario.erase]
            await actors.apply(actors.event(erased, version=2, event_type="erased"))
            del attributes[erased]

        for day in _report_days(scenario):
            rates = {
                c: rate
                for (c, d), rate in sorted(rates_log.items(), key=lambda kv: kv[0][1])
                if d <= day
            }
            response = await _report(funding, day)
            want = expected(made, attributes, rates, day, THRESHOLD_CENTS)
            context = f"scenario {n} ({scenario}), report day {day}"
            if isinstance(want, list):
                assert response.status_code == 422, context
                assert all(c in response.json()["detail"] for c in want), context
                continue
            assert response.status_code == 200, f"{context}: {response.text}"
            assert response.json()["thin_grants"]["threshold_eur"] == "5000.00"
            assert _observed(response.json()) == want, context
            again = await _report(funding, day)  # kept: nothing changed in between
            assert again.json() == response.json(), context
        for actor_id in attributes:
            await actors.apply(actors.event(actor_id, version=3, event_type="erased"))
