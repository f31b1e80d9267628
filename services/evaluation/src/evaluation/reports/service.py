"""Reports per cycle: representation against the targets, and the portfolio (money next to merit).

Queries aggregate in SQL per actor (activity sums) or read only the columns needed (scores without
evaluator ids, live commitments of the cycle period); the per-donor and per-sector roll-ups are
computed from those per-actor figures. Erased actors are left out everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.activities import repository as activities
from evaluation.actors_view import repository as actors
from evaluation.assessments import repository as assessments
from evaluation.cycles.models import Cycle
from evaluation.funding_view import repository as funding


@dataclass
class DonorFunding:
    donor: str
    currency: str | None
    commitments: int = 0
    committed: Decimal | None = None
    disbursed: Decimal | None = None
    instruments: set[str] = field(default_factory=set)


@dataclass
class CycleFacts:
    """Everything the portfolio of one cycle is made of, per live actor."""

    cycle: Cycle
    actors: dict[str, actors.ActorAttributes]
    scores: dict[str, list[dict[str, int]]]
    participants: dict[str, rules.ParticipantTotals]
    funding: dict[str, list[DonorFunding]]


def _add(total: Decimal | None, amount: str | None) -> Decimal | None:
    if amount is None:
        return total
    return (total or Decimal(0)) + Decimal(amount)


def _funding_by_donor(rows: Iterable[funding.FundingRow]) -> dict[str, list[DonorFunding]]:
    grouped: dict[str, dict[tuple[str, str | None], DonorFunding]] = defaultdict(dict)
    for c in rows:
        key = (c.donor, c.currency)
        entry = grouped[c.actor_id].setdefault(key, DonorFunding(c.donor, c.currency))
        entry.commitments += 1
        entry.committed = _add(entry.committed, c.amount)
        entry.disbursed = _add(entry.disbursed, c.disbursed_total)
        if c.instrument:
            entry.instruments.add(c.instrument)
    return {
        actor_id: sorted(entries.values(), key=lambda f: (f.donor, f.currency or ""))
        for actor_id, entries in grouped.items()
    }


async def _activity_totals(
    session: AsyncSession, cycle: Cycle
) -> dict[str, dict[str | None, rules.ParticipantTotals]]:
    """Per live actor and donor of the linked commitment (None: unlinked), summed participants
    of its activities in the cycle (SQL sums)."""
    found: dict[str, dict[str | None, rules.ParticipantTotals]] = defaultdict(dict)
    for actor_id, funder, n, t, w, nr, aud in await activities.activity_totals(
        session, cycle_id=cycle.id
    ):
        found[actor_id][funder] = rules.ParticipantTotals(
            int(n), int(t), int(w), int(nr), int(aud or 0)
        )
    return found


async def _participants(session: AsyncSession, cycle: Cycle) -> dict[str, rules.ParticipantTotals]:
    """Per live actor, the summed participants of all its activities in the cycle."""
    return {
        actor_id: _sum(by_funder.values())
        for actor_id, by_funder in (await _activity_totals(session, cycle)).items()
    }


async def cycle_facts(session: AsyncSession, *, cycle: Cycle) -> CycleFacts:
    """Gather one cycle's scores, participant totals and funding, for live actors only."""
    scores: dict[str, list[dict[str, int]]] = defaultdict(list)
    for actor_id, s, k, d in await assessments.cycle_scores(session, cycle_id=cycle.id):
        scores[actor_id].append(
            {"standards_and_visions": s, "knowledge_generation": k, "domestic_outreach": d}
        )
    participants = await _participants(session, cycle)
    rows = await funding.live_funding_within(
        session, start=cycle.period_start, end=cycle.period_end
    )
    live = await actors.live_actor_attributes(session)
    involved = {*scores, *participants, *(r.actor_id for r in rows)}
    return CycleFacts(
        cycle=cycle,
        actors={a: live[a] for a in involved if a in live},
        scores=dict(scores),
        participants=participants,
        funding=_funding_by_donor(r for r in rows if r.actor_id in live),
    )


def _sum(totals: Iterable[rules.ParticipantTotals]) -> rules.ParticipantTotals:
    result = rules.ParticipantTotals()
    for t in totals:
        result = result + t
    return result


def _representation_fields(totals: rules.ParticipantTotals) -> dict[str, object]:
    r = rules.representation(totals)
    return {
        "activities": r.activities,
        "participants": r.participants,
        "women_share": r.women_share,
        "non_russian_share": r.non_russian_share,
        "meets_targets": r.meets_targets,
        "women_within_target": r.women_within_band,
        "non_russian_minimum_met": r.non_russian_minimum_met,
        "non_russian_aim_met": r.non_russian_aim_met,
        "audience_inside_russia": r.audience_inside_russia,
    }


def _period(cycle: Cycle) -> dict[str, str]:
    return {"start": cycle.period_start.isoformat(), "end": cycle.period_end.isoformat()}


