"""All SQL about identity fingerprints and the matches between custodians' actors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from actors import keyset
from actors.models import Actor, IdentityFingerprint


@dataclass(frozen=True)
class Match:
    """One of our actors shares a fingerprint of ``kind`` with ``other_actor_id``, held by
    ``other_state`` (the other id never leaves the service)."""

    actor_id: str
    other_actor_id: str
    other_state: str
    kind: str


async def replace_fingerprints(
    session: AsyncSession, actor_id: str, fingerprints: Iterable[tuple[str, str]]
) -> None:
    await session.execute(
        delete(IdentityFingerprint).where(IdentityFingerprint.actor_id == actor_id)
    )
    session.add_all(
        IdentityFingerprint(actor_id=actor_id, kind=kind, hash=digest)
        for kind, digest in fingerprints
    )
    await session.flush()


async def matches_of(session: AsyncSession, actor_ids: Sequence[str]) -> list[Match]:
    """Every match of these actors with an actor of another custodian (bounded by the ids)."""
    if not actor_ids:
        return []
    ours, theirs = aliased(IdentityFingerprint), aliased(IdentityFingerprint)
    mine, other = aliased(Actor), aliased(Actor)
    rows = await session.execute(
        select(ours.actor_id, theirs.actor_id, other.custodian_state, ours.kind)
        .join(theirs, and_(theirs.hash == ours.hash, theirs.actor_id != ours.actor_id))
        .join(mine, mine.id == ours.actor_id)
        .join(other, other.id == theirs.actor_id)
        .where(ours.actor_id.in_(actor_ids), other.custodian_state != mine.custodian_state)
        .distinct()
    )
    return [Match(*row) for row in rows]


async def actors_with_matches(
    session: AsyncSession, state: str, *, after: tuple[datetime, str] | None, limit: int
) -> list[Actor]:
    """The state's own actors that share a fingerprint with another custodian's actor, one page
    in (created_at, id) order."""
    ours, theirs, other = (
        aliased(IdentityFingerprint),
        aliased(IdentityFingerprint),
        aliased(Actor),
    )
    matched = (
        exists()
        .where(ours.actor_id == Actor.id)
        .where(theirs.hash == ours.hash, theirs.actor_id != Actor.id)
        .where(other.id == theirs.actor_id, other.custodian_state != state)
    )
    order = (Actor.created_at, Actor.id)
    query = select(Actor).where(Actor.custodian_state == state, matched)
    if after is not None:
        query = query.where(keyset.after(order, after))
    return list(await session.scalars(query.order_by(*order).limit(limit)))
