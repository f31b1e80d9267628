"""Differential privacy of the statistics: calibrated noise (OpenDP) and a release budget.

What is secret in the statistics is what comes from personal data: the representation counts
(consented records, gender, non-Russian origin, minority and vulnerable-group flags). The
one-way tables of public attributes (kind, sectors, activities, host country, origin region,
total) count what every reader of ``GET /v1/actors`` can count exactly; noise there would cost
accuracy and protect nothing, so they stay exact (suppressed and rounded).

The representation counts get discrete Laplace noise from OpenDP (``make_laplace`` on integer
vectors, pure ε-differential privacy), drawn once per release: the release is stored and served
until the next, so repeated reads do not average the noise away. A release spends
``epsilon``; a new one is taken only when all of these hold (``release_due``):

* at least ``min_changes`` counted changes since the last release (a difference never rests on
  one registration);
* at least ``min_interval`` since the last release (an agency that triggers changes by editing
  its own actors still gets at most one release per interval);
* the releases of the last ``period`` plus this one spend at most ``budget``.

When the budget is spent the last release keeps being served, until enough of the period has
passed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib.metadata import version
from typing import Any

import opendp.prelude as dp

dp.enable_features("contrib")  # OpenDP's measurements on integers are "contrib" features

MECHANISM = "discrete_laplace"
LIBRARY = f"opendp {version('opendp')}"
NOISED = ("representation",)

# The counts that get noise, in this order: one vector, one draw.
GENDERS = ("female", "male", "non_binary", "undisclosed")
FLAGS = ("non_russian_ethnic_origin", "national_minority", "vulnerable_groups")
NOISED_COUNTS = ("consented", *GENDERS, *FLAGS)

# How far (L1) one actor's record moves that vector, whether it is added, removed or changed:
# its contribution is "consented" (0 or 1), at most one gender (0 or 1) and three flags (0 or 1
# each), so at most 5 when added or removed; a change with consent kept moves one gender out and
# another in (2) and each flag at most 1 (3): 5 again.
SENSITIVITY = 5


@dataclass(frozen=True)
class ReleasePolicy:
    """How much privacy each release spends, and how often releases may come."""

    epsilon: float = 1.0
    budget: float = 4.0
    period: timedelta = timedelta(days=30)
    min_interval: timedelta = timedelta(days=7)
    min_changes: int = 5

    def __post_init__(self) -> None:
        if not (self.epsilon > 0 and math.isfinite(self.epsilon)):
            raise ValueError("epsilon must be positive and finite")
        if self.epsilon > self.budget:
            raise ValueError("one release must fit in the budget")
        if self.min_interval > self.period:
            raise ValueError("the interval between releases must fit in the budget's period")

    @property
    def scale(self) -> float:
        return calibrated_scale(self.epsilon)

    def noise(self) -> Callable[[Sequence[int]], list[int]]:
        """A fresh draw of the mechanism for one release."""
        measurement = laplace(self.scale)
        return lambda counts: [int(n) for n in measurement(list(counts))]


def _space() -> tuple[Any, Any]:
    return dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)


@cache
def laplace(scale: float) -> Any:
    """OpenDP's discrete Laplace measurement on integer vectors (L1 metric)."""
    return dp.m.make_laplace(*_space(), scale=scale)


@cache
def calibrated_scale(epsilon: float) -> float:
    """The smallest noise scale whose privacy loss, by OpenDP's own privacy map, is at most
    ``epsilon`` for a change of ``SENSITIVITY`` in the counts (one actor)."""
    scale = float(dp.binary_search_param(laplace, d_in=SENSITIVITY, d_out=epsilon))
    if laplace(scale).map(SENSITIVITY) > epsilon:  # binary search is on the safe side; check
        raise RuntimeError("the noise is not calibrated")
    return scale


# Self-declared origins counted as Russian when computing the non-Russian share.
RUSSIAN = frozenset({"russian", "russians", "русский", "русская", "русские", "russe", "russisch"})


def contribution(personal: Mapping[str, Any]) -> dict[str, int]:
    """What one actor's personal record adds to the noised counts (each 0 or 1)."""
    counts = dict.fromkeys(NOISED_COUNTS, 0)
    representation = personal.get("representation")
    if not representation or not personal.get("consent"):
        return counts  # shares rest on consented records only
    counts["consented"] = 1
    if representation.get("gender") in GENDERS:
        counts[representation["gender"]] = 1
    origin = representation.get("ethnic_origin")
    if origin and origin.strip().casefold() not in RUSSIAN:
        counts["non_russian_ethnic_origin"] = 1
    if representation.get("national_minority"):
        counts["national_minority"] = 1
    if representation.get("vulnerable_groups"):
        counts["vulnerable_groups"] = 1
    return counts


@dataclass(frozen=True)
class Release:
    """One release that spent budget: when, and how much."""

    at: datetime
    epsilon: float


def spent(ledger: Sequence[Release], *, now: datetime, period: timedelta) -> float:
    """The budget spent by the releases of the period ending now."""
    return sum(r.epsilon for r in ledger if now - r.at < period)


def affordable(policy: ReleasePolicy, ledger: Sequence[Release], *, now: datetime) -> bool:
    """Whether one more release fits in the budget of the period ending now."""
    # A small tolerance: sums of floats such as 0.1 must not lose the last release.
    return spent(ledger, now=now, period=policy.period) + policy.epsilon <= policy.budget + 1e-9


def release_due(
    policy: ReleasePolicy,
    *,
    ledger: Sequence[Release],
    published: bool,
    changes_since: int,
    now: datetime,
) -> bool:
    """Whether a new release is taken now (``published``: one is stored and readable)."""
    if not published:
        return True  # the first, or one stored in an older layout: released (withheld if broke)
    if changes_since < policy.min_changes:
        return False
    last = max((r.at for r in ledger), default=None)
    if last is not None and now - last < policy.min_interval:
        return False
    return affordable(policy, ledger, now=now)


def recorded(policy: ReleasePolicy, ledger: Sequence[Release], *, now: datetime) -> list[Release]:
    """The ledger with a release now added, keeping only the releases of the period."""
    return [r for r in ledger if now - r.at < policy.period] + [Release(now, policy.epsilon)]
