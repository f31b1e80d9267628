"""Rebuild a service's read models from the streams they are kept from.

A read model is derived data: every row of it comes from events that the streams still hold
(``Bus.max_age_days``, 30 days by default: see docs/reliability.md for how far back a rebuild
reaches). The rebuild empties the read-model tables and applies every event of each stream, from
its first sequence to the last one at the start, with the read-model part of the consumer's
handlers — never the handlers' other effects (an erasure deleting the service's own records was
done once, when the consumer applied it). It reads messages by sequence, writes no inbox row and
touches no consumer, so the live consumers carry on: what they apply after the rebuild is kept
idempotent by the read models' version guards.

Everything happens in one transaction: readers see the old read models until the new ones are
complete, and a rebuild that fails leaves them as they were.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from nats.js.errors import NotFoundError
from pydantic import ValidationError
from sqlalchemy import Table, delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from agora_common.bus import Bus
from agora_common.db import Database, is_sqlite
from agora_common.events import CloudEvent, MalformedEvent
from agora_common.inbox import Handler, PoisonMessage
from agora_common.settings import CommonSettings

log = logging.getLogger("agora.rebuild")
LOCK_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Replay:
    """One stream and the read-model handlers its events are replayed with."""

    stream: str
    handlers: dict[str, Handler]


@dataclass
class RebuildReport:
    """What a rebuild did: rows dropped per table, events applied, skipped and refused."""

    rows_dropped: dict[str, int] = field(default_factory=dict)
    events_read: dict[str, int] = field(default_factory=dict)
    events_applied: int = 0
    events_ignored: int = 0
    events_refused: int = 0

    def lines(self) -> list[str]:
        out = [f"dropped {n} rows of {t}" for t, n in self.rows_dropped.items()]
        out += [f"read {n} events of {s}" for s, n in self.events_read.items()]
        out.append(
            f"applied {self.events_applied}, ignored {self.events_ignored} (types not used), "
            f"refused {self.events_refused} (malformed, foreign or failing: parked when live)"
        )
        return out


class PartialHistory(Exception):
    """A stream no longer holds its first events: a rebuild from it would lose facts."""


async def _stream_messages(
    bus: Bus, stream: str, *, allow_partial: bool
) -> list[CloudEvent | None]:
    """Every message of ``stream`` from its first sequence to its last, as events (None for a
    message that is not one)."""
    js = await bus.ready()
    info = await js.stream_info(stream)
    first, last = int(info.state.first_seq or 0), int(info.state.last_seq or 0)
    if first > 1 and not allow_partial:
        # Aged out (max age) or purged: the read models would miss every fact only those held.
        raise PartialHistory(
            f"stream {stream} starts at sequence {first}: its first {first - 1} messages are "
            "gone; rebuild anyway with --allow-partial (read models then miss what they held)"
        )
    events: list[CloudEvent | None] = []
    for seq in range(max(first, 1), last + 1):
        try:
            message = await js.get_msg(stream, seq)
        except NotFoundError:
            continue  # a gap: deleted or aged out
        try:
            events.append(CloudEvent.from_json(message.data or b""))
        except MalformedEvent:
            events.append(None)
    return events


async def rebuild_read_models(
    db: Database,
    bus: Bus,
    *,
    tables: Sequence[Table],
    replays: Sequence[Replay],
    allow_partial: bool = False,
    finish: Callable[[AsyncSession], Awaitable[None]] | None = None,
) -> RebuildReport:
    """Empty ``tables`` and replay each stream of ``replays`` into them, in one transaction;
    ``finish`` runs last in that transaction (e.g. to mark what was derived from them stale,
    which the replayed events alone would not do when a stream holds none)."""
    report = RebuildReport()
    streams = {
        r.stream: await _stream_messages(bus, r.stream, allow_partial=allow_partial)
        for r in replays
    }
    async with db.transaction() as session:
        if not is_sqlite(db.url):
            # A live consumer holding a row for long makes the rebuild fail, never hang.
            await session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'"))
        for table in tables:
            result = await session.execute(delete(table))
            report.rows_dropped[table.name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
        for replay in replays:
            owner = f"agora/{replay.stream.lower()}"
            events = streams[replay.stream]
            report.events_read[replay.stream] = len(events)
            for event in events:
                if event is None or event.source != owner:
                    report.events_refused += 1
                    continue
                handler = replay.handlers.get(event.type)
                if handler is None:
                    report.events_ignored += 1
                    continue
                try:
                    async with session.begin_nested():
                        await handler(session, event)
                        await session.flush()
                except (PoisonMessage, ValidationError, KeyError, TypeError) as exc:
                    # The live consumer parked this event too; the rebuild keeps going.
                    log.warning(
                        "event not applied in the rebuild",
                        extra={"event_type": event.type, "error_type": type(exc).__name__},
                    )
                    report.events_refused += 1
                    continue
                session.expunge_all()
                report.events_applied += 1
        if finish is not None:
            await finish(session)
    return report


def bus_for(settings: CommonSettings, name: str) -> Bus:
    """A connection to the service's NATS with its own credentials (no stream declared)."""
    return Bus(
        settings.nats_url,
        name,
        user=settings.nats_user,
        password=settings.nats_password.get_secret_value() if settings.nats_password else None,
        tls_ca_file=settings.nats_tls_ca_file,
    )


async def run_rebuild(
    *,
    service: str,
    settings: CommonSettings,
    database_url: str,
    tables: Sequence[Table],
    replays: Sequence[Replay],
    allow_partial: bool = False,
    finish: Callable[[AsyncSession], Awaitable[None]] | None = None,
) -> RebuildReport:
    """Connect to the service's database and NATS, rebuild, and disconnect."""
    db = Database(database_url)
    bus = bus_for(settings, f"agora-{service}-rebuild")
    bus.start()
    try:
        await asyncio.wait_for(bus.ready(), timeout=30)
        return await rebuild_read_models(
            db, bus, tables=tables, replays=replays, allow_partial=allow_partial, finish=finish
        )
    finally:
        await bus.close()
        await db.dispose()


def rebuild_command(
    service: str, run: Callable[[bool], Coroutine[Any, Any, RebuildReport]]
) -> None:
    """The command line of ``python -m <service>.rebuild [--allow-partial]``."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {service}.rebuild",
        description=f"Drop the {service} service's read models and replay the streams into them.",
    )
    parser.add_argument(
        "--allow-partial",
        action="store_true",
        help="rebuild even from streams whose first messages have aged out",
    )
    args = parser.parse_args()
    try:
        report = asyncio.run(run(args.allow_partial))
    except PartialHistory as exc:
        raise SystemExit(f"not rebuilt: {exc}") from None
    print("\n".join(report.lines()))
