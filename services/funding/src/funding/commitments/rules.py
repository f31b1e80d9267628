"""The domain rules of commitments that need no database: horizon, overlap, lifecycle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Instrument(StrEnum):
    grant = "grant"
    fellowship = "fellowship"
    residence_permit = "residence_permit"
    work_permit = "work_permit"
    in_kind = "in_kind"


# Permits are granted, not paid: they carry no amount.
PERMITS = frozenset({Instrument.residence_permit, Instrument.work_permit})


class Purpose(StrEnum):
    anti_war = "anti_war"
    ukraine_support = "ukraine_support"
    repression_support = "repression_support"
    future_visions = "future_visions"
    public_debate = "public_debate"
    domestic_outreach = "domestic_outreach"
    # contract v1.1: the policy paper's long-term themes
    war_crimes_documentation = "war_crimes_documentation"
    historical_memory = "historical_memory"
    decentralisation = "decentralisation"
    minority_rights = "minority_rights"
    lgbtq_advocacy = "lgbtq_advocacy"


class Status(StrEnum):
    pledged = "pledged"
    committed = "committed"
    disbursed = "disbursed"
    completed = "completed"
    cancelled = "cancelled"


class Horizon(StrEnum):
    short = "short"
    mid = "mid"
    long = "long"


# Which status may follow which; anything else is a 409.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.pledged: frozenset({Status.committed, Status.cancelled}),
    Status.committed: frozenset({Status.disbursed, Status.completed, Status.cancelled}),
    Status.disbursed: frozenset({Status.completed}),
    Status.completed: frozenset(),
    Status.cancelled: frozenset(),
}

# Statuses that bind the donor: what the reports count as committed.
BINDING = (Status.committed.value, Status.disbursed.value, Status.completed.value)

# Statuses in which a commitment still counts for coordination (overlaps).
LIVE = frozenset({Status.pledged, Status.committed, Status.disbursed, Status.completed})


def can_move(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def horizon(start: date, end: date) -> Horizon:
    """Short up to 2 years, mid up to 5, long beyond; both ends of the period are included.

    2024-01-01..2025-12-31 is exactly two years (short); one day more makes it mid.
    """
    if _lasts_at_most(start, end, 2):
        return Horizon.short
    if _lasts_at_most(start, end, 5):
        return Horizon.mid
    return Horizon.long


def _lasts_at_most(start: date, end: date, years: int) -> bool:
    if start.year + years > date.max.year:
        return True  # the calendar ends first
    return end < add_years(start, years)


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    def intersects(self, other: Period) -> bool:
        """Both ends included: periods that share one day intersect."""
        return self.start <= other.end and other.start <= self.end


def overlaps(
    *,
    donor: str,
    purposes: Iterable[str],
    period: Period,
    other_donor: str,
    other_purposes: Iterable[str],
    other_period: Period,
    other_status: Status,
) -> frozenset[str]:
    """The purposes two commitments to one actor share if they overlap, else nothing.

    An overlap is another donor's live commitment with a shared purpose and an intersecting
    period. (The same rule runs in SQL in the repository; this is its reference.)
    """
    if donor == other_donor or other_status not in LIVE or not period.intersects(other_period):
        return frozenset()
    return frozenset(purposes) & frozenset(other_purposes)
