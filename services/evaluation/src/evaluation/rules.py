"""The evaluation rules, free of I/O: who may assess, how scores aggregate, what the targets mean.

The paper's three criteria are scored 0–4 by independent evaluators; an actor's scorecard is
complete with two independent assessments and flags disagreement when any criterion spreads by 2
or more. Representation targets for supported activities: women about half (45–55%), people of
non-Russian ethnic origin at least 15% (aim 20%). Fewer than 5 participants are never shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum

CRITERIA = ("standards_and_visions", "knowledge_generation", "domestic_outreach")
MIN_SCORE = 0
MAX_SCORE = 4
COMPLETE_AT = 2  # independent assessments for a complete scorecard
DISAGREEMENT_SPREAD = 2  # max - min on any criterion

# Representation targets as integer percentages, so that comparisons stay exact.
WOMEN_TARGET_PERCENT = 50
WOMEN_BAND_PERCENT = (45, 55)
NON_RUSSIAN_MINIMUM_PERCENT = 15
NON_RUSSIAN_AIM_PERCENT = 20
SMALL_CELL = 5  # fewer participants than this are suppressed (null), as in the registry

CANCELLED = "cancelled"  # the one commitment status that is not live (funding_view/repository.py)


class Refusal(StrEnum):
    """Why an evaluator may not assess an actor in a cycle."""

    cycle_closed = "cycle_closed"
    already_assessed = "already_assessed"
    declared_conflict = "declared_conflict"
    state_funds_actor = "state_funds_actor"


REFUSAL_DETAILS = {
    Refusal.cycle_closed: "The cycle is closed: it takes no more assessments.",
    Refusal.already_assessed: "You have already assessed this actor in this cycle.",
    Refusal.declared_conflict: "You declared a conflict of interest with this actor.",
    Refusal.state_funds_actor: (
        "Your affiliated state has a live commitment to this actor within the cycle period."
    ),
}


def refusal(
    *,
    cycle_open: bool,
    already_assessed: bool,
    conflict_declared: bool,
    affiliated_state_funds_actor: bool,
) -> Refusal | None:
    """The first reason an assessment must be refused, or None when it may be submitted."""
    if not cycle_open:
        return Refusal.cycle_closed
    if already_assessed:
        return Refusal.already_assessed
    if conflict_declared:
        return Refusal.declared_conflict
    if affiliated_state_funds_actor:
        return Refusal.state_funds_actor
    return None


def median(values: Sequence[int]) -> float:
    """The median; for an even count the mean of the two middle values."""
    if not values:
        raise ValueError("the median of nothing")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    median: float
    min: int
    max: int

    @property
    def spread(self) -> int:
        return self.max - self.min


@dataclass(frozen=True, slots=True)
class Scorecard:
    """An actor's aggregate in one cycle; never says who gave which score."""

    assessments: int
    criteria: dict[str, CriterionSummary | None]
    complete: bool
    disagreement: bool


def scorecard(assessments: Sequence[Mapping[str, int]]) -> Scorecard:
    """Per criterion median, min and max over independent assessments (one per evaluator)."""
    criteria: dict[str, CriterionSummary | None] = {}
    for criterion in CRITERIA:
        values = [a[criterion] for a in assessments]
        criteria[criterion] = (
            CriterionSummary(median(values), min(values), max(values)) if values else None
        )
    return Scorecard(
        assessments=len(assessments),
        criteria=criteria,
        complete=len(assessments) >= COMPLETE_AT,
        disagreement=any(
            c is not None and c.spread >= DISAGREEMENT_SPREAD for c in criteria.values()
        ),
    )


@dataclass(frozen=True, slots=True)
class ParticipantTotals:
    """Summed aggregate participant counts of some activities."""

    activities: int = 0
    total: int = 0
    women: int = 0
    non_russian: int = 0
    audience_inside_russia: int = 0

    def __add__(self, other: ParticipantTotals) -> ParticipantTotals:
        return ParticipantTotals(
            self.activities + other.activities,
            self.total + other.total,
            self.women + other.women,
            self.non_russian + other.non_russian,
            self.audience_inside_russia + other.audience_inside_russia,
        )


@dataclass(frozen=True, slots=True)
class Representation:
    """Shares against the targets; every figure is None when the cell is too small to show."""

    activities: int
    participants: int | None
    women_share: float | None
    non_russian_share: float | None
    women_within_band: bool | None
    non_russian_minimum_met: bool | None
    non_russian_aim_met: bool | None
    meets_targets: bool | None
    audience_inside_russia: int


def women_within_band(women: int, total: int) -> bool:
    low, high = WOMEN_BAND_PERCENT
    return low * total <= 100 * women <= high * total


def non_russian_at_least(non_russian: int, total: int, percent: int) -> bool:
    return 100 * non_russian >= percent * total


