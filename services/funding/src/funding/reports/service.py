"""The funding reports: concentration across all actors, and one actor's summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

from agora_common.identity import Identity
from agora_common.problems import Gone, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view import repository as actors
from funding.commitments import repository as commitments
from funding.commitments.rules import Horizon, Instrument, Status
from funding.commitments.schemas import CommitmentOut
from funding.money import format_eur_cents
from funding.reports import concentration as figures
from funding.reports import repository
from funding.reports.schemas import (
    ActorSummary,
    Concentration,
    ConcentrationReport,
    DonorCount,
    DonorShare,
    DonorsPerActor,
    DonorTotals,
    LeadershipShares,
    OverlapPair,
    ShareCell,
    ThinGrants,
)
from funding.reports.snapshots import ReportSnapshots

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
    session: AsyncSession, *, as_of: date, actor_id: str, viewer: str | None = None
) -> None:
    missing = await repository.currencies_without_rate(
        session, as_of=as_of, actor_id=actor_id, viewer=viewer
    )
    _refuse_missing(missing, as_of)


def _refuse_missing(missing: list[str], as_of: date) -> None:
    if missing:
        raise MissingRate(
            f"No EUR rate effective on or before {as_of.isoformat()} for: {', '.join(missing)}. "
            "An operator sets it with PUT /v1/funding/fx-rates/{currency}.",
            errors=[
                {"loc": ["fx-rates", c], "msg": "No EUR rate for this currency.", "type": "missing"}
                for c in missing
            ],
        )


def _figures(
    f: figures.Figures | None, threshold_cents: int, new_actors: set[str]
) -> Concentration:
    if f is None:
        f = figures.Figures()
    total = f.total_cents
    return Concentration(
        total_committed_eur=format_eur_cents(total),
        actors_funded=len(f.eur_by_actor),
        commitments=f.commitments,
        donors=len(f.donors),
        hhi=f.hhi(),
        top10_share=share(f.top10_cents(), total),
        new_actor_share=share(sum(e for a, e in f.eur_by_actor.items() if a in new_actors), total),
        thin_grants=ThinGrants(
            threshold_eur=format_eur_cents(threshold_cents),
            count=f.thin,
            share=share(f.thin, f.monetary),
        ),
    )


def _donor_share(f: figures.Figures, total_cents: int) -> DonorShare:
    cents = f.total_cents
    return DonorShare(
        committed_eur=format_eur_cents(cents),
        commitments=f.commitments,
        actors_funded=len(f.eur_by_actor),
        share=share(cents, total_cents),
    )


def _share_cell(actor_ids: list[str], eur: dict[str, int], total_cents: int) -> ShareCell:
    if len(actor_ids) < SUPPRESS_BELOW_ACTORS:
        return ShareCell(actors=None, eur=None, share=None)
    cents = sum(eur[a] for a in actor_ids)
    return ShareCell(
        actors=len(actor_ids), eur=format_eur_cents(cents), share=share(cents, total_cents)
    )


async def concentration_report(
    session: AsyncSession,
    *,
    as_of: date | None,
    thin_grant_eur: Decimal,
    snapshots: ReportSnapshots,
) -> ConcentrationReport:
    """How concentrated the commitments binding on ``as_of`` (today) are, all in EUR.

    The same report again while no change to its inputs has been committed since it was
    computed (their versions are unchanged) comes from ``snapshots``, without recomputation.
    Otherwise today's report reads the kept totals (their size is the number of (actor, donor,
    currency, instrument, horizon) groups, not of commitments); another day's groups the
    commitments whose period covers it, with the status each had at the end of that day.
    """
    today_ = today()
    as_of = as_of or today_
    key = (as_of, today_, thin_grant_eur)
    versions = await repository.inputs_version(session)  # before the rows it describes
    kept = snapshots.get(key, versions)
    if kept is not None:
        return kept
    report = await _concentration(
        session, as_of=as_of, today_=today_, thin_grant_eur=thin_grant_eur
    )
    snapshots.keep(key, versions, report)
    return report


async def _concentration(
    session: AsyncSession, *, as_of: date, today_: date, thin_grant_eur: Decimal
) -> ConcentrationReport:
    threshold_cents = int((thin_grant_eur * 100).to_integral_value())
    rates = await repository.rates_on(session, as_of)
    groups = await repository.binding_groups(session, as_of=as_of, today=today_)
    found = figures.concentrate(groups, rates)
    _refuse_missing(found.missing_rates, as_of)
    figures.add_thin(
        found,
        await repository.thin_commitments(
            session,
            as_of=as_of,
            today=today_,
            below=figures.thin_cutoffs(rates, threshold_cents),
        ),
    )
    actors = found.actors
    new_actors = {a for a, attributes in actors.items() if attributes.is_new}
    overall = found.figures.get(("all", "all"))
    eur = overall.eur_by_actor if overall else {}
    total_cents = sum(eur.values())
    by_donors = Counter(found.donors_per_actor.values())
    distribution = [DonorCount(donors=d, actors=n) for d, n in sorted(by_donors.items())]
    mean = sum(d * n for d, n in by_donors.items()) / len(actors) if actors else 0.0
    leadership = {
        flag: [a for a, attributes in actors.items() if getattr(attributes, flag) is True]
        for flag in repository.LEADERSHIP
    }
    leadership["unknown"] = [a for a, at in actors.items() if at.women_led is None]
    regions: dict[str, list[str]] = defaultdict(list)
    for actor_id, attributes in actors.items():
        regions[attributes.origin_region or "unknown"].append(actor_id)

    def of(dim: str, group: str) -> Concentration:
        return _figures(found.figures.get((dim, group)), threshold_cents, new_actors)

    return ConcentrationReport(
        **of("all", "all").model_dump(),
        as_of=as_of,
        confidential_commitments=found.confidential,
        donors_per_actor=DonorsPerActor(mean=round(mean, 4), distribution=distribution),
        by_instrument={i.value: of("instrument", i.value) for i in Instrument},
        by_horizon={h.value: of("horizon", h.value) for h in Horizon},
        by_donor={
            donor: _donor_share(f, total_cents)
            for (dim, donor), f in sorted(found.figures.items())
            if dim == "donor"
        },
        leadership=LeadershipShares(
            **{g: _share_cell(ids, eur, total_cents) for g, ids in leadership.items()}
        ),
        by_origin_region={
            region: _share_cell(ids, eur, total_cents) for region, ids in sorted(regions.items())
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
