"""Publishing checkpoints when due, listing them, and verifying the chain against them.

Whether a checkpoint is due follows from two durable facts — the chain head in the database and
the last checkpoint in the stream — so nothing is lost while NATS is down or the gateway
restarts: the next attempt that reaches NATS publishes the head as it is then. A checkpoint is
due when records were added since the last one and either ``every_records`` of them were, or the
last one is ``interval_seconds`` old.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.tasks import stop_task
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import repository as audit_repository
from gateway.audit import service as audit
from gateway.checkpoints.schemas import AnchoredVerification
from gateway.checkpoints.signing import Checkpoint, CheckpointKey, SignedCheckpoint
from gateway.checkpoints.stream import (
    STREAM,
    SUBJECT,
    UNAVAILABLE,
    CheckpointStream,
    CheckpointsUnavailable,
    StoredCheckpoint,
)

log = logging.getLogger("agora.gateway.checkpoints")
POLL_SECONDS = 5.0
VERIFY_BATCH = 500


class AuditAnchor:
    """The checkpoint key, the stream and the task that publishes checkpoints when due."""

    def __init__(
        self,
        *,
        db: Database,
        key: CheckpointKey,
        bus: Bus | None,
        every_records: int,
        interval_seconds: float,
    ) -> None:
        self.db = db
        self.key = key
        self.bus = bus
        self.stream = CheckpointStream(bus)
        self.every_records = every_records
        self.interval_seconds = interval_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.bus is None:
            log.warning("audit checkpoints are off: no NATS (AGORA_NATS_URL is empty)")
            return
        self.bus.want_stream(STREAM, [SUBJECT], append_only=True)
        self.bus.start()
        self._task = asyncio.create_task(self._publish_forever(), name="audit-checkpoints")

    async def close(self) -> None:
        await stop_task(self._task)
        if self.bus is not None:
            await self.bus.close()

    async def _publish_forever(self) -> None:
        pause = min(self.interval_seconds, POLL_SECONDS)
        while True:
            try:
                await self.publish_if_due()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # NATS or the database is down: the checkpoint stays due and is tried again.
                log.warning(
                    "audit checkpoint not published yet", extra={"error_type": type(exc).__name__}
                )
            await asyncio.sleep(pause)

    async def publish_if_due(self) -> SignedCheckpoint | None:
        """Publish a checkpoint of the current head if one is due; the one published, or None."""
        last = await self.stream.last_verified(self.key.verifies)
        async with self.db.transaction(readonly=True) as session:
            head = await audit_repository.get_head(session)
        if head is None or head.seq == 0:
            return None
        now = datetime.now(UTC).replace(microsecond=0)
        if last is not None:
            anchored = last.checkpoint
            if head.seq <= anchored.seq:
                if (head.seq, head.hash) != (anchored.seq, anchored.hash):
                    log.error("the audit chain head is not the one last checkpointed")
                return None
            recent = (now - anchored.at).total_seconds() < self.interval_seconds
            if head.seq - anchored.seq < self.every_records and recent:
                return None
        signed = self.key.sign(Checkpoint(seq=head.seq, hash=head.hash, at=now))
        await self.stream.publish(signed)
        log.info("audit checkpoint published", extra={"seq": head.seq})
        return signed


@contextlib.asynccontextmanager
async def _reading() -> AsyncIterator[None]:
    """NATS failures while reading checkpoints become a 503 problem."""
    try:
        yield
    except CheckpointsUnavailable:
        raise
    except Exception as exc:
        log.warning("audit checkpoints unreadable", extra={"error_type": type(exc).__name__})
        raise CheckpointsUnavailable(UNAVAILABLE) from None


async def checkpoints(
    *, anchor: AuditAnchor, cursor: str | None, limit: int
) -> Slice[StoredCheckpoint]:
    """One page of the checkpoints in the order they were published."""
    after = decode_cursor(cursor, int)
    if not anchor.stream.enabled:
        return Slice(items=[], next_cursor=None)
    async with _reading():
        rows = await anchor.stream.read(after=after[0] if after else 0, limit=limit + 1)
    return page_of(rows, limit, key=lambda row: (row.stream_seq,))


async def verify(session: AsyncSession, *, anchor: AuditAnchor) -> AnchoredVerification:
    """Recompute the chain, and check that every checkpoint's record still has its hash."""
    chain = await audit.verify(session)
    result = AnchoredVerification(
        valid=chain.valid, records=chain.records, anchored=anchor.stream.enabled
    )
    if not anchor.stream.enabled:
        return result
    after = 0
    while True:
        async with _reading():
            batch = await anchor.stream.read(after=after, limit=VERIFY_BATCH)
        if not batch:
            break
        after = batch[-1].stream_seq
        mine = [
            s.signed for s in batch if s.signed is not None and s.signed.key_id == anchor.key.key_id
        ]
        stored = await audit_repository.hashes_at(session, [s.checkpoint.seq for s in mine])
        for row in batch:
            signed = row.signed
            if signed is not None and signed.key_id != anchor.key.key_id:
                result.checkpoints_other_key += 1  # signed before a key rotation
            elif signed is None or not anchor.key.verifies(signed):
                result.checkpoints_unverifiable += 1
            elif stored.get(signed.checkpoint.seq) != signed.checkpoint.hash:
                result.checkpoints_checked += 1
                result.checkpoints_mismatched += 1
            else:
                result.checkpoints_checked += 1
                result.anchored_seq = max(result.anchored_seq or 0, signed.checkpoint.seq)
    if result.checkpoints_mismatched or result.checkpoints_unverifiable:
        result.valid = False
    return result
