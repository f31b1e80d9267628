"""The concentration figures, computed from grouped binding commitments (no SQL here).

Each group — one actor's binding commitments from one donor in one currency, instrument and
horizon — is converted to EUR cents once, rounded half up, with the rate in force on the report
date; every figure after that is integer arithmetic (HHI and shares are divided last). Thin
grants are counted per commitment, in SQL, against a cut-off per currency that
:func:`thin_cutoffs` derives exactly from the rate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from funding.money import EUR, minor_units
from funding.reports.models import NO_CURRENCY

# Exact for any amount below 10^19 minor units times a rate of at most 24 digits.
_EXACT = Context(prec=100, rounding=ROUND_HALF_UP)
DIMENSIONS = ("all", "instrument", "horizon")


@cache
def _exponent(currency: str) -> int:
    return minor_units(currency)


def to_eur_cents(amount_minor: int, currency: str, rate: Decimal) -> int:
    """EUR cents of ``amount_minor`` units of ``currency`` at ``rate`` EUR per unit, rounded
    half up (exact: no rounding before the last step)."""
    if currency == EUR:
        return amount_minor
    scaled = _EXACT.multiply(
        _EXACT.multiply(Decimal(amount_minor), rate), Decimal(1).scaleb(2 - _exponent(currency))
    )
    return int(_EXACT.quantize(scaled, Decimal(1)))


def thin_cutoffs(rates: Mapping[str, Decimal], threshold_cents: int) -> dict[str, int]:
    """Per currency with a rate (and EUR), the amount in minor units below which a commitment
    is worth less than ``threshold_cents`` once converted and rounded half up."""
    cutoffs = {EUR: threshold_cents}
    for currency, rate in rates.items():
        # Worth at least the threshold ⇔ amount × rate × 10^(2 − e) ≥ threshold − ½.
        per_unit = Fraction(rate) * Fraction(10) ** (2 - _exponent(currency))
        cutoffs[currency] = max(math.ceil((threshold_cents - Fraction(1, 2)) / per_unit), 0)
    return cutoffs


@dataclass
class Figures:
    """The figures of one set of commitments (all, one instrument or one horizon)."""

    eur_by_actor: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    commitments: int = 0
    monetary: int = 0
    donors: set[str] = field(default_factory=set)
    thin: int = 0

    @property
    def total_cents(self) -> int:
        return sum(self.eur_by_actor.values())

    def hhi(self) -> float:
        """Σ (share in %)², 0 (dispersed) to 10,000 (one actor); 0 without any EUR."""
        total = self.total_cents
        if not total:
            return 0.0
        return round(sum(e * e for e in self.eur_by_actor.values()) * 10_000 / total**2, 2)

    def top10_cents(self) -> int:
        ranked = sorted(self.eur_by_actor.items(), key=lambda kv: (-kv[1], kv[0]))
        return sum(eur for _, eur in ranked[:10])


@dataclass
class ActorFacts:
    is_new: bool
    origin_region: str | None
    leadership: dict[str, bool | None]
    donors: set[str] = field(default_factory=set)


@dataclass
class Concentration:
    """Everything the report shows, keyed by (dimension, group)."""

    figures: dict[tuple[str, str], Figures]
    actors: dict[str, ActorFacts]
    confidential: int
    missing_rates: list[str]


def concentrate(groups: Iterable[Any], rates: Mapping[str, Decimal]) -> Concentration:
    """Fold grouped binding commitments (``binding_groups`` rows) into the report's figures.

    Confidential groups are only counted. A group in a currency without a rate adds nothing to
    any EUR figure and names its currency in ``missing_rates`` (the report then answers 422).
    """
    figures: dict[tuple[str, str], Figures] = defaultdict(Figures)
    actors: dict[str, ActorFacts] = {}
    confidential = 0
    missing: set[str] = set()
    for g in groups:
        if g.commitments <= 0:
            continue
        if g.confidential:
            confidential += g.commitments
            continue
        monetary = g.currency != NO_CURRENCY
        cents = 0
        if monetary and g.currency != EUR and g.currency not in rates:
            missing.add(g.currency)
        elif monetary:
            cents = to_eur_cents(int(g.amount_minor), g.currency, rates.get(g.currency, Decimal(1)))
        facts = actors.get(g.actor_id)
        if facts is None:
            facts = actors[g.actor_id] = ActorFacts(
                is_new=bool(g.is_new),
                origin_region=g.origin_region,
                leadership={
                    "women_led": g.women_led,
                    "minority_led": g.minority_led,
                    "regional": g.regional,
                },
            )
        facts.donors.add(g.donor)
        for key in (("all", "all"), ("instrument", g.instrument), ("horizon", g.horizon)):
            f = figures[key]
            f.eur_by_actor[g.actor_id] += cents
            f.commitments += g.commitments
            f.monetary += g.commitments if monetary else 0
            f.donors.add(g.donor)
    return Concentration(dict(figures), actors, confidential, sorted(missing))


def add_thin(concentration: Concentration, thin_rows: Iterable[Any]) -> None:
    """Add the thin-grant counts (instrument, horizon, count) to every figure they belong to."""
    for instrument, horizon, count in thin_rows:
        for key in (("all", "all"), ("instrument", instrument), ("horizon", horizon)):
            if key in concentration.figures:
                concentration.figures[key].thin += int(count)