async def representation_report(session: AsyncSession, *, cycle: Cycle) -> dict[str, object]:
    """Women and non-Russian shares of a cycle's activities: overall, per donor, per actor.

    A donor's figures cover the activities of the actors it funds within the cycle period; an
    activity linked to a commitment counts for that commitment's donor only.
    """
    by_actor = await _activity_totals(session, cycle)
    participants = {a: _sum(by_funder.values()) for a, by_funder in by_actor.items()}
    funded_by = await funding.donors_by_actor(
        session, start=cycle.period_start, end=cycle.period_end
    )
    donors: dict[str, list[rules.ParticipantTotals]] = defaultdict(list)
    for actor_id, by_funder in by_actor.items():
        for donor in funded_by.get(actor_id, ()):
            shares = [t for f, t in by_funder.items() if f is None or f == donor]
            if shares:
                donors[donor].append(_sum(shares))
    return {
        "cycle_id": cycle.id,
        "period": _period(cycle),
        "targets": rules.TARGETS,
        **_representation_fields(_sum(participants.values())),
        "per_donor": [
            {"donor": donor, "actors": len(totals), **_representation_fields(_sum(totals))}
            for donor, totals in sorted(donors.items())
        ],
        "per_actor": [
            {"actor_id": actor_id, **_representation_fields(totals)}
            for actor_id, totals in sorted(participants.items())
        ],
    }


def _scorecard_fields(card: rules.Scorecard) -> dict[str, object]:
    fields: dict[str, object] = {
        "assessments": card.assessments,
        "complete": card.complete,
        "disagreement": card.disagreement,
    }
    for criterion, summary in card.criteria.items():
        fields[criterion] = (
            {"median": summary.median, "min": summary.min, "max": summary.max}
            if summary
            else {"median": None, "min": None, "max": None}
        )
    return fields


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else format(amount, "f")


def _funding_fields(entry: DonorFunding) -> dict[str, object]:
    return {
        "donor": entry.donor,
        "currency": entry.currency,
        "commitments": entry.commitments,
        "committed": _money(entry.committed),
        "disbursed": _money(entry.disbursed),
        "instruments": sorted(entry.instruments),
    }


def _currency_totals(entries: Iterable[DonorFunding]) -> list[dict[str, object]]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if entry.currency is not None and entry.committed is not None:
            totals[entry.currency] += entry.committed
    return [{"currency": c, "committed": _money(v)} for c, v in sorted(totals.items())]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


async def portfolio_report(session: AsyncSession, *, cycle: Cycle) -> dict[str, object]:
    """Per actor: funding by donor, scorecard and representation; totals per sector and criterion."""
    facts = await cycle_facts(session, cycle=cycle)
    # Many funded actors have no assessment or activity yet: their figures are computed once.
    no_card = rules.scorecard([])
    no_card_fields = _scorecard_fields(no_card)
    no_activities = _representation_fields(rules.ParticipantTotals())
    cards = {a: rules.scorecard(v) if (v := facts.scores.get(a)) else no_card for a in facts.actors}
    items = []
    for actor_id, actor in sorted(facts.actors.items()):
        totals = facts.participants.get(actor_id)
        items.append(
            {
                "actor_id": actor_id,
                "kind": actor.kind,
                "sectors": actor.sectors,
                "host_country": actor.host_country,
                "origin_region": actor.origin_region,
                "funding": [_funding_fields(f) for f in facts.funding.get(actor_id, [])],
                "scorecard": no_card_fields
                if cards[actor_id] is no_card
                else _scorecard_fields(cards[actor_id]),
                "representation": _representation_fields(totals) if totals else no_activities,
            }
        )

    by_sector: dict[str, list[str]] = defaultdict(list)
    for actor_id, actor in facts.actors.items():
        for sector in actor.sectors:
            by_sector[sector].append(actor_id)

    def medians(actor_ids: Iterable[str], criterion: str) -> list[float]:
        return [
            summary.median
            for a in actor_ids
            if (summary := cards[a].criteria[criterion]) is not None
        ]

    sectors = [
        {
            "sector": sector,
            "actors": len(ids),
            "funding": _currency_totals(f for a in ids for f in facts.funding.get(a, [])),
            "mean_median": {c: _mean(medians(ids, c)) for c in rules.CRITERIA},
            "representation": _representation_fields(
                _sum(facts.participants.get(a, rules.ParticipantTotals()) for a in ids)
            ),
        }
        for sector, ids in sorted(by_sector.items())
    ]
    criteria = []
    for criterion in rules.CRITERIA:
        values = medians(facts.actors, criterion)
        criteria.append(
            {
                "criterion": criterion,
                "actors_scored": len(values),
                "mean_median": _mean(values),
                "min_median": min(values) if values else None,
                "max_median": max(values) if values else None,
            }
        )
    donors: dict[str, list[DonorFunding]] = defaultdict(list)
    donor_actors: dict[str, set[str]] = defaultdict(set)
    for actor_id, entries in facts.funding.items():
        for entry in entries:
            donors[entry.donor].append(entry)
            donor_actors[entry.donor].add(actor_id)
    return {
        "cycle_id": facts.cycle.id,
        "period": _period(facts.cycle),
        "status": facts.cycle.status,
        "actors": items,
        "totals": {
            "actors": len(items),
            "complete_scorecards": sum(1 for c in cards.values() if c.complete),
            "funding": _currency_totals(f for entries in facts.funding.values() for f in entries),
            "per_donor": [
                {
                    "donor": donor,
                    "actors": len(donor_actors[donor]),
                    "funding": _currency_totals(entries),
                }
                for donor, entries in sorted(donors.items())
            ],
            "per_sector": sectors,
            "per_criterion": criteria,
            "representation": _representation_fields(_sum(facts.participants.values())),
        },
    }
