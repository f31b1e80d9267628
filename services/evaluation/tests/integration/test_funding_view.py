"""Which commitments count, as production decides it: the SQL of funding_view/repository.py on
SQLite and PostgreSQL (a commitment is live unless cancelled, and counts for a cycle when its
period shares at least one day with the cycle's)."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
from agora_common.db import Database
from evaluation.funding_view import repository as funding
from evaluation.funding_view.models import FundedCommitment

Period = tuple[str, str]


@pytest.fixture
async def db(evaluation_db_url: str) -> AsyncIterator[Database]:
    database = Database(evaluation_db_url)
    yield database
    await database.dispose()


async def commit(
    db: Database, *, donor: str, period: Period | None, status: str = "committed"
) -> str:
    """A commitment of ``donor`` to a new actor; the actor's id."""
    actor_id = f"act_{uuid.uuid4().hex[:20]}"
    start, end = (date.fromisoformat(d) for d in period) if period else (None, None)
    async with db.transaction() as session:
        await funding.save_commitment(
            session,
            FundedCommitment(
                commitment_id=f"com_{uuid.uuid4().hex[:20]}",
                version=1,
                donor=donor,
                actor_id=actor_id,
                instrument="grant",
                amount="100.00",
                currency="EUR",
                period_start=start,
                period_end=end,
                status=status,
                updated_at=datetime.now(UTC),
            ),
        )
    return actor_id


async def counted(db: Database, actor_id: str, *, donor: str, cycle: Period) -> set[bool]:
    """Whether each of the three queries counts the actor's funding for a cycle of ``cycle``."""
    start, end = (date.fromisoformat(d) for d in cycle)
    async with db.transaction(readonly=True) as session:
        funds = await funding.donor_funds_actor(
            session, donor=donor, actor_id=actor_id, start=start, end=end
        )
        rows = await funding.live_funding_within(session, start=start, end=end)
        donors = await funding.donors_by_actor(session, start=start, end=end)
    return {
        funds,
        actor_id in {r.actor_id for r in rows},
        donor in donors.get(actor_id, set()),
    }


PERIODS = [
    (("2026-01-01", "2026-06-30"), ("2026-06-30", "2026-12-31"), True),  # one shared day
    (("2026-01-01", "2026-06-29"), ("2026-06-30", "2026-12-31"), False),
    (("2025-01-01", "2027-12-31"), ("2026-03-01", "2026-03-31"), True),  # contains
    (("2027-01-01", "2027-12-31"), ("2026-01-01", "2026-12-31"), False),
]


async def test_a_commitment_counts_when_its_period_meets_the_cycles(db: Database) -> None:
    for a, b, meet in PERIODS:
        for commitment, cycle in ((a, b), (b, a)):
            actor_id = await commit(db, donor="DE", period=commitment)
            assert await counted(db, actor_id, donor="DE", cycle=cycle) == {meet}, (a, b)


async def test_only_cancelled_commitments_are_not_live(db: Database) -> None:
    cycle = ("2026-01-01", "2026-12-31")
    for status, live in [
        ("pledged", True),
        ("committed", True),
        ("disbursed", True),
        ("completed", True),
        ("cancelled", False),
    ]:
        actor_id = await commit(db, donor="FR", period=cycle, status=status)
        assert await counted(db, actor_id, donor="FR", cycle=cycle) == {live}, status


async def test_a_commitment_without_its_facts_yet_counts_for_nothing(db: Database) -> None:
    """A change seen before the "made" leaves a row without a period: it counts for no cycle."""
    actor_id = await commit(db, donor="SE", period=None)
    assert await counted(db, actor_id, donor="SE", cycle=("2000-01-01", "2099-12-31")) == {False}


async def test_another_donors_commitment_is_not_the_callers(db: Database) -> None:
    cycle = ("2026-01-01", "2026-12-31")
    actor_id = await commit(db, donor="DE", period=cycle)
    start, end = (date.fromisoformat(d) for d in cycle)
    async with db.transaction(readonly=True) as session:
        assert not await funding.donor_funds_actor(
            session, donor="LV", actor_id=actor_id, start=start, end=end
        )
        assert await funding.donor_funds_actor(
            session, donor="DE", actor_id=actor_id, start=start, end=end
        )
