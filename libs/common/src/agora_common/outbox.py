"""Transactional outbox: events are rows written with the change, published after commit."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from nats.js import JetStreamContext
from sqlalchemy import Row, Select, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from agora_common import telemetry
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent
from agora_common.tables import outbox
from agora_common.tasks import stop_task

log = logging.getLogger("agora.outbox")

_DIRTY = "agora_outbox_dirty"


async def enqueue(session: AsyncSession, subject: str, event: CloudEvent) -> None:
    """Write ``event`` in the caller's transaction; it is published once that commits."""
    # The request's trace continues in the consumers of this event.
    headers = telemetry.event_headers(subject)
    await session.execute(
        insert(outbox).values(
            event_id=event.id,
            subject=subject,
            payload=event.to_json(),
            headers=orjson.dumps(headers).decode() if headers else None,
            created_at=datetime.now(UTC),
        )
    )
    session.info[_DIRTY] = True


class OutboxRelay:
    """Publishes committed outbox rows to JetStream, in order, each marked only after its PubAck.

    Woken right after a commit that wrote outbox rows; a slow poll covers rows written by other
    processes. A publish whose outcome is unknown is retried with the same ``Nats-Msg-Id``, which
    JetStream deduplicates; consumers are idempotent for anything older than the window.

    On PostgreSQL several relays (replicas) share the outbox, and no transaction stays open while
    a relay waits for NATS: a short transaction leases a batch of rows (``claimed_by``,
    ``claimed_until``; rows leased by another relay are skipped until their lease runs out), the
    rows are published outside any transaction, and a second short one marks them published and
    gives back the lease of those that were not. A relay that dies between the two loses
    nothing: its rows are published by another once the lease has run out, under the same
    ``Nats-Msg-Id`` (the lease, 30 s, is far inside the stream's duplicate window, 15 min).
    On SQLite (one process per database) the rows are read, published and then marked.
    """

    def __init__(
        self,
        db: Database,
        bus: Bus,
        *,
        batch_size: int = 200,
        poll_seconds: float = 2.0,
        publish_timeout: float = 5.0,
        keep_published: timedelta = timedelta(days=7),
        lease: timedelta = timedelta(seconds=30),
    ) -> None:
        self.db = db
        self.bus = bus
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.publish_timeout = publish_timeout
        self.keep_published = keep_published
        self.lease = lease
        self.relay_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.published_total = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._postgres = not db.url.startswith("sqlite")
        db.on_commit(self._after_commit)

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(_DIRTY, False):
            self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self, *, drain_seconds: float = 10.0) -> None:
        """Publish what is committed and not yet published, for up to ``drain_seconds``, then
        stop (on SIGTERM, after the last requests committed). Rows left are published by the
        next relay: nothing is lost either way, a drained outbox only spares consumers a wait."""
        self._stopping = True
        self._wake.set()
        if self._task is not None and drain_seconds > 0:
            await asyncio.wait({self._task}, timeout=drain_seconds)
        await stop_task(self._task)

    async def backlog(self) -> int:
        """Rows not yet published (for metrics and readiness)."""
        async with self.db.transaction(readonly=True) as session:
            count = await session.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
            )
        return int(count or 0)

    async def _run(self) -> None:
        delay = 0.05
        last_cleanup = datetime.min.replace(tzinfo=UTC)
        while True:
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancellation
            # that races with the wake-up, and stop() then waits forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_seconds):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self.bus.ready()
                while await self.publish_pending() == self.batch_size:
                    pass
                if self._stopping:
                    return  # drained
                delay = 0.05
                now = datetime.now(UTC)
                if now - last_cleanup > timedelta(hours=1):
                    await self._cleanup(now)
                    last_cleanup = now
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("outbox publish failed", extra={"error_type": type(exc).__name__})
                if self._stopping:
                    return  # the next relay publishes the rest
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                self._wake.set()

    async def publish_pending(self) -> int:
        """Publish one batch of unpublished rows; returns how many were published."""
        js = await self.bus.ready()
        if self._postgres:
            rows = await self.claim()
            deadline = time.monotonic() + self.lease.total_seconds() / 2
            done, error = await self._publish(js, rows, deadline=deadline)
            async with self.db.transaction() as session:
                await self._mark(session, done)
                published = set(done)
                await self._release(session, [r.seq for r in rows if r.seq not in published])
        else:
            # SQLite: read, publish, then write in a short transaction of its own.
            async with self.db.transaction(readonly=True) as session:
                rows = (await session.execute(self._unpublished())).all()
            done, error = await self._publish(js, rows)
            async with self.db.transaction() as session:
                await self._mark(session, done)
        if error is not None:
            raise error
        return len(done)

    def _unpublished(self) -> Select[Any]:
        return (
            select(
                outbox.c.seq,
                outbox.c.event_id,
                outbox.c.subject,
                outbox.c.payload,
                outbox.c.headers,
            )
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.seq)
            .limit(self.batch_size)
        )

    async def claim(self) -> list[Row[Any]]:
        """PostgreSQL: lease up to ``batch_size`` unpublished rows that no other relay holds, in
        a transaction that ends before anything is published; the rows, in order."""
        now = func.now()  # the database's clock: every replica reads the same one
        free = (
            select(outbox.c.seq)
            .where(
                outbox.c.published_at.is_(None),
                or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
            )
            .order_by(outbox.c.seq)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(outbox)
            .where(outbox.c.seq.in_(free.scalar_subquery()))
            .values(claimed_by=self.relay_id, claimed_until=now + self.lease)
            .returning(
                outbox.c.seq,
                outbox.c.event_id,
                outbox.c.subject,
                outbox.c.payload,
                outbox.c.headers,
            )
        )
        async with self.db.transaction() as session:
            rows = (await session.execute(claim)).all()
        return sorted(rows, key=lambda row: row.seq)

    async def _publish(
        self, js: JetStreamContext, rows: Sequence[Row[Any]], *, deadline: float | None = None
    ) -> tuple[list[int], Exception | None]:
        """Publish rows pipelined, in order; the seqs acknowledged before any failure, and it.

        Nothing is sent after ``deadline`` (half the lease): the rest is given back, so another
        relay does not publish a row at the same time as this one.
        """
        futures = []
        error: Exception | None = None
        for row in rows:
            if deadline is not None and time.monotonic() > deadline:
                break
            headers = {"Nats-Msg-Id": row.event_id}
            if row.headers:
                headers.update(orjson.loads(row.headers))
            try:
                futures.append(await js.publish_async(row.subject, row.payload, headers=headers))
            except Exception as exc:
                error = exc
                break
        done: list[int] = []
        for row, future in zip(rows, futures, strict=False):
            try:
                await asyncio.wait_for(future, timeout=self.publish_timeout)
            except Exception as exc:
                error = exc
                break
            done.append(row.seq)
        for future in futures[len(done) :]:
            future.cancel()
        self.published_total += len(done)
        return done, error

    async def _mark(self, session: AsyncSession, seqs: list[int]) -> None:
        if seqs:
            await session.execute(
                update(outbox).where(outbox.c.seq.in_(seqs)).values(published_at=datetime.now(UTC))
            )

    async def _release(self, session: AsyncSession, seqs: list[int]) -> None:
        """Give back the lease of rows this relay claimed but did not publish."""
        if seqs:
            await session.execute(
                update(outbox)
                .where(outbox.c.seq.in_(seqs), outbox.c.claimed_by == self.relay_id)
                .values(claimed_by=None, claimed_until=None)
            )

    async def _cleanup(self, now: datetime) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                delete(outbox).where(outbox.c.published_at < now - self.keep_published)
            )
