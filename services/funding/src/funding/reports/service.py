"""The funding reports: concentration across all actors, and one actor's summary."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from agora_common.identity import Identity
from agora_common.problems import Gone, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view import repository as actors
from funding.commitments import repository as commitments
from funding.commitments.rules import Horizon, Instrument, Status
from funding.commitments.schemas import CommitmentOut
from funding.money import format_eur_cents
from funding.reports import repository
from funding.reports.schemas import (
    ActorSummary,
    Concentration,
    ConcentrationReport,
    DonorCount,
    DonorsPerActor,
    DonorTotals,
    LeadershipShares,
    OverlapPair,
    ShareCell,
    ThinGrants,
)

# A share of fewer actors than this is not reported: it would point at the few it covers.
SUPPRESS_BELOW_ACTORS = 5
SUMMARY_COMMITMENTS_LIMIT = 500
SUMMARY_OVERLAPS_LIMIT = 1000


class MissingRate(Unprocessable):
    title = "Missing exchange rate"


def today() -> date:
    """The report date when none is asked for: today in UTC."""
    return datetime.now(UTC).date()


def share(part: int, whole: int) -> float:
    """``part / whole`` to 4 decimals, 0 when there is no whole."""
    if not whole:
        return 0.0
    return float(round(Decimal(part) / Decimal(whole), 4))


async def _require_rates(
    session: AsyncSession, *, as_of: date, actor_id: str | None, viewer: str | None = None
) -> None:
    missing = await repository.currencies_without_rate(
        session, as_of=as_of, actor_id=actor_id, viewer=viewer
    )
    if missing:
        raise MissingRate(
            f"No EUR rate effective on or before {as_of.isoformat()} for: {', '.join(missing)}. "
            "An operator sets it with PUT /v1/funding/fx-rates/{currency}.",
            errors=[
                {"loc": ["fx-rates", c], "msg": "No EUR rate for this currency.", "type": "missing"}
                for c in missing
            ],
        )


def _concentration(row: Any, threshold_cents: int) -> Concentration:
    total = int(row.total_cents or 0)
    return Concentration(
        total_committed_eur=format_eur_cents(total),
        actors_funded=int(row.actors_funded),
        commitments=int(row.commitments),
        donors=int(row.donors),
        hhi=round(float(row.hhi), 2) if row.hhi is not None else 0.0,
        top10_share=share(int(row.top10_cents or 0), total),
        new_actor_share=share(int(row.new_cents or 0), total),
        thin_grants=ThinGrants(
            threshold_eur=format_eur_cents(threshold_cents),
            count=int(row.thin or 0),
            share=share(int(row.thin or 0), int(row.monetary or 0)),
        ),
    )


def _share_cell(row: Any, total_cents: int) -> ShareCell:
    actors = int(row.actors) if row is not None else 0
    if actors < SUPPRESS_BELOW_ACTORS:
        return ShareCell(actors=None, eur=None, share=None)
    cents = int(row.cents or 0)
    return ShareCell(actors=actors, eur=format_eur_cents(cents), share=share(cents, total_cents))


def _empty(threshold_cents: int) -> Concentration:
    return Concentration(
        total_committed_eur="0.00",
        actors_funded=0,
        commitments=0,
        donors=0,
        hhi=0.0,
        top10_share=0.0,
        new_actor_share=0.0,
        thin_grants=ThinGrants(threshold_eur=format_eur_cents(threshold_cents), count=0, share=0.0),
    )


async def concentration_report(
    session: AsyncSession, *, as_of: date | None, thin_grant_eur: Decimal
) -> ConcentrationReport:
    """How concentrated the commitments binding on ``as_of`` (today) are, all in EUR."""
    as_of = as_of or today()
    threshold_cents = int((thin_grant_eur * 100).to_integral_value())
    rows = await repository.concentration(
        session, as_of=as_of, thin_threshold_cents=threshold_cents
    )
    if any(row.unrated for row in rows if row.dim == "all"):
        await _require_rates(session, as_of=as_of, actor_id=None)  # names the currencies
    by: dict[str, dict[str, Any]] = {"all": {}, "instrument": {}, "horizon": {}, "donors": {}}
    for row in rows:
        by[row.dim][str(row.grp)] = row
    overall = by["all"].get("all")
    distribution = sorted(
        (DonorCount(donors=int(k), actors=int(r.actors_funded)) for k, r in by["donors"].items()),
        key=lambda d: d.donors,
    )
    funded = sum(d.actors for d in distribution)
    mean = sum(d.donors * d.actors for d in distribution) / funded if funded else 0.0

    def figures(row: Any) -> Concentration:
        return _concentration(row, threshold_cents) if row else _empty(threshold_cents)

    total_cents = int(overall.total_cents or 0) if overall else 0
    cells: dict[str, dict[str, Any]] = {"leadership": {}, "origin_region": {}}
    for row in await repository.shares(session, as_of=as_of):
        cells[row.dim][str(row.grp)] = row
    leadership = {
        group: _share_cell(cells["leadership"].get(group), total_cents)
        for group in (*repository.LEADERSHIP, "unknown")
    }

    return ConcentrationReport(
        **figures(overall).model_dump(),
        as_of=as_of,
        confidential_commitments=await repository.confidential_binding(session, as_of=as_of),
        donors_per_actor=DonorsPerActor(mean=round(mean, 4), distribution=distribution),
        by_instrument={i.value: figures(by["instrument"].get(i.value)) for i in Instrument},
        by_horizon={h.value: figures(by["horizon"].get(h.value)) for h in Horizon},
        leadership=LeadershipShares(**leadership),
        by_origin_region={
            region: _share_cell(row, total_cents)
            for region, row in sorted(cells["origin_region"].items())
        },
    )


async def actor_summary(
    session: AsyncSession, *, caller: Identity, actor_id: str, as_of: date | None
) -> ActorSummary:
    """Every donor's commitments to one actor, totals in EUR on ``as_of`` (today), overlaps.

    Another donor's confidential commitment is in no list or total here; it appears only in an
    overlap pair with one of the caller's own commitments (donor and shared purposes).
    """
    as_of = as_of or today()
    viewer = caller.state
    known = await actors.get_known_actor(session, actor_id)
    if known is not None and known.erased:
        raise Gone("This actor was erased; its funding is no longer reported.")
    listed = await commitments.actor_commitments(
        session, actor_id, viewer=viewer, limit=SUMMARY_COMMITMENTS_LIMIT
    )
    if known is None and not listed:
        raise NotFound("No such actor.")
    await _require_rates(session, as_of=as_of, actor_id=actor_id, viewer=viewer)
    donors: dict[str, dict[str, int]] = {}
    totals_rows = await repository.actor_totals(
        session, actor_id=actor_id, viewer=viewer, as_of=as_of
    )
    for row in totals_rows:
        totals = donors.setdefault(
            row.donor, {"commitments": 0, "pledged": 0, "committed": 0, "disbursed": 0}
        )
        totals["commitments"] += int(row.commitments)
        if row.status == Status.pledged.value:
            totals["pledged"] += int(row.amount_cents or 0)
        elif row.status in repository.BINDING:
            totals["committed"] += int(row.amount_cents or 0)
        totals["disbursed"] += int(row.disbursed_cents or 0)
    by_donor = [
        DonorTotals(
            donor=donor,
            commitments=t["commitments"],
            pledged_eur=format_eur_cents(t["pledged"]),
            committed_eur=format_eur_cents(t["committed"]),
            disbursed_eur=format_eur_cents(t["disbursed"]),
        )
        for donor, t in sorted(donors.items())
    ]
    pairs = await commitments.actor_overlap_pairs(
        session, actor_id, viewer=viewer, limit=SUMMARY_OVERLAPS_LIMIT
    )
    return ActorSummary(
        actor_id=actor_id,
        as_of=as_of,
        pledged_eur=format_eur_cents(sum(t["pledged"] for t in donors.values())),
        committed_eur=format_eur_cents(sum(t["committed"] for t in donors.values())),
        disbursed_eur=format_eur_cents(sum(t["disbursed"] for t in donors.values())),
        by_donor=by_donor,
        overlaps=[OverlapPair.model_validate(p) for p in pairs],
        commitments=[CommitmentOut.of(c) for c in listed],
    )
