"""Actors themselves: registration, reading, listing and erasure, personal data sealed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from functools import partial

from agora_common.db import Database
from agora_common.erasure_list import ErasureList
from agora_common.identity import Identity
from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Gone, NotFound, Problem
from sqlalchemy.ext.asyncio import AsyncSession

from actors.duplicates import service as duplicates
from actors.duplicates.fingerprints import IdentityKey
from actors.duplicates.schemas import PossibleDuplicate
from actors.events import published
from actors.grants import repository as grants
from actors.models import Actor, ActorKey, ErasedActor
from actors.registry import repository, rules
from actors.registry.repository import ActorFilters
from actors.registry.schemas import ActorDocument
from actors.registry.sealing import open_sealed, personal_of, seal_attributes
from actors.registry.shape import ActorView, Sealed, columns_of
from actors.vault import Vault

log = logging.getLogger("agora.actors")


async def register_actor(
    session: AsyncSession,
    *,
    state: str,
    data: ActorDocument,
    vault: Vault,
    identity_key: IdentityKey,
) -> tuple[ActorView, list[PossibleDuplicate]]:
    """Register an actor with the caller's state as its custodian; personal data sealed; the
    other states that may hold the same actor."""
    if errors := rules.document_errors(data):
        raise rules.invalid(errors)
    now = datetime.now(UTC)
    actor_id = new_id("act")
    data_key = vault.new_data_key()
    personal = personal_of(data)
    actor = Actor(
        id=actor_id,
        **columns_of(data),
        custodian_state=state,
        personal=vault.seal(personal, data_key=data_key, actor_id=actor_id),
        attributes=seal_attributes(vault, data, data_key, actor_id),
        version=1,
        statistics_changes=1,
        created_at=now,
        updated_at=now,
    )
    key = ActorKey(
        actor_id=actor_id,
        wrapped_key=vault.wrap(data_key, actor_id=actor_id),
        master_key_id=vault.master_key_id,
    )
    await repository.add_actor(session, actor, key)
    await enqueue(session, *published.registered(actor))
    possible = await duplicates.record_identity(
        session, actor=actor, personal=personal, key=identity_key
    )
    return ActorView(actor, Sealed(data.risk_level.value, personal)), possible


def _opening_state(caller: Identity) -> str | None:
    """The state whose actors (and those it was granted) ``caller`` sees personal data of:
    an agency's own; operators and evaluators none."""
    return caller.state if caller.role == "agency" and caller.state else None


async def missing_actor(session: AsyncSession, actor_id: str) -> Problem:
    """Why there is no actor ``actor_id``: 410 if it was erased, 404 if it never existed."""
    if await repository.is_erased(session, actor_id):
        return Gone("This actor was erased.")
    return NotFound("No such actor.")


async def read_actor(
    session: AsyncSession, *, caller: Identity, actor_id: str, vault: Vault
) -> ActorView:
    """One actor as ``caller`` may see it (as ``_views`` decides), read in one statement."""
    row = await repository.actor_for_reader(session, actor_id, _opening_state(caller))
    if row is None:
        raise await missing_actor(session, actor_id)
    if row.wrapped_key is None:
        return ActorView(row, None)
    return ActorView(row, open_sealed(vault, row, row.wrapped_key).sealed)


async def _views(
    session: AsyncSession, caller: Identity, actors: Sequence[Actor], vault: Vault
) -> list[ActorView]:
    """The actors as ``caller`` may see them: personal data and the risk level only for their
    custodian and the states it granted access; operators and evaluators never see them (and
    for them nothing is decrypted)."""
    visible: set[str] = set()
    if state := _opening_state(caller):
        visible = {a.id for a in actors if a.custodian_state == state}
        visible |= await grants.granted_actor_ids(
            session, [a.id for a in actors if a.id not in visible], state
        )
    keys = await repository.wrapped_keys(session, [a.id for a in actors if a.id in visible])
    return [
        ActorView(
            actor, open_sealed(vault, actor, keys[actor.id]).sealed if actor.id in visible else None
        )
        for actor in actors
    ]


async def list_actors(
    session: AsyncSession,
    *,
    caller: Identity,
    filters: ActorFilters,
    cursor: str | None,
    limit: int,
    vault: Vault,
) -> Slice[ActorView]:
    """A page of actors in registration order; personal data where the caller may see it."""
    after = decode_cursor(cursor, datetime, str)
    rows = await repository.list_actors(session, filters, after=after, limit=limit + 1)
    page = page_of(rows, limit, key=lambda a: (a.created_at, a.id))
    return Slice(await _views(session, caller, page.items, vault), page.next_cursor)


async def erase_actor(
    session: AsyncSession,
    *,
    actor: Actor,
    if_match: str | None,
    db: Database,
    erasures: ErasureList,
) -> Callable[[], Awaitable[None]]:
    """Erase an actor: its data key is destroyed, so its ciphertext can never be read again.

    Returns the clean-up to run once the erasure is committed."""
    rules.check_if_match(if_match, actor.version)
    actor_id, version = actor.id, actor.version + 1
    tombstone = ErasedActor(
        id=actor_id,
        custodian_state=actor.custodian_state,
        version=version,
        statistics_changes=actor.statistics_changes + 1,
        erased_at=datetime.now(UTC),
    )
    erased = await repository.erase_actor(
        session, actor_id, expected_version=actor.version, erased=tombstone
    )
    if not erased:
        raise rules.stale()
    # Listed before the commit, outside the database: a backup restored later re-applies it.
    await erasures.record(actor_id)
    await enqueue(session, *published.erased(actor_id, version))
    return partial(clear_erased_leftovers, db=db)


async def clear_erased_leftovers(*, db: Database) -> None:
    """Flush erased rows out of the database's write-ahead files (runs after the commit)."""
    try:
        await repository.checkpoint_after_erasure(db)
    except Exception as exc:  # hygiene only: the erasure itself is already committed
        log.warning("checkpoint after erasure failed", extra={"error_type": type(exc).__name__})
