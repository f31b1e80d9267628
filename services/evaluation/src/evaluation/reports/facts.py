"""What the reports of a cycle are made of: per live actor, scores, participant totals (split by
the donor of the linked commitment) and funding by donor, gathered with bounded queries.
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


async def activity_totals(
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


async def participants_by_actor(
    session: AsyncSession, cycle: Cycle
) -> dict[str, rules.ParticipantTotals]:
    """Per live actor, the summed participants of all its activities in the cycle."""
    return {
        actor_id: sum_totals(by_funder.values())
        for actor_id, by_funder in (await activity_totals(session, cycle)).items()
    }


async def cycle_facts(session: AsyncSession, *, cycle: Cycle) -> CycleFacts:
    """Gather one cycle's scores, participant totals and funding, for live actors only."""
    scores: dict[str, list[dict[str, int]]] = defaultdict(list)
    for actor_id, s, k, d in await assessments.cycle_scores(session, cycle_id=cycle.id):
        scores[actor_id].append(
            {"standards_and_visions": s, "knowledge_generation": k, "domestic_outreach": d}
        )
    participants = await participants_by_actor(session, cycle)
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


def sum_totals(totals: Iterable[rules.ParticipantTotals]) -> rules.ParticipantTotals:
    result = rules.ParticipantTotals()
    for t in totals:
        result = result + t
    return result


def representation_fields(totals: rules.ParticipantTotals) -> dict[str, object]:
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


def period_fields(cycle: Cycle) -> dict[str, str]:
    return {"start": cycle.period_start.isoformat(), "end": cycle.period_end.isoformat()}
