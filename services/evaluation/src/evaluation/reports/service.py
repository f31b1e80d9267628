"""Per cycle: representation against the targets; the portfolio (money next to merit) is
computed in ``portfolio.py`` and kept per cycle by ``snapshot.py``. Erased actors are left out
everywhere.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.cycles.models import Cycle
from evaluation.funding_view import repository as funding
from evaluation.reports.facts import (
    activity_totals,
    period_fields,
    representation_fields,
    sum_totals,
)
from evaluation.reports.snapshot import kept_portfolio_report as portfolio_report

__all__ = ["portfolio_report", "representation_report"]


async def representation_report(session: AsyncSession, *, cycle: Cycle) -> dict[str, object]:
    """Women and non-Russian shares of a cycle's activities: overall, per donor, per actor.

    A donor's figures cover the activities of the actors it funds within the cycle period; an
    activity linked to a commitment counts for that commitment's donor only.
    """
    by_actor = await activity_totals(session, cycle)
    participants = {a: sum_totals(by_funder.values()) for a, by_funder in by_actor.items()}
    funded_by = await funding.donors_by_actor(
        session, start=cycle.period_start, end=cycle.period_end
    )
    donors: dict[str, list[rules.ParticipantTotals]] = defaultdict(list)
    for actor_id, by_funder in by_actor.items():
        for donor in funded_by.get(actor_id, ()):
            shares = [t for f, t in by_funder.items() if f is None or f == donor]
            if shares:
                donors[donor].append(sum_totals(shares))
    return {
        "cycle_id": cycle.id,
        "period": period_fields(cycle),
        "targets": rules.TARGETS,
        **representation_fields(sum_totals(participants.values())),
        "per_donor": [
            {"donor": donor, "actors": len(totals), **representation_fields(sum_totals(totals))}
            for donor, totals in sorted(donors.items())
        ],
        "per_actor": [
            {"actor_id": actor_id, **representation_fields(totals)}
            for actor_id, totals in sorted(participants.items())
        ],
    }
