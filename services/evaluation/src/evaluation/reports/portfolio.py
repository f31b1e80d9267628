"""The portfolio of a cycle: money (in EUR) next to merit and representation, per actor (paged),
with totals per donor, sector, region and criterion over the whole cycle.

Amounts convert with the rate in force on the cycle's last day (``fx_rate_set`` events from
funding); a currency without a rate is named (``rate_missing``, ``missing_rates``) and left out
of the EUR figures, never guessed. Confidential commitments are in no figure (as in every report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from agora_common.pagination import decode_cursor, encode_cursor
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.cycles.models import Cycle
from evaluation.funding_view import repository as funding
from evaluation.reports.facts import (
    CycleFacts,
    DonorFunding,
    cycle_facts,
    period_fields,
    representation_fields,
    sum_totals,
)

EUR = "EUR"
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Rates:
    """EUR per unit, per currency, on one day."""

    day: str
    per_unit: dict[str, Decimal]

    def eur(self, currency: str | None, amount: Decimal | None) -> Decimal | None:
        """The amount in EUR (exact, rounded to cents), or None without an amount or a rate."""
        if amount is None or currency is None:
            return None
        rate = Decimal(1) if currency == EUR else self.per_unit.get(currency)
        return None if rate is None else (amount * rate).quantize(CENT)

    def missing(self, currency: str | None) -> bool:
        return currency is not None and currency != EUR and currency not in self.per_unit


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else format(amount, "f")


def _eur_total(entries: Iterable[DonorFunding], rates: Rates) -> Decimal:
    total = Decimal("0.00")
    for entry in entries:
        total += rates.eur(entry.currency, entry.committed) or Decimal(0)
    return total


def _missing(entries: Iterable[DonorFunding], rates: Rates) -> list[str]:
    return sorted({e.currency for e in entries if e.currency and rates.missing(e.currency)})


def _currency_totals(entries: Iterable[DonorFunding]) -> list[dict[str, object]]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if entry.currency is not None and entry.committed is not None:
            totals[entry.currency] += entry.committed
    return [{"currency": c, "committed": _money(v)} for c, v in sorted(totals.items())]


def _funding_fields(entry: DonorFunding, rates: Rates) -> dict[str, object]:
    return {
        "donor": entry.donor,
        "currency": entry.currency,
        "commitments": entry.commitments,
        "committed": _money(entry.committed),
        "disbursed": _money(entry.disbursed),
        "committed_eur": _money(rates.eur(entry.currency, entry.committed)),
        "disbursed_eur": _money(rates.eur(entry.currency, entry.disbursed)),
        "rate_missing": rates.missing(entry.currency),
        "instruments": sorted(entry.instruments),
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


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _item(
    facts: CycleFacts, actor_id: str, card: rules.Scorecard, rates: Rates
) -> dict[str, object]:
    actor = facts.actors[actor_id]
    entries = facts.funding.get(actor_id, [])
    totals = facts.participants.get(actor_id, rules.ParticipantTotals())
    return {
        "actor_id": actor_id,
        "kind": actor.kind,
        "sectors": actor.sectors,
        "host_country": actor.host_country,
        "origin_region": actor.origin_region,
        "funding": [_funding_fields(f, rates) for f in entries],
        "committed_eur": _money(_eur_total(entries, rates)),
        "missing_rates": _missing(entries, rates),
        "scorecard": _scorecard_fields(card),
        "representation": representation_fields(totals),
    }


def _groups(facts: CycleFacts) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Actor ids per sector and per origin region (``unknown`` when not recorded)."""
    by_sector: dict[str, list[str]] = defaultdict(list)
    by_region: dict[str, list[str]] = defaultdict(list)
    for actor_id, actor in facts.actors.items():
        for sector in actor.sectors:
            by_sector[sector].append(actor_id)
        by_region[actor.origin_region or "unknown"].append(actor_id)
    return by_sector, by_region


def header(cycle: Cycle) -> dict[str, object]:
    """The fields of the report that come from the cycle itself, in the report's order."""
    return {
        "cycle_id": cycle.id,
        "period": period_fields(cycle),
        "status": cycle.status,
        "rates_as_of": cycle.period_end.isoformat(),
    }


