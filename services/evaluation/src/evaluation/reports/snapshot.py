"""The portfolio answered from the one kept per cycle (``portfolio_snapshots``,
``portfolio_items``) while it is current, recomputed and kept again when it is not.

A read compares the cycle's kept version with the version of the report inputs
(``evaluation.reports.inputs``: bumped in the transaction of every change a portfolio can see).
Equal: the totals and one page of entries are read as stored (a few indexed queries). Otherwise
the whole portfolio is computed as before (``portfolio.whole_portfolio``), kept, and the page
is cut from it. The version is read *before* the facts: a change committed after that read
makes the kept version older than the counter at once, so a portfolio is never kept under a
version whose changes it misses. Two readers refreshing at once both answer; one keeps its
result (``repository.keep_snapshot``).

Both paths answer from the same JSON text, so a page reads the same, byte for byte, whether it
was just computed or kept: amounts and shares are already strings or floats that JSON carries
exactly, and ``json.dumps`` refuses anything else (a Decimal, a date) rather than change it.
"""

from __future__ import annotations

import json

from agora_common.pagination import decode_cursor, encode_cursor
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cycles.models import Cycle
from evaluation.reports import repository
from evaluation.reports.portfolio import answer, portfolio_report, whole_portfolio


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


async def kept_portfolio_report(
    session: AsyncSession, *, cycle: Cycle, cursor: str | None, limit: int
) -> dict[str, object]:
    """One page of the cycle's portfolio and its totals, from the kept portfolio when it is
    current (see the module docstring); the same answer as ``portfolio.portfolio_report``."""
    after = decode_cursor(cursor, str)
    # Ids never hold NUL (PostgreSQL text cannot): for them, "> p + NUL + s" is "> p".
    position = None if after is None else after[0].split("\x00", 1)[0]
    kept = await repository.kept_portfolio(session, cycle.id)
    version = kept.inputs
    if version is None:  # no counter row: nothing can be kept safely
        return await portfolio_report(session, cycle=cycle, cursor=cursor, limit=limit)
    if kept.version == version and kept.totals is not None:
        rows = await repository.items_after(session, cycle.id, after=position, limit=limit + 1)
        totals_text = kept.totals
    else:
        items, totals = await whole_portfolio(session, cycle=cycle)
        texts = [(actor_id, _text(item)) for actor_id, item in items]
        totals_text = _text(totals)
        await repository.keep_snapshot(
            session, cycle.id, version=version, totals=totals_text, items=texts
        )
        rows = [(a, t) for a, t in texts if position is None or a > position][: limit + 1]
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1][0]) if len(rows) > limit else None
    return answer(
        cycle, [json.loads(body) for _, body in page], next_cursor, json.loads(totals_text)
    )
