"""Custody transfers: when a person relocates, the custodian hands the actor over to the
receiving state, which accepts (and becomes the custodian) or declines.

On acceptance the personal data is re-keyed: a new data key seals it (and the risk level, and
every state's sealed vetting reasons) with the actor id as associated data, and its wrapped form
replaces the old wrapped key, which is destroyed. Grants to other states are kept or withdrawn
as the custodian chose; the handing-over state never keeps access (it keeps no grant: the new
custodian may grant it, like any other state).
"""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from actors.custody import repository
from actors.custody.schemas import Direction, TransferIn, TransferStatus
from actors.events import published
from actors.models import Actor, CustodyTransfer
from actors.registry import repository as registry
from actors.vault import Vault
from actors.vetting import repository as vetting
from actors.vetting.service import reason_purpose

RESEAL_BATCH = 200


async def request_transfer(
    session: AsyncSession, *, actor: Actor, data: TransferIn
) -> tuple[CustodyTransfer, bool]:
    """The custodian asks another state to take the actor over; returns the pending transfer
    and whether it is new (the same request again answers the pending one)."""
    if data.to_state == actor.custodian_state:
        raise Unprocessable.field(["body", "to_state"], "the actor is already in your custody")
    pending = await repository.pending_transfer(session, actor.id)
    if pending is not None:
        if (pending.to_state, pending.grants) == (data.to_state, data.grants.value):
            return pending, False
        raise Conflict("A transfer of this actor is already pending; cancel it first.")
    transfer = CustodyTransfer(
        id=new_id("cus"),
        actor_id=actor.id,
        from_state=actor.custodian_state,
        to_state=data.to_state,
        grants=data.grants.value,
        status=TransferStatus.pending.value,
        created_at=datetime.now(UTC),
    )
    await repository.add_transfer(session, transfer)
    return transfer, True


async def list_transfers(
    session: AsyncSession,
    *,
    state: str,
    direction: Direction,
    status: TransferStatus,
    cursor: str | None,
    limit: int,
) -> Slice[CustodyTransfer]:
    """Transfers to the caller's state (incoming) or from it (outgoing), oldest first."""
    mine = {"to_state" if direction is Direction.incoming else "from_state": state}
    rows = await repository.list_transfers(
        session,
        **mine,
        status=status.value,
        after=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda t: (t.created_at, t.id))


async def _transfer(
    session: AsyncSession, actor: Actor, transfer_id: str, state: str, *, side: str
) -> CustodyTransfer:
    """The actor's transfer for the state on ``side`` (``to_state`` or ``from_state``): 404
    for a state on neither side, 403 for the other side."""
    transfer = await repository.get_transfer(session, actor.id, transfer_id)
    if transfer is None or state not in (transfer.from_state, transfer.to_state):
        raise NotFound("No such custody transfer.")
    if getattr(transfer, side) != state:
        who = "receiving" if side == "to_state" else "handing-over"
        raise Forbidden(f"Only the {who} state may do this.")
    return transfer


def _closed(transfer: CustodyTransfer) -> Conflict:
    return Conflict(f"This custody transfer is already {transfer.status}.")


async def accept_transfer(
    session: AsyncSession, *, state: str, actor: Actor, transfer_id: str, vault: Vault
) -> CustodyTransfer:
    """The receiving state takes the actor over: it becomes the custodian and the personal
    data is re-keyed; accepting an accepted transfer again answers it unchanged."""
    # First: a vetting reason sealed or a grant made concurrently waits for the hand-over.
    wrapped = await registry.wrapped_key(session, actor.id, lock=True)
    transfer = await _transfer(session, actor, transfer_id, state, side="to_state")
    if transfer.status == TransferStatus.accepted.value:
        return transfer
    if transfer.status != TransferStatus.pending.value:
        raise _closed(transfer)
    now = datetime.now(UTC)
    if not await repository.decide(session, transfer, status="accepted", at=now):
        raise Conflict("The transfer was decided concurrently; fetch it and retry.")
    old_key = vault.unwrap(wrapped, actor_id=actor.id)
    new_key = vault.new_data_key()
    handed_over = await repository.hand_over(
        session,
        actor,
        to_state=transfer.to_state,
        personal=_reseal(vault, actor.personal, actor.id, old_key, new_key, "personal"),
        attributes=_reseal(vault, actor.attributes, actor.id, old_key, new_key, "attributes"),
        wrapped_key=vault.wrap(new_key, actor_id=actor.id),
        master_key_id=vault.master_key_id,
        at=now,
    )
    if not handed_over:
        raise Conflict("The actor changed meanwhile; retry.")
    await _reseal_vetting_reasons(session, vault, actor.id, old_key, new_key)
    await repository.withdraw_grants(
        session, actor.id, all_states=transfer.grants == "drop", state=transfer.to_state
    )
    await enqueue(session, *published.updated(actor))
    return transfer


def _reseal(
    vault: Vault, ciphertext: bytes, actor_id: str, old_key: bytes, new_key: bytes, purpose: str
) -> bytes:
    values = vault.open(ciphertext, data_key=old_key, actor_id=actor_id, purpose=purpose)
    return vault.seal(values, data_key=new_key, actor_id=actor_id, purpose=purpose)


async def _reseal_vetting_reasons(
    session: AsyncSession, vault: Vault, actor_id: str, old_key: bytes, new_key: bytes
) -> None:
    after = None
    while True:
        records = await vetting.sealed_reasons(session, actor_id, after=after, limit=RESEAL_BATCH)
        for record in records:
            assert record.reason is not None
            purpose = reason_purpose(record.id)
            await vetting.store_reason(
                session, record, _reseal(vault, record.reason, actor_id, old_key, new_key, purpose)
            )
        if len(records) < RESEAL_BATCH:
            return
        after = records[-1].id


async def decline_transfer(
    session: AsyncSession, *, state: str, actor: Actor, transfer_id: str
) -> CustodyTransfer:
    """The receiving state declines; the custodian keeps the actor."""
    transfer = await _transfer(session, actor, transfer_id, state, side="to_state")
    return await _close(session, transfer, TransferStatus.declined)


async def cancel_transfer(
    session: AsyncSession, *, state: str, actor: Actor, transfer_id: str
) -> CustodyTransfer:
    """The custodian withdraws its pending request."""
    transfer = await _transfer(session, actor, transfer_id, state, side="from_state")
    return await _close(session, transfer, TransferStatus.cancelled)


async def _close(
    session: AsyncSession, transfer: CustodyTransfer, status: TransferStatus
) -> CustodyTransfer:
    if transfer.status == status.value:
        return transfer
    if transfer.status != TransferStatus.pending.value:
        raise _closed(transfer)
    if not await repository.decide(session, transfer, status=status.value, at=datetime.now(UTC)):
        raise Conflict("The transfer was decided concurrently; fetch it and retry.")
    return transfer
