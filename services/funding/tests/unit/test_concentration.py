"""The concentration arithmetic of the report, on small hand-computed examples."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from agora_common.db import Database
from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment
from funding.fx.models import FxRate
from funding.models import Base
from funding.reports.service import concentration_report
from funding.reports.snapshots import ReportSnapshots

AS_OF = date(2026, 6, 1)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'unit.db'}")
    async with database.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield database
    await database.dispose()


def actor(actor_id: str, established_on: date | None = None) -> KnownActor:
    return KnownActor(
        actor_id=actor_id,
        version=1,
        kind="organisation",
        sectors=["culture"],
        activities=[],
        host_country="DE",
        custodian_state="DE",
        established_on=established_on,
        erased=False,
        updated_at=NOW,
    )


def commitment(
    n: int,
    actor_id: str,
    donor: str,
    minor: int | None,
    currency: str = "EUR",
    *,
    status: str = "committed",
    instrument: str = "grant",
) -> Commitment:
    return Commitment(
        id=f"c{n}",
        donor=donor,
        actor_id=actor_id,
        instrument=instrument,
        amount_minor=minor,
        currency=currency if minor is not None else None,
        minor_units={"EUR": 2, "JPY": 0}[currency] if minor is not None else None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        purposes=["culture"],
        status=status,
        horizon="short",
        disbursed_minor=0,
        version=1,
        created_at=NOW,
        updated_at=NOW,
    )


async def test_hhi_top10_new_share_and_thin_grants(db: Database) -> None:
    """Four actors with 50, 30, 15 and 5 (thousand EUR; X's 5,000 arrive as 1,000,000 JPY at
    0.005). Total 100,000; shares in percent 50, 30, 15, 5:

        HHI = 50² + 30² + 15² + 5² = 2,500 + 900 + 225 + 25 = 3,650

    top-10 share 1.0 (four actors); new actors (W, founded 2023, 15,000) → 0.15;
    thin grants below 6,000 EUR: the 5,000 (JPY) one and a 1,000 of the 30,000 → 2 of 5 = 0.4.
    A cancelled 1,000,000 and a pledge of 1,000,000 count for nothing.
    """
    async with db.transaction() as session:
        session.add_all(
            [actor("Y"), actor("Z"), actor("W", date(2023, 1, 10)), actor("X", date(2020, 1, 1))]
        )
        session.add(
            FxRate(
                currency="JPY",
                effective_on=date(2026, 1, 1),
                eur_per_unit=Decimal("0.005"),
                set_at=NOW,
            )
        )
        session.add_all(
            [
                commitment(1, "Y", "DE", 5_000_000),
                commitment(2, "Z", "FR", 2_900_000),
                commitment(3, "Z", "DE", 100_000),
                commitment(4, "W", "NL", 1_500_000),
                commitment(5, "X", "NL", 1_000_000, "JPY"),
                commitment(6, "Y", "FR", 100_000_000, status="cancelled"),
                commitment(7, "Y", "FR", 100_000_000, status="pledged"),
            ]
        )
    async with db.transaction(readonly=True) as session:
        report = await concentration_report(
            session, as_of=AS_OF, thin_grant_eur=Decimal("6000"), snapshots=ReportSnapshots()
        )
    assert report.total_committed_eur == "100000.00"
    assert report.actors_funded == 4
    assert report.hhi == 3650.0
    assert report.top10_share == 1.0
    assert report.new_actor_share == 0.15
    assert (report.thin_grants.count, report.thin_grants.share) == (2, 0.4)
    assert [(d.donors, d.actors) for d in report.donors_per_actor.distribution] == [(1, 3), (2, 1)]


async def test_top10_share_counts_only_the_ten_largest(db: Database) -> None:
    """Twelve actors: ten with 1,000 EUR and two with 500. Total 11,000; the top ten hold
    10,000 → 0.9091. HHI = 10 × (1000/11000 × 100)² + 2 × (500/11000 × 100)²
    = (10 × 1,000,000 + 2 × 250,000) / 121,000,000 × 10,000 = 867.77."""
    async with db.transaction() as session:
        session.add_all([actor(f"a{i}") for i in range(12)])
        session.add_all(
            [commitment(i, f"a{i}", "DE", 100_000 if i < 10 else 50_000) for i in range(12)]
        )
    async with db.transaction(readonly=True) as session:
        report = await concentration_report(
            session, as_of=AS_OF, thin_grant_eur=Decimal(0), snapshots=ReportSnapshots()
        )
    assert report.total_committed_eur == "11000.00"
    assert report.top10_share == 0.9091
    assert report.hhi == 867.77
