"""Idempotent consumer: a durable JetStream pull consumer whose effects commit with an inbox row."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import NamedTuple

import nats.errors
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import ValidationError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from agora_common import telemetry
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent, MalformedEvent
from agora_common.tables import inbox
from agora_common.tasks import stop_task

log = logging.getLogger("agora.inbox")

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]
DEADLETTER_STREAM = "DEADLETTER"
DEADLETTER_SUBJECTS = ["agora.deadletter.>"]


class PoisonMessage(Exception):
    """Raised by a handler for an event that can never be applied; it is parked, not retried."""


class _Work(NamedTuple):
    """A message to apply: its event, read, and the handler for its type."""

    msg: Msg
    event: CloudEvent
    handler: Handler


def _trace_of(msg: Msg, *, span: bool = True) -> contextlib.AbstractContextManager[None]:
    """The handler continues the trace of the request that caused the event (its spans and log
    lines); ``span=False``: the context only, for a log line."""
    return telemetry.consuming(msg.headers, msg.subject, span=span)


class Consumer:
    """Applies events of one stream to a service's database, each exactly once.

    Messages are fetched up to ``batch`` at a time and applied in stream order, up to
    ``events_per_transaction`` in one transaction: it inserts their inbox rows (event id,
    consumer) and runs the handler of each event whose row was not there yet; a duplicate finds
    its row and does nothing. Each message is acked only after that commit. If the transaction
    fails, its events are applied again one per transaction, so that only the event at fault is
    nakked with a growing delay (a transient error) or parked on ``agora.deadletter.<durable>``
    then terminated (it can never succeed), and the others are applied. Malformed events and
    events from a source that does not own the stream are parked before the batch is applied.
    """

    def __init__(
        self,
        db: Database,
        bus: Bus,
        *,
        durable: str,
        stream: str,
        subjects: list[str],
        handlers: dict[str, Handler],
        max_attempts: int = 8,
        batch: int = 100,
        events_per_transaction: int = 100,
        ack_wait_seconds: float = 30,
    ) -> None:
        self.db = db
        self.bus = bus
        self.durable = durable
        self.stream = stream
        self.filter = subjects[0] if len(subjects) == 1 else None
        self.handlers = handlers
        self.max_attempts = max_attempts
        self.batch = batch
        self.events_per_transaction = max(1, events_per_transaction)
        self.ack_wait_seconds = ack_wait_seconds
        self.processed_total = 0
        self.parked_total = 0
        self.last_event_time: datetime | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        # Only the service that owns a stream publishes into it (agora_common.nats_access); an
        # event claiming another source was put there by something else and is never applied.
        self.expected_source = f"agora/{stream.lower()}"
        bus.want_stream(DEADLETTER_STREAM, DEADLETTER_SUBJECTS)
        self._insert = (postgresql.insert if not db.url.startswith("sqlite") else sqlite.insert)(
            inbox
        )

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"consumer-{self.durable}")

    async def stop(self, *, drain_seconds: float = 10.0) -> None:
        """Stop after the batch in hand is applied and acked (waiting up to ``drain_seconds``;
        then cancelled: a batch cut short rolls back, is not acked and comes again)."""
        self._stopping = True
        if self._task is not None and drain_seconds > 0:
            await asyncio.wait({self._task}, timeout=drain_seconds)
        await stop_task(self._task)

    async def pending(self) -> int | None:
        """Messages the stream holds that this consumer has not yet acknowledged (its lag)."""
        if not self.bus.connected:
            return None
        js = await self.bus.ready()
        try:
            info = await js.consumer_info(self.stream, self.durable)
        except Exception:
            return None
        return int(info.num_pending or 0) + int(info.num_ack_pending or 0)

    async def _run(self) -> None:
        while not self._stopping:
            try:
                js = await self.bus.ready()
                subscription = await js.pull_subscribe(
                    self.filter or ">",
                    durable=self.durable,
                    stream=self.stream,
                    config=ConsumerConfig(
                        durable_name=self.durable,
                        ack_policy=AckPolicy.EXPLICIT,
                        deliver_policy=DeliverPolicy.ALL,
                        ack_wait=self.ack_wait_seconds,
                        max_ack_pending=1000,
                    ),
                )
                while not self._stopping:
                    try:
                        messages = await subscription.fetch(self.batch, timeout=1)
                    except nats.errors.TimeoutError:
                        continue
                    await self.handle_batch(messages)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "consumer interrupted",
                    extra={"consumer": self.durable, "error_type": type(exc).__name__},
                )
                await asyncio.sleep(0.5)

    async def handle(self, msg: Msg) -> None:
        """Apply one message exactly once, then acknowledge it."""
        await self.handle_batch([msg])

    async def handle_batch(self, messages: list[Msg]) -> None:
        """Apply fetched messages in order, each exactly once, then acknowledge them."""
        work: list[_Work] = []
        for msg in messages:
            item = await self._triage(msg)
            if item is not None:
                work.append(item)
        if self.events_per_transaction == 1 or len(work) == 1:
            for item in work:
                await self._apply_alone(item)
            return
        for start in range(0, len(work), self.events_per_transaction):
            chunk = work[start : start + self.events_per_transaction]
            try:
                await self._apply_together(chunk)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # One event (or a blink of the database) spoiled the transaction: apply them one
                # per transaction, so that only the one at fault is retried or parked.
                log.info(
                    "batch not applied, applying its events one by one",
                    extra={
                        "consumer": self.durable,
                        "events": len(chunk),
                        "error_type": type(exc).__name__,
                    },
                )
                for item in chunk:
                    await self._apply_alone(item)
                continue
            for item in chunk:
                await self._applied(item)

    async def _triage(self, msg: Msg) -> _Work | None:
        """The event and its handler; None when the message was parked or ignored (and acked)."""
        try:
            event = CloudEvent.from_json(msg.data)
        except MalformedEvent as exc:
            await self._park(msg, f"malformed: {exc}")
            return None
        if event.source != self.expected_source:
            await self._park(msg, f"source does not own stream {self.stream}")
            return None
        handler = self.handlers.get(event.type)
        if handler is None:
            await msg.ack()  # a tolerant reader ignores what it does not need
            return None
        return _Work(msg, event, handler)

    def _inbox_row(self, event: CloudEvent, now: datetime) -> dict[str, object]:
        return {
            "event_id": event.id,
            "consumer": self.durable,
            "event_type": event.type,
            "processed_at": now,
        }

    async def _apply_together(self, chunk: list[_Work]) -> None:
        """One transaction: the inbox rows of the chunk, and the handler of each new event."""
        now = datetime.now(UTC)
        # Rows in event id order: two replicas inserting overlapping batches (a redelivery) then
        # lock them in the same order and one waits for the other instead of deadlocking.
        rows = sorted(
            {item.event.id: self._inbox_row(item.event, now) for item in chunk}.values(),
            key=lambda row: str(row["event_id"]),
        )
        async with self.db.transaction() as session:
            result = await session.execute(
                self._insert.values(rows).on_conflict_do_nothing().returning(inbox.c.event_id)
            )
            new = set(result.scalars())
            for item in chunk:
                if item.event.id not in new:
                    continue  # applied before (a redelivery), or a second copy in this chunk
                new.discard(item.event.id)
                with _trace_of(item.msg):
                    await item.handler(session, item.event)
                    # Each handler sees the database as it would alone: its writes flushed, no
                    # object of an earlier event's handler kept in the session.
                    await session.flush()
                    session.expunge_all()

    async def _apply_alone(self, item: _Work) -> None:
        """Apply one event in a transaction of its own, then ack, nak or park it."""
        with _trace_of(item.msg):
            await self._apply_one(item)

    async def _apply_one(self, item: _Work) -> None:
        msg, event, handler = item
        try:
            async with self.db.transaction() as session:
                result = await session.execute(
                    self._insert.values(
                        self._inbox_row(event, datetime.now(UTC))
                    ).on_conflict_do_nothing()
                )
                if result.rowcount:  # type: ignore[attr-defined]
                    await handler(session, event)
        except (PoisonMessage, ValidationError, KeyError, TypeError) as exc:
            await self._park(msg, f"{type(exc).__name__} in {event.type}")
            return
        except Exception as exc:
            attempts = msg.metadata.num_delivered or 1
            if attempts >= self.max_attempts:
                await self._park(msg, f"gave up after {attempts} attempts: {type(exc).__name__}")
                return
            delay = min(0.2 * 2**attempts, 30.0)
            log.warning(
                "event handling failed, will retry",
                extra={"consumer": self.durable, "event_type": event.type, "attempt": attempts},
            )
            await msg.nak(delay=delay)
            return
        await self._applied(item)

    async def _applied(self, item: _Work) -> None:
        """Count and acknowledge an event whose transaction committed."""
        self.processed_total += 1
        self.last_event_time = item.event.time
        await item.msg.ack()
        with _trace_of(item.msg, span=False):
            log.info(
                "event applied", extra={"consumer": self.durable, "event_type": item.event.type}
            )

    async def apply_once(self, event: CloudEvent) -> bool:
        """Apply one event now, as the consumer would (inbox row and handler in one
        transaction); False when its inbox row says it was applied already. Replays a parked
        event (``agora_common.dead_letters``): the handler's errors are the caller's."""
        handler = self.handlers[event.type]
        async with self.db.transaction() as session:
            result = await session.execute(
                self._insert.values(
                    self._inbox_row(event, datetime.now(UTC))
                ).on_conflict_do_nothing()
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                return False
            await handler(session, event)
        return True

    async def _park(self, msg: Msg, reason: str) -> None:
        """Copy a message that can never be applied to the dead-letter subject, then drop it."""
        js = await self.bus.ready()
        headers = dict(msg.headers or {})
        headers["Agora-Deadletter-Reason"] = reason[:200]
        headers["Agora-Deadletter-Subject"] = msg.subject
        # What an operator needs to judge it (agora_common.dead_letters), never the payload.
        with contextlib.suppress(Exception):  # a message fetched outside a consumer has none
            headers["Agora-Deadletter-Stream-Seq"] = str(msg.metadata.sequence.stream)
            headers["Agora-Deadletter-Attempts"] = str(msg.metadata.num_delivered or 1)
        headers["Agora-Deadletter-Parked-At"] = datetime.now(UTC).isoformat()
        await js.publish(f"agora.deadletter.{self.durable}", msg.data, headers=headers)
        await msg.term()
        self.parked_total += 1
        log.error(
            "event parked on the dead-letter subject",
            extra={"consumer": self.durable, "reason": reason[:200]},
        )
