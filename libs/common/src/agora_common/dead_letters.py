"""Parked events, for an admin: list, inspect, replay.

A consumer parks an event it can never apply on ``agora.deadletter.<durable>`` (stream
DEADLETTER, kept as long as the other streams). A service reads its own consumers' dead letters
back by stream sequence — the sequence is a dead letter's id — and shows what an operator needs to
judge one: the event's type, id and time, its sequence in its own stream, the error class, a
sanitised message, when it was parked and after how many deliveries. Never the payload: payloads
carry no personal data by design, but nothing here relies on that.

Replaying applies the event exactly as the consumer would (``Consumer.apply_once``: inbox row and
handler in one transaction), so an event applied once — by a replay, or by a redelivery that
succeeded after all — is never applied again. A dead letter is never deleted: it ages out with the
stream, and ``applied`` tells whether the service has applied its event since.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Literal

import nats.errors
from fastapi import APIRouter, Depends, Path, Query, Request
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError
from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError
from pydantic.json_schema import JsonDict
from sqlalchemy import select

from agora_common.db_faults import is_database_unavailable
from agora_common.events import CloudEvent, MalformedEvent
from agora_common.identity import AdminCaller
from agora_common.inbox import DEADLETTER_STREAM, Consumer, PoisonMessage
from agora_common.pagination import Limit
from agora_common.problems import Conflict, NotFound, Problem
from agora_common.tables import inbox

_SAFE = re.compile(r"[^A-Za-z0-9_.:/ -]")


class DeadLetterUnavailable(Problem):
    status = 503


_DEAD_LETTER: JsonDict = {
    "id": 17,
    "consumer": "funding-actors",
    "event_id": "5b0c7c1e-4f3a-4d52-9a0e-2f6d8c9b1a47",
    "event_type": "agora.actors.updated.v1",
    "event_time": "2026-03-02T09:15:00Z",
    "stream_seq": 48213,
    "error_class": "IntegrityError",
    "message": "IntegrityError in agora.actors.updated.v1",
    "parked_at": "2026-03-02T09:15:02Z",
    "attempts": 1,
    "applied": False,
}


_EXAMPLE: dict[str, JsonValue] = {
    "id": 42,
    "consumer": "funding-actors",
    "event_id": "5f0c8c3e-2d7b-4b7e-9a51-0f7d3c1e9b20",
    "event_type": "agora.actors.registered.v1",
    "event_time": "2026-03-02T09:15:00Z",
    "stream_seq": 1207,
    "error_class": "ValidationError",
    "message": "ValidationError in agora.actors.registered.v1",
    "parked_at": "2026-03-02T09:15:01Z",
    "attempts": 1,
    "applied": False,
}


class DeadLetter(BaseModel):
    """A parked event as an operator sees it: what it was, why it was parked, never its data."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    model_config = ConfigDict(json_schema_extra={"examples": [_DEAD_LETTER]})

    id: int = Field(description="The dead letter's sequence in the DEADLETTER stream.")
    consumer: str = Field(description="The durable consumer that parked it.")
    event_id: str | None = Field(description="The CloudEvent id; null when it was unreadable.")
    event_type: str | None = Field(description="The CloudEvent type; null when unreadable.")
    event_time: datetime | None = Field(description="When the event happened (UTC).")
    stream_seq: int | None = Field(description="The event's sequence in its own stream.")
    error_class: str = Field(description="The class of the error that parked it.")
    message: str = Field(description="Why it was parked, without any submitted value.")
    parked_at: datetime | None = Field(description="When it was parked (UTC).")
    attempts: int | None = Field(description="Deliveries before it was parked.")
    applied: bool = Field(description="Whether the service has applied the event since.")


class DeadLetterPage(BaseModel):
    """Dead letters oldest first; pass ``next_after`` as ``after`` for the next page."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_EXAMPLE], "next_after": 42}]}
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_DEAD_LETTER], "next_after": None}]}
    )

    items: list[DeadLetter]
    next_after: int | None = Field(description="Null on the last page.")


class Replayed(BaseModel):
    """The result of a replay: ``applied`` now, or ``already_applied`` before (nothing done)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": 42, "event_id": _EXAMPLE["event_id"], "outcome": "applied"}]
        }
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 17,
                    "event_id": "5b0c7c1e-4f3a-4d52-9a0e-2f6d8c9b1a47",
                    "outcome": "applied",
                }
            ]
        }
    )

    id: int
    event_id: str
    outcome: Literal["applied", "already_applied"] = Field(
        description="`applied` now, or `already_applied` before (nothing done)."
    )


