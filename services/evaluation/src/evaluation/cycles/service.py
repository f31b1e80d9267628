"""Evaluation cycles: opening, closing, and their progress figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, NotFound
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cycles import repository
from evaluation.cycles.models import CLOSED, OPEN, Cycle
from evaluation.cycles.repository import Progress
from evaluation.cycles.schemas import CycleCreate
from evaluation.events import published
from evaluation.reports import inputs as report_inputs


class CycleAlreadyClosed(Conflict):
    title = "Cycle already closed"


@dataclass(frozen=True, slots=True)
class CycleWithProgress:
    cycle: Cycle
    progress: Progress


async def get_cycle(session: AsyncSession, *, cycle_id: str, for_update: bool = False) -> Cycle:
    """One cycle (locked with ``for_update``), or 404."""
    cycle = await repository.get_cycle(session, cycle_id, for_update=for_update)
    if cycle is None:
        raise NotFound("No such evaluation cycle.")
    return cycle


async def _with_progress(session: AsyncSession, cycle: Cycle) -> CycleWithProgress:
    figures = await repository.progress(session, [cycle.id])
    return CycleWithProgress(cycle, figures.get(cycle.id, Progress()))


async def open_cycle(session: AsyncSession, *, data: CycleCreate) -> CycleWithProgress:
    """Open a new evaluation cycle for a period."""
    cycle = Cycle(
        id=new_id("cyc"),
        name=data.name,
        period_start=data.period.start,
        period_end=data.period.end,
        status=OPEN,
        created_at=datetime.now(UTC),
        closed_at=None,
    )
    await repository.save(session, cycle)
    await enqueue(session, *published.cycle_opened(cycle))
    return CycleWithProgress(cycle, Progress())


async def close_cycle(session: AsyncSession, *, cycle: Cycle) -> CycleWithProgress:
    """Close a (locked) cycle: it takes no more assessments."""
    if not cycle.is_open:
        raise CycleAlreadyClosed("The cycle is already closed.")
    cycle.status = CLOSED
    cycle.closed_at = datetime.now(UTC)
    await repository.save(session, cycle)
    report_inputs.note_change(session)  # the portfolio shows the cycle's status
    closed = await _with_progress(session, cycle)
    await enqueue(session, *published.cycle_closed(cycle, closed.progress))
    return closed


async def cycle_with_progress(session: AsyncSession, *, cycle: Cycle) -> CycleWithProgress:
    """One cycle with its progress figures."""
    return await _with_progress(session, cycle)


async def list_cycles(
    session: AsyncSession, *, cursor: str | None, limit: int
) -> Slice[CycleWithProgress]:
    """Cycles in the order they were opened, each with its progress figures."""
    after = decode_cursor(cursor, datetime, str)
    rows = await repository.list_cycles(session, after=after, limit=limit + 1)
    page = page_of(rows, limit, key=lambda c: (c.created_at, c.id))
    figures = await repository.progress(session, [c.id for c in page.items])
    return Slice(
        [CycleWithProgress(c, figures.get(c.id, Progress())) for c in page.items],
        page.next_cursor,
    )