def representation(totals: ParticipantTotals) -> Representation:
    """Women and non-Russian shares with target checks, suppressed below ``SMALL_CELL``."""
    if totals.total < SMALL_CELL:
        return Representation(
            activities=totals.activities,
            participants=None,
            women_share=None,
            non_russian_share=None,
            women_within_band=None,
            non_russian_minimum_met=None,
            non_russian_aim_met=None,
            meets_targets=None,
            audience_inside_russia=totals.audience_inside_russia,
        )
    women_ok = women_within_band(totals.women, totals.total)
    minimum_ok = non_russian_at_least(totals.non_russian, totals.total, NON_RUSSIAN_MINIMUM_PERCENT)
    return Representation(
        activities=totals.activities,
        participants=totals.total,
        women_share=round(totals.women / totals.total, 4),
        non_russian_share=round(totals.non_russian / totals.total, 4),
        women_within_band=women_ok,
        non_russian_minimum_met=minimum_ok,
        non_russian_aim_met=non_russian_at_least(
            totals.non_russian, totals.total, NON_RUSSIAN_AIM_PERCENT
        ),
        meets_targets=women_ok and minimum_ok,
        audience_inside_russia=totals.audience_inside_russia,
    )


TARGETS = {
    "women_share": {
        "target": WOMEN_TARGET_PERCENT / 100,
        "min": WOMEN_BAND_PERCENT[0] / 100,
        "max": WOMEN_BAND_PERCENT[1] / 100,
    },
    "non_russian_share": {
        "minimum": NON_RUSSIAN_MINIMUM_PERCENT / 100,
        "aim": NON_RUSSIAN_AIM_PERCENT / 100,
    },
    "suppressed_below_participants": SMALL_CELL,
}


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    """What an assignment run adds, in a deterministic order, and who stays short of two."""

    added: list[tuple[str, str]]  # (actor_id, evaluator_id)
    short: list[str]  # actors with fewer than COMPLETE_AT eligible evaluators


def plan_assignments(
    *,
    eligible: Mapping[str, Set[str]],
    assigned: Mapping[str, Set[str]],
    previous: Mapping[str, Set[str]],
    evaluators: Set[str],
) -> AssignmentPlan:
    """Give every actor ``COMPLETE_AT`` eligible evaluators, balancing the evaluators' loads.

    ``eligible`` maps each actor to the evaluators who may assess it (no declared conflict, no
    funding by their state); ``assigned`` holds the assignments kept from earlier runs (they are
    never moved, and count in the loads); ``previous`` the evaluators of the actor's previous
    cycle, used only when too few others are eligible (rotation).

    Greedy, most constrained actor first (fewest candidates, then actor id): each open slot goes
    to the candidate that is not a previous evaluator, then least loaded, then lowest id. A
    repair pass then shifts load from the most loaded evaluator to one with at least two fewer
    along a chain of moves of new assignments (breadth first: A's actor to B, B's to C, ...),
    each to an eligible evaluator without giving up rotation, until no chain exists; each shift
    lowers the sum of squared loads, so it ends.
    """
    load: dict[str, int] = dict.fromkeys(sorted(evaluators), 0)
    for kept in assigned.values():
        for e in kept:
            load[e] = load.get(e, 0) + 1
    picked: dict[str, set[str]] = {a: set(assigned.get(a, ())) for a in eligible}
    added: dict[str, set[str]] = defaultdict(set)  # evaluator -> actors newly given to it
    short = sorted(a for a, can in eligible.items() if len(can) < COMPLETE_AT)

    def candidates(actor: str) -> list[str]:
        return sorted(eligible[actor] - picked[actor])

    order = sorted(eligible, key=lambda a: (len(eligible[a] - picked[a]), a))
    for actor in order:
        before = previous.get(actor, set())
        for _ in range(COMPLETE_AT - len(picked[actor])):
            free = candidates(actor)
            if not free:
                break
            chosen = min(free, key=lambda e: (e in before, load[e], e))
            picked[actor].add(chosen)
            added[chosen].add(actor)
            load[chosen] += 1

    def moves_from(source: str) -> list[tuple[str, str]]:
        """(actor, evaluator): where one of ``source``'s new actors could go instead, keeping the
        actor's evaluators eligible and not bringing back a previous one in place of a new."""
        found = []
        for actor in sorted(added[source]):
            before = previous.get(actor, set())
            for target in sorted(eligible[actor] - picked[actor]):
                if target not in before or source in before:
                    found.append((actor, target))
        return found

    def move_one() -> bool:
        """Shift one unit of load along a chain of moves from a most loaded evaluator to one with
        at least two fewer (each evaluator in between keeps its load); False when none exists."""
        for high in sorted(load, key=lambda e: (-load[e], e)):
            came_from: dict[str, tuple[str, str]] = {}
            queue, seen = [high], {high}
            while queue:
                node = queue.pop(0)
                if load[node] <= load[high] - 2:
                    load[node] += 1
                    load[high] -= 1
                    while node != high:
                        actor, source = came_from[node]
                        picked[actor] = (picked[actor] - {source}) | {node}
                        added[source].discard(actor)
                        added[node].add(actor)
                        node = source
                    return True
                for actor, target in moves_from(node):
                    if target not in seen:
                        seen.add(target)
                        came_from[target] = (actor, node)
                        queue.append(target)
        return False

    while move_one():
        pass
    return AssignmentPlan(
        added=sorted((a, e) for e, actors in added.items() for a in actors),
        short=short,
    )