def _durable_of(subject: str | None) -> str:
    return (subject or "").removeprefix("agora.deadletter.")


def sanitised(reason: str) -> tuple[str, str]:
    """The error class and a message holding only words the consumer itself wrote.

    Reasons are written by ``Consumer._park`` from class names and event types; a reason of any
    other shape (an older version, a foreign publisher) is reduced to its kind.
    """
    if reason.startswith("malformed"):
        return "MalformedEvent", "malformed event"  # its detail could quote the message
    if re.fullmatch(r"source does not own stream \w+", reason):
        return "ForeignSource", reason
    match = re.fullmatch(r"(\w+) in [\w.]+", reason) or re.fullmatch(
        r"gave up after \d+ attempts: (\w+)", reason
    )
    if match is None:
        return "Unknown", "parked"
    return match.group(1), _SAFE.sub("", reason)[:200]


class DeadLetters:
    """The dead letters of one service's consumers."""

    def __init__(self, consumers: Sequence[Consumer]) -> None:
        self.consumers = {c.durable: c for c in consumers}

    async def _message(self, seq: int, *, next_of: str | None = None) -> RawStreamMsg | None:
        if not self.consumers:
            return None
        consumer = next(iter(self.consumers.values()))
        if not consumer.bus.connected:
            raise DeadLetterUnavailable("NATS, which keeps dead letters, is unavailable.")
        js = await consumer.bus.ready()
        try:
            if next_of is None:
                return await js.get_msg(DEADLETTER_STREAM, seq)
            return await js.get_msg(
                DEADLETTER_STREAM, seq, subject=f"agora.deadletter.{next_of}", next=True
            )
        except NotFoundError:
            return None
        except (nats.errors.Error, TimeoutError) as exc:
            raise DeadLetterUnavailable("NATS, which keeps dead letters, is unavailable.") from exc

    async def _owned(self, seq: int) -> RawStreamMsg:
        message = await self._message(seq)
        if message is None or _durable_of(message.subject) not in self.consumers:
            raise NotFound("No such dead letter.")
        return message

    async def _applied(self, consumer: Consumer, event_ids: list[str]) -> set[str]:
        if not event_ids:
            return set()
        async with consumer.db.transaction(readonly=True) as session:
            found = await session.execute(
                select(inbox.c.event_id).where(
                    inbox.c.consumer == consumer.durable, inbox.c.event_id.in_(event_ids)
                )
            )
            return set(found.scalars())

    def _view(self, message: RawStreamMsg, applied: set[str]) -> DeadLetter:
        headers = message.headers or {}
        event: CloudEvent | None = None
        with contextlib.suppress(MalformedEvent):
            event = CloudEvent.from_json(message.data or b"")
        error_class, text = sanitised(str(headers.get("Agora-Deadletter-Reason", "")))
        return DeadLetter(
            id=message.seq or 0,
            consumer=_durable_of(message.subject),
            event_id=event.id if event else None,
            event_type=event.type if event else None,
            event_time=event.time if event else None,
            stream_seq=_int(headers.get("Agora-Deadletter-Stream-Seq")),
            error_class=error_class,
            message=text,
            parked_at=_time(headers.get("Agora-Deadletter-Parked-At")) or message.time,
            attempts=_int(headers.get("Agora-Deadletter-Attempts")),
            applied=event is not None and event.id in applied,
        )

    async def list(self, *, after: int | None, limit: int) -> DeadLetterPage:
        """Dead letters after the sequence ``after``, oldest first, ``limit`` at most."""
        found: list[RawStreamMsg] = []
        for durable in self.consumers:
            seq = (after or 0) + 1
            for _ in range(limit + 1):
                message = await self._message(seq, next_of=durable)
                if message is None or message.seq is None:
                    break
                found.append(message)
                seq = message.seq + 1
        found.sort(key=lambda m: m.seq or 0)
        page, more = found[:limit], len(found) > limit
        views = []
        for durable, consumer in self.consumers.items():
            mine = [m for m in page if _durable_of(m.subject) == durable]
            ids = [event_id for m in mine if (event_id := _event_id(m)) is not None]
            applied = await self._applied(consumer, ids)
            views += [self._view(m, applied) for m in mine]
        views.sort(key=lambda v: v.id)
        return DeadLetterPage(items=views, next_after=views[-1].id if more and views else None)

    async def get(self, dead_letter_id: int) -> DeadLetter:
        """One dead letter of this service's consumers (404 for any other)."""
        message = await self._owned(dead_letter_id)
        consumer = self.consumers[_durable_of(message.subject)]
        event_id = _event_id(message)
        applied = await self._applied(consumer, [event_id] if event_id else [])
        return self._view(message, applied)

    async def replay(self, dead_letter_id: int) -> Replayed:
        """Apply the parked event once (409 when it cannot be applied, nothing changed)."""
        message = await self._owned(dead_letter_id)
        consumer = self.consumers[_durable_of(message.subject)]
        try:
            event = CloudEvent.from_json(message.data or b"")
        except MalformedEvent:
            raise Conflict("A malformed event cannot be replayed.") from None
        if event.source != consumer.expected_source:
            raise Conflict("The event's source does not own its stream; it is never applied.")
        if event.type not in consumer.handlers:
            raise Conflict("This service does not handle events of this type.")
        try:
            applied = await consumer.apply_once(event)
        except (PoisonMessage, ValidationError, KeyError, TypeError) as exc:
            raise Conflict(f"The event still cannot be applied: {type(exc).__name__}.") from None
        except Exception as exc:
            if is_database_unavailable(exc):
                raise
            raise Conflict(f"The event still fails: {type(exc).__name__}.") from None
        return Replayed(
            id=dead_letter_id,
            event_id=event.id,
            outcome="applied" if applied else "already_applied",
        )


