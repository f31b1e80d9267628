"""Evaluator assignment: each actor funded in a cycle gets two eligible evaluators, loads balanced.

Eligible: enrolled, no declared conflict with the actor, and the evaluator's affiliated state has
no live commitment to it in the cycle period (the same rules that refuse an assessment).
Rotation: the actor's evaluators of the previous cycle only where too few others are eligible.
The cycle row is locked, so two runs serialise; a rerun keeps what is assigned and fills gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.assignments import repository
from evaluation.assignments.models import Assignment
from evaluation.cycles.models import Cycle
from evaluation.evaluators import repository as evaluators
from evaluation.events import published
from evaluation.funding_view import repository as funding


class CycleClosed(Conflict):
    title = "Cycle closed"


@dataclass(frozen=True, slots=True)
class AssignmentRun:
    actors: int  # actors funded in the cycle
    actors_assigned: int  # of which with at least two assignments
    assignments: int  # assignments in the cycle after the run
    created: int
    withdrawn: int
    actors_short: list[str]  # fewer than two eligible evaluators


def _eligible(
    actor_id: str,
    funders: set[str],
    roster: dict[str, str | None],
    conflicts: set[tuple[str, str]],
) -> set[str]:
    """The enrolled evaluators who may assess the actor: no conflict, not funded by their state."""
    return {
        evaluator
        for evaluator, state in roster.items()
        if (evaluator, actor_id) not in conflicts and (state is None or state not in funders)
    }


async def assign_evaluators(session: AsyncSession, *, cycle: Cycle) -> AssignmentRun:
    """Assign every actor funded in the (locked) cycle to two eligible evaluators."""
    if not cycle.is_open:
        raise CycleClosed("The cycle is closed: it takes no more assignments.")
    funded = await funding.funders_of_live_actors(
        session, start=cycle.period_start, end=cycle.period_end
    )
    roster = await evaluators.roster(session)
    conflicts = await repository.declared_conflicts(session, roster)
    eligible = {a: _eligible(a, donors, roster, conflicts) for a, donors in funded.items()}
    before = await repository.previous_cycle(session, cycle)
    previous = await repository.evaluators_by_actor(session, cycle_id=before.id) if before else {}

    existing = await repository.of_cycle(session, cycle_id=cycle.id)
    assessed = await repository.assessed_pairs(session, cycle_id=cycle.id)
    # An assignment no longer eligible (a conflict declared since, new funding by the evaluator's
    # state, the actor no longer funded or erased) and not yet carried out is withdrawn, and its
    # gap filled; every other one is kept as it is.
    stale = {
        a.id
        for a in existing
        if a.evaluator_id not in eligible.get(a.actor_id, ())
        and (a.actor_id, a.evaluator_id) not in assessed
    }
    await repository.withdraw(session, sorted(stale))
    kept: dict[str, set[str]] = {}
    for a in existing:
        if a.id not in stale and a.actor_id in eligible:
            kept.setdefault(a.actor_id, set()).add(a.evaluator_id)

    plan = rules.plan_assignments(
        eligible=eligible, assigned=kept, previous=previous, evaluators=set(roster)
    )
    now = datetime.now(UTC)
    created = [
        Assignment(
            id=new_id("asg"),
            cycle_id=cycle.id,
            actor_id=actor,
            evaluator_id=evaluator,
            created_at=now,
        )
        for actor, evaluator in plan.added
    ]
    await repository.add_all(session, created)
    for assignment in created:
        await enqueue(session, *published.assignment_created(assignment))
    per_actor = {a: len(kept.get(a, ())) for a in funded}
    for actor, _ in plan.added:
        per_actor[actor] += 1
    return AssignmentRun(
        actors=len(funded),
        actors_assigned=sum(1 for n in per_actor.values() if n >= rules.COMPLETE_AT),
        assignments=sum(per_actor.values()),
        created=len(created),
        withdrawn=len(stale),
        actors_short=plan.short,
    )


async def list_assignments(
    session: AsyncSession, *, cycle: Cycle, caller: Identity, cursor: str | None, limit: int
) -> Slice[repository.AssignmentRow]:
    """A cycle's assignments: an evaluator's own, or all of them for an admin."""
    after = decode_cursor(cursor, datetime, str)
    rows = await repository.list_assignments(
        session,
        cycle_id=cycle.id,
        evaluator_id=None if caller.role == "admin" else caller.client_id,
        after=after,
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda r: (r.created_at, r.id))


async def outstanding_actors(
    session: AsyncSession, *, cycle: Cycle, cursor: str | None, limit: int
) -> Slice[repository.Outstanding]:
    """Actors of the cycle with fewer than two assessments, by actor id."""
    after = decode_cursor(cursor, str)
    rows = await repository.outstanding(
        session,
        cycle=cycle,
        below=rules.COMPLETE_AT,
        after=after[0] if after else None,
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda r: (r.actor_id,))
