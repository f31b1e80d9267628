"""The NATS stream ``AUDIT`` that keeps the checkpoints: append-only, kept for ever.

It is created with ``deny_delete`` and ``deny_purge`` and never updated (``Bus.want_stream``
with ``append_only``); the gateway's NATS user may publish into it and read it, not update or
delete it (``agora_platform.nats_users``). A checkpoint's message id is its chain position, so
a retry or another replica publishing the same head is absorbed by the duplicate window.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from agora_common.bus import Bus
from agora_common.problems import Problem
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from gateway.checkpoints.signing import SignedCheckpoint, decode, encode

STREAM = "AUDIT"
SUBJECT = "agora.audit.checkpoints"
READY_WAIT_SECONDS = 2.0
NATS_TIMEOUT_SECONDS = 5.0


LOOK_BACK = 10_000  # messages searched back for the last genuine checkpoint


class CheckpointsUnavailable(Problem):
    status = 503


UNAVAILABLE = "The audit checkpoints (NATS) are unavailable; try again."


@dataclass(frozen=True, slots=True)
class StoredCheckpoint:
    """One message of the stream: its position there, and the checkpoint (None if malformed)."""

    stream_seq: int
    signed: SignedCheckpoint | None


class CheckpointStream:
    """Publishing checkpoints to the stream and reading them back."""

    def __init__(self, bus: Bus | None) -> None:
        self.bus = bus

    @property
    def enabled(self) -> bool:
        """False only in development without NATS (``AGORA_NATS_URL`` empty)."""
        return self.bus is not None

    async def _jetstream(self) -> JetStreamContext:
        if self.bus is None:
            raise CheckpointsUnavailable(UNAVAILABLE)
        try:
            return await asyncio.wait_for(self.bus.ready(), READY_WAIT_SECONDS)
        except TimeoutError:
            raise CheckpointsUnavailable(UNAVAILABLE) from None

    async def last_verified(
        self, verifies: Callable[[SignedCheckpoint], bool], *, look_back: int = LOOK_BACK
    ) -> SignedCheckpoint | None:
        """The last checkpoint that ``verifies`` (signed by this gateway's key), None before the
        first. Anything else on the stream (a message written with the gateway's NATS
        credentials but not its signing key) is passed over, so it can neither stop nor delay
        the checkpoints that follow; ``verify`` reports it."""
        js = await self._jetstream()
        try:
            info = await js.stream_info(STREAM)
        except NotFoundError:
            return None
        first, position = info.state.first_seq, info.state.last_seq
        while position >= max(first, info.state.last_seq - look_back + 1, 1):
            try:
                message = await js.get_msg(STREAM, position)
            except NotFoundError:
                position -= 1
                continue
            signed = decode(message.data or b"")
            if signed is not None and verifies(signed):
                return signed
            position -= 1
        return None

    async def publish(self, signed: SignedCheckpoint) -> None:
        js = await self._jetstream()
        checkpoint = signed.checkpoint
        await js.publish(
            SUBJECT,
            encode(signed),
            timeout=NATS_TIMEOUT_SECONDS,
            stream=STREAM,
            headers={"Nats-Msg-Id": f"audit-{checkpoint.seq}-{checkpoint.hash}"},
        )

    async def read(self, *, after: int, limit: int) -> list[StoredCheckpoint]:
        """Up to ``limit`` messages after stream position ``after``, in the order published."""
        js = await self._jetstream()
        try:
            info = await js.stream_info(STREAM)
        except NotFoundError:
            return []
        first, last = info.state.first_seq, info.state.last_seq
        found: list[StoredCheckpoint] = []
        position = max(after + 1, first)
        while position <= last and len(found) < limit:
            try:
                message = await js.get_msg(STREAM, position)
            except NotFoundError:  # not possible in a stream that denies deletes; skip it
                position += 1
                continue
            found.append(StoredCheckpoint(position, decode(message.data or b"")))
            position += 1
        return found