def _event_id(message: RawStreamMsg) -> str | None:
    try:
        return CloudEvent.from_json(message.data or b"").id
    except MalformedEvent:
        return None


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def _dead_letters(request: Request) -> DeadLetters:
    return DeadLetters(request.app.state.consumers)


DeadLettersDep = Annotated[DeadLetters, Depends(_dead_letters)]
DeadLetterId = Annotated[int, Path(ge=1, lt=2**63, description="The dead letter's id.")]


def dead_letter_router(service: str, *, tag: str) -> APIRouter:
    """``/v1/<service>/dead-letters``: the service's parked events, for admins only."""
    router = APIRouter(prefix=f"/v1/{service}/dead-letters", tags=[tag])

    @router.get("", response_model=DeadLetterPage, summary="List parked events")
    async def list_dead_letters(
        dead_letters: DeadLettersDep,
        _: AdminCaller,
        limit: Limit = 50,
        after: Annotated[
            int | None, Query(ge=0, lt=2**63, description="`next_after` of the previous page.")
        ] = None,
    ) -> DeadLetterPage:
        """Events this service's consumers parked because they could not apply them, oldest
        first: type, id, sequence, error class and a sanitised message; never the payload."""
        return await dead_letters.list(after=after, limit=limit)

    @router.get("/{dead_letter_id}", response_model=DeadLetter, summary="Inspect a parked event")
    async def get_dead_letter(
        dead_letter_id: DeadLetterId, dead_letters: DeadLettersDep, _: AdminCaller
    ) -> DeadLetter:
        """One parked event, and whether the service has applied it since."""
        return await dead_letters.get(dead_letter_id)

    @router.post(
        "/{dead_letter_id}/replay",
        response_model=Replayed,
        summary="Replay a parked event",
        responses={409: {"description": "The event still cannot be applied; nothing changed."}},
    )
    async def replay_dead_letter(
        dead_letter_id: DeadLetterId, dead_letters: DeadLettersDep, _: AdminCaller
    ) -> Replayed:
        """Apply the parked event once, as its consumer would, after its cause was fixed; an
        event applied already is not applied again (`already_applied`)."""
        return await dead_letters.replay(dead_letter_id)

    return router
