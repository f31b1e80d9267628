"""One audit writer per gateway process: the records of concurrent requests, one transaction.

Each request hands its entries to the writer and waits for them to be committed (a response is
never sent before its record is on the trail). The writer takes every entry waiting at that
moment and appends them in one transaction: one head-row lock, one commit per batch instead of
per request. The chain stays intact across replicas because each batch still locks the head row
(``service.append``). If a batch fails, its requests are written one by one, so one that cannot be
written fails alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

from agora_common.db import Database
from agora_common.tasks import stop_task

from gateway.audit import service
from gateway.idempotency.service import forget_resources

log = logging.getLogger("agora.gateway")

MAX_BATCH = 256


class WriterStopped(RuntimeError):
    """The writer is shutting down: the entries were not taken."""


@dataclass(slots=True)
class _Pending:
    entries: list[service.Entry]
    erased: list[str]
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class AuditWriter:
    """Appends the entries of waiting requests in batches; each caller awaits its own."""

    def __init__(self, db: Database, *, max_batch: int = MAX_BATCH) -> None:
        self.db = db
        self.max_batch = max_batch
        # None: stop once what was queued before it is written.
        self._queue: asyncio.Queue[_Pending | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.batches = 0

    async def append(self, entries: list[service.Entry], *, erased: Sequence[str] = ()) -> None:
        """Return once ``entries`` are committed (and the kept responses naming ``erased``
        forgotten in the same transaction); raise if they could not be."""
        if not entries:
            return
        if self._stopping or self._task is None:
            raise WriterStopped("the audit writer is not running")
        pending = _Pending(list(entries), list(erased))
        self._queue.put_nowait(pending)
        await asyncio.shield(pending.done)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="audit-writer")

    async def stop(self, *, drain_seconds: float = 10.0) -> None:
        """Take no more entries, write those waiting (for up to ``drain_seconds``), then stop."""
        self._stopping = True
        if self._task is not None:
            self._queue.put_nowait(None)
            await asyncio.wait({self._task}, timeout=drain_seconds)
            await stop_task(self._task)
        while not self._queue.empty():
            left = self._queue.get_nowait()
            if left is not None and not left.done.done():
                left.done.set_exception(WriterStopped("the audit writer stopped"))

    async def _run(self) -> None:
        while True:
            first = await self._queue.get()
            batch = [first]
            while len(batch) < self.max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            stop = any(p is None for p in batch)
            await self._write([p for p in batch if p is not None])
            if stop and self._queue.empty():
                return

    async def _write(self, batch: list[_Pending]) -> None:
        if not batch:
            return
        try:
            await self._commit(batch)
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0], exc)
                return
            for pending in batch:  # one that cannot be written must not fail the others
                try:
                    await self._commit([pending])
                except Exception as single:
                    _settle(pending, single)
                else:
                    _settle(pending, None)
            return
        for pending in batch:
            _settle(pending, None)

    async def _commit(self, batch: list[_Pending]) -> None:
        async with self.db.transaction() as session:
            await service.append(session, [e for p in batch for e in p.entries])
            # An erased person's data must not come back as a replayed answer.
            erased = [r for p in batch for r in p.erased]
            if erased:
                await forget_resources(session, erased)
        self.batches += 1


def _settle(pending: _Pending, error: Exception | None) -> None:
    if pending.done.done():
        return
    if error is None:
        pending.done.set_result(None)
    else:
        pending.done.set_exception(error)


@contextlib.asynccontextmanager
async def audit_writer_running(db: Database) -> AsyncIterator[AuditWriter]:
    """The process's audit writer, drained and stopped on shutdown."""
    writer = AuditWriter(db)
    writer.start()
    try:
        yield writer
    finally:
        await writer.stop()
