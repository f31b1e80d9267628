"""``permit_expiring`` notices at 90, 30 and 7 days before a permit ends, each published once.

Every replica runs ``PermitNotices`` (started with the app): every ``interval_seconds`` it looks
for due notices and publishes them through the outbox. Exactly-once across replicas and
restarts comes from the database, not from the scheduler:

- A notice is due for a valid permit when its ``valid_until`` is within 90 days: the threshold
  is the most urgent one crossed (7 when at most 7 days are left, else 30 when at most 30, else
  90), and due while ``permit_notices`` has no row for (permit, threshold, ``valid_until``).
  A threshold passed while no replica ran (or crossed at registration: a permit recorded with
  20 days left) is superseded by the more urgent one: only the latest notice goes out, never a
  stale 90-day notice after the 30-day one.
- Each due notice is claimed by inserting its row (``ON CONFLICT DO NOTHING``) in the same
  transaction as its outbox row; only the transaction whose insert took the row enqueues the
  event. Two replicas finding the same notice due: on PostgreSQL the second insert waits for
  the first transaction and then inserts nothing; on SQLite writers are serialised.
- State lives only in the table, so a restart loses nothing: the next run finds whatever is
  still due, whenever it runs.
- A renewal moves ``valid_until``: notices are keyed by it, so the renewed permit's thresholds
  fire again, counted from its new end. A revoked permit gets no further notices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

from agora_common.db import Database
from agora_common.outbox import enqueue
from agora_common.tasks import stop_task
from fastapi import FastAPI

from actors.events import published
from actors.permits import repository
from actors.types import utc_today

log = logging.getLogger("agora.actors.permit_notices")

THRESHOLDS = (90, 30, 7)
BATCH = 200


async def publish_due_notices(db: Database, *, today: date, batch_size: int = BATCH) -> int:
    """Publish every notice due on ``today`` that no replica published yet; how many this
    call published. One transaction per batch."""
    published_count = 0
    while True:
        async with db.transaction() as session:
            due = await repository.due_notices(
                session, today=today, thresholds=THRESHOLDS, limit=batch_size
            )
            now = datetime.now(UTC)
            for notice in due:
                claimed = await repository.claim_notice(
                    session,
                    permit_id=notice.permit.id,
                    threshold_days=notice.threshold_days,
                    valid_until=notice.permit.valid_until,
                    at=now,
                )
                if claimed:
                    event = published.permit_expiring(
                        notice.permit, notice.custodian_state, notice.threshold_days
                    )
                    await enqueue(session, *event)
                    published_count += 1
        if len(due) < batch_size:
            return published_count


class PermitNotices:
    """The background task that publishes due notices every ``interval_seconds``."""

    def __init__(self, *, interval_seconds: float) -> None:
        self.interval_seconds = interval_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self, db: Database) -> None:
        self._task = asyncio.create_task(self._run(db), name="permit-notices")

    async def stop(self) -> None:
        await stop_task(self._task)
        self._task = None

    async def _run(self, db: Database) -> None:
        while True:
            try:
                count = await publish_due_notices(db, today=utc_today())
                if count:
                    log.info("permit notices published", extra={"count": count})
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # The database is unreachable: the notices stay due and the next run sends them.
                log.warning(
                    "permit notices not published", extra={"error_type": type(exc).__name__}
                )
            await asyncio.sleep(self.interval_seconds)


def run_while_serving(app: FastAPI, notices: PermitNotices) -> None:
    """Run ``notices`` from the end of the app's startup (its database open) to the start of
    its shutdown. A lifespan around the app's own rather than ``ServiceSpec.on_startup``: that
    has no shutdown counterpart, and the task must stop before the database is disposed."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        async with inner(app) as state:
            notices.start(app.state.db)
            try:
                yield state
            finally:
                await notices.stop()

    app.router.lifespan_context = lifespan
