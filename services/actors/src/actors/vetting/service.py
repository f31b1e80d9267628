"""Vetting: each state's own decision on an actor, which no other state sees, and the history
of its decisions with their reasons (sealed under the actor's data key)."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, NotFound
from sqlalchemy.ext.asyncio import AsyncSession

from actors.events import published
from actors.models import Actor, Vetting, VettingRecord
from actors.registry import repository as registry
from actors.vault import Vault
from actors.vetting import repository
from actors.vetting.schemas import VettingIn, VettingRecordOut


def reason_purpose(record_id: str) -> str:
    """What a reason's ciphertext is bound to besides the actor: its own history record."""
    return f"vetting-reason:{record_id}"


def _concurrent() -> Conflict:
    return Conflict("Your state's decision was recorded concurrently; fetch it and retry.")


async def record_vetting(
    session: AsyncSession, *, state: str, actor: Actor, data: VettingIn, vault: Vault
) -> tuple[Vetting, bool]:
    """Record the caller's own state's vetting decision (and keep it, with its reason, in the
    history); returns the current decision and whether it is the state's first."""
    now = datetime.now(UTC)
    vetting = await repository.get_vetting(session, actor.id, state)
    created = vetting is None
    if vetting is None:
        vetting = Vetting(
            actor_id=actor.id,
            state=state,
            decision=data.decision.value,
            decided_on=data.decided_on,
            recorded_at=now,
            version=1,
        )
        if not await repository.add_vetting(session, vetting):
            raise _concurrent()
    elif not await repository.replace_vetting(
        session, vetting, decision=data.decision.value, decided_on=data.decided_on, recorded_at=now
    ):
        raise _concurrent()
    record_id = new_id("vet")
    reason = None
    if data.reason is not None:
        wrapped = await registry.wrapped_key(session, actor.id, lock=True)
        data_key = vault.unwrap(wrapped, actor_id=actor.id)
        reason = vault.seal(
            {"reason": data.reason},
            data_key=data_key,
            actor_id=actor.id,
            purpose=reason_purpose(record_id),
        )
    record = VettingRecord(
        id=record_id,
        actor_id=actor.id,
        state=state,
        decision=vetting.decision,
        decided_on=vetting.decided_on,
        reason=reason,
        version=vetting.version,
        recorded_at=now,
    )
    await repository.add_record(session, record)
    await enqueue(session, *published.vetting_decided(vetting))
    return vetting, created


async def get_vetting(session: AsyncSession, *, state: str, actor: Actor) -> Vetting:
    """The caller's own state's decision; no state ever sees another's (404 if none)."""
    vetting = await repository.get_vetting(session, actor.id, state)
    if vetting is None:
        raise NotFound("Your state has recorded no vetting decision on this actor.")
    return vetting


async def vetting_history(
    session: AsyncSession, *, state: str, actor: Actor, cursor: str | None, limit: int, vault: Vault
) -> Slice[VettingRecordOut]:
    """The caller's own state's decisions on the actor, oldest first, reasons opened."""
    records = await repository.list_records(
        session,
        actor.id,
        state,
        after=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    page = page_of(records, limit, key=lambda r: (r.recorded_at, r.id))
    data_key = None
    if any(r.reason is not None for r in page.items):
        wrapped = await registry.wrapped_key(session, actor.id, lock=True)
        data_key = vault.unwrap(wrapped, actor_id=actor.id)
    return Slice([_opened(r, vault, data_key) for r in page.items], page.next_cursor)


def _opened(record: VettingRecord, vault: Vault, data_key: bytes | None) -> VettingRecordOut:
    reason = None
    if record.reason is not None and data_key is not None:
        opened = vault.open(
            record.reason,
            data_key=data_key,
            actor_id=record.actor_id,
            purpose=reason_purpose(record.id),
        )
        reason = str(opened["reason"])
    return VettingRecordOut.model_validate(
        {
            "id": record.id,
            "decision": record.decision,
            "decided_on": record.decided_on,
            "reason": reason,
            "version": record.version,
            "recorded_at": record.recorded_at,
        }
    )
