"""Idempotent consumer: a durable JetStream pull consumer whose effects commit with an inbox row."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import nats.errors
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import ValidationError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent, MalformedEvent
from agora_common.logs import continue_trace, trace_id_of, trace_id_var, traceparent_var
from agora_common.tables import inbox

log = logging.getLogger("agora.inbox")

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]
DEADLETTER_STREAM = "DEADLETTER"
DEADLETTER_SUBJECTS = ["agora.deadletter.>"]


class PoisonMessage(Exception):
    """Raised by a handler for an event that can never be applied; it is parked, not retried."""


class Consumer:
    """Applies events of one stream to a service's database, each exactly once.

    For every message: one transaction inserts the inbox row (event id, consumer) and runs the
    handler; a duplicate finds the row already there and does nothing. The message is acked only
    after that commit, nakked with a growing delay on a transient error, and parked on
    ``agora.deadletter.<durable>`` then terminated when it can never succeed.
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
    ) -> None:
        self.db = db
        self.bus = bus
        self.durable = durable
        self.stream = stream
        self.filter = subjects[0] if len(subjects) == 1 else None
        self.handlers = handlers
        self.max_attempts = max_attempts
        self.batch = batch
        self.processed_total = 0
        self.parked_total = 0
        self.last_event_time: datetime | None = None
        self._task: asyncio.Task[None] | None = None
        # Only the service that owns a stream publishes into it (agora_common.nats_access); an
        # event claiming another source was put there by something else and is never applied.
        self.expected_source = f"agora/{stream.lower()}"
        bus.want_stream(DEADLETTER_STREAM, DEADLETTER_SUBJECTS)
        self._insert = (postgresql.insert if not db.url.startswith("sqlite") else sqlite.insert)(
            inbox
        )

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"consumer-{self.durable}")

    async def stop(self) -> None:
        if self._task:
            # Cancel until it ends: on Python 3.11 asyncio.wait_for (used inside nats-py) can
            # swallow a cancellation that races with a message or timeout, and the loop goes on.
            while not self._task.done():
                self._task.cancel()
                await asyncio.wait({self._task}, timeout=1)
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

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
        while True:
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
                        ack_wait=30,
                        max_ack_pending=1000,
                    ),
                )
                while True:
                    try:
                        messages = await subscription.fetch(self.batch, timeout=1)
                    except nats.errors.TimeoutError:
                        continue
                    for msg in messages:
                        await self.handle(msg)
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
        # Log lines of the handler carry the trace of the request that caused the event.
        traceparent = continue_trace((msg.headers or {}).get("traceparent"))
        tokens = (trace_id_var.set(trace_id_of(traceparent)), traceparent_var.set(traceparent))
        try:
            await self._handle(msg)
        finally:
            trace_id_var.reset(tokens[0])
            traceparent_var.reset(tokens[1])

    async def _handle(self, msg: Msg) -> None:
        try:
            event = CloudEvent.from_json(msg.data)
        except MalformedEvent as exc:
            await self._park(msg, f"malformed: {exc}")
            return
        if event.source != self.expected_source:
            await self._park(msg, f"source does not own stream {self.stream}")
            return
        handler = self.handlers.get(event.type)
        if handler is None:
            await msg.ack()  # a tolerant reader ignores what it does not need
            return
        try:
            async with self.db.transaction() as session:
                result = await session.execute(
                    self._insert.values(
                        event_id=event.id,
                        consumer=self.durable,
                        event_type=event.type,
                        processed_at=datetime.now(UTC),
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
        self.processed_total += 1
        self.last_event_time = event.time
        await msg.ack()
        log.info("event applied", extra={"consumer": self.durable, "event_type": event.type})

    async def _park(self, msg: Msg, reason: str) -> None:
        """Copy a message that can never be applied to the dead-letter subject, then drop it."""
        js = await self.bus.ready()
        headers = dict(msg.headers or {})
        headers["Agora-Deadletter-Reason"] = reason[:200]
        headers["Agora-Deadletter-Subject"] = msg.subject
        await js.publish(f"agora.deadletter.{self.durable}", msg.data, headers=headers)
        await msg.term()
        self.parked_total += 1
        log.error(
            "event parked on the dead-letter subject",
            extra={"consumer": self.durable, "reason": reason[:200]},
        )