def answer(
    cycle: Cycle, items: list[dict[str, object]], next_cursor: str | None, totals: object
) -> dict[str, object]:
    return {**header(cycle), "actors": items, "next_cursor": next_cursor, "totals": totals}


async def portfolio_report(
    session: AsyncSession, *, cycle: Cycle, cursor: str | None = None, limit: int = 50
) -> dict[str, object]:
    """One page of actors (by actor id) with funding in EUR, scorecard and representation, and
    the totals of the whole cycle per donor, sector, region and criterion, all computed anew."""
    after = decode_cursor(cursor, str)
    items, totals = await whole_portfolio(session, cycle=cycle)
    ordered = [(a, item) for a, item in items if after is None or a > after[0]]
    page = ordered[:limit]
    next_cursor = encode_cursor(page[-1][0]) if len(ordered) > limit else None
    return answer(cycle, [item for _, item in page], next_cursor, totals)


async def whole_portfolio(
    session: AsyncSession, *, cycle: Cycle
) -> tuple[list[tuple[str, dict[str, object]]], dict[str, object]]:
    """Every actor's entry (actor id, entry; by actor id) and the totals of the whole cycle."""
    facts = await cycle_facts(session, cycle=cycle)
    rates = Rates(cycle.period_end.isoformat(), await funding.rates_on(session, cycle.period_end))
    no_card = rules.scorecard([])
    cards = {a: rules.scorecard(v) if (v := facts.scores.get(a)) else no_card for a in facts.actors}
    items = [(a, _item(facts, a, cards[a], rates)) for a in sorted(facts.actors)]

    def medians(actor_ids: Iterable[str], criterion: str) -> list[float]:
        return [s.median for a in actor_ids if (s := cards[a].criteria[criterion]) is not None]

    def money(actor_ids: list[str]) -> dict[str, object]:
        entries = [f for a in actor_ids for f in facts.funding.get(a, [])]
        return {
            "actors": len(actor_ids),
            "funding": _currency_totals(entries),
            "committed_eur": _money(_eur_total(entries, rates)),
            "missing_rates": _missing(entries, rates),
        }

    by_sector, by_region = _groups(facts)
    donors: dict[str, set[str]] = defaultdict(set)
    for actor_id, entries in facts.funding.items():
        for entry in entries:
            donors[entry.donor].add(actor_id)
    everything = [f for entries in facts.funding.values() for f in entries]
    return items, {
        "actors": len(facts.actors),
        "complete_scorecards": sum(1 for c in cards.values() if c.complete),
        "funding": _currency_totals(everything),
        "committed_eur": _money(_eur_total(everything, rates)),
        "missing_rates": _missing(everything, rates),
        "per_donor": [
            {
                "donor": donor,
                "actors": len(ids),
                "funding": _currency_totals(
                    f for a in ids for f in facts.funding[a] if f.donor == donor
                ),
                "committed_eur": _money(
                    _eur_total(
                        (f for a in ids for f in facts.funding[a] if f.donor == donor), rates
                    )
                ),
            }
            for donor, ids in sorted(donors.items())
        ],
        "by_sector": [
            {"sector": sector, **money(ids)} for sector, ids in sorted(by_sector.items())
        ],
        "by_region": [
            {"origin_region": region, **money(ids)} for region, ids in sorted(by_region.items())
        ],
        "per_sector": [
            {
                "sector": sector,
                "actors": len(ids),
                "funding": _currency_totals(f for a in ids for f in facts.funding.get(a, [])),
                "mean_median": {c: _mean(medians(ids, c)) for c in rules.CRITERIA},
                "representation": representation_fields(
                    sum_totals(facts.participants.get(a, rules.ParticipantTotals()) for a in ids)
                ),
            }
            for sector, ids in sorted(by_sector.items())
        ],
        "per_criterion": [
            {
                "criterion": criterion,
                "actors_scored": len(values := medians(facts.actors, criterion)),
                "mean_median": _mean(values),
                "min_median": min(values) if values else None,
                "max_median": max(values) if values else None,
            }
            for criterion in rules.CRITERIA
        ],
        "representation": representation_fields(sum_totals(facts.participants.values())),
    }
