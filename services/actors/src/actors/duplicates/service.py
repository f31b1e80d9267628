"""Possible duplicates across states: fingerprint an actor's identity, report the matches.

A match tells each custodian which *other state* holds an actor with the same legal name or
contact, and on what; never that actor's id or data (its custodian may grant access).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agora_common.events import CloudEvent
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_contracts.events import DuplicateSuspected
from sqlalchemy.ext.asyncio import AsyncSession

from actors.duplicates import repository
from actors.duplicates.fingerprints import KINDS, IdentityKey
from actors.duplicates.repository import Match
from actors.duplicates.schemas import DuplicateOut, PossibleDuplicate
from actors.events import published
from actors.models import Actor


def duplicate_suspected(
    *, match_id: str, states: list[str], matched_on: list[str]
) -> tuple[str, CloudEvent]:
    """The event of a new match: the two states and what matched, no actor id."""
    data = DuplicateSuspected(match_id=match_id, states=states, matched_on=matched_on)
    return published.EVENTS.event("duplicate_suspected", match_id, data.to_data())


def _by_state(matches: Sequence[Match]) -> list[PossibleDuplicate]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for match in matches:
        kinds[match.other_state].add(match.kind)
    return [
        PossibleDuplicate(custodian_state=state, matched_on=[k for k in KINDS if k in kinds[state]])
        for state in sorted(kinds)
    ]


async def record_identity(
    session: AsyncSession, *, actor: Actor, personal: dict[str, Any], key: IdentityKey
) -> list[PossibleDuplicate]:
    """Store the actor's identity fingerprints; publish each new match with another custodian's
    actor and return the states that hold one."""
    before = {m.other_actor_id for m in await repository.matches_of(session, [actor.id])}
    await repository.replace_fingerprints(session, actor.id, key.fingerprints(personal))
    matches = await repository.matches_of(session, [actor.id])
    new: dict[str, list[Match]] = defaultdict(list)
    for match in matches:
        if match.other_actor_id not in before:
            new[match.other_actor_id].append(match)
    for other_actor_id, pair in sorted(new.items()):
        await enqueue(
            session,
            *duplicate_suspected(
                match_id=key.match_id(actor.id, other_actor_id),
                states=sorted({actor.custodian_state, pair[0].other_state}),
                matched_on=[k for k in KINDS if k in {m.kind for m in pair}],
            ),
        )
    return _by_state(matches)


async def list_duplicates(
    session: AsyncSession, *, state: str, cursor: str | None, limit: int
) -> Slice[DuplicateOut]:
    """The state's own actors with a possible duplicate held by another state, paged."""
    after = decode_cursor(cursor, datetime, str)
    rows = await repository.actors_with_matches(session, state, after=after, limit=limit + 1)
    page = page_of(rows, limit, key=lambda a: (a.created_at, a.id))
    matches: dict[str, list[Match]] = defaultdict(list)
    for match in await repository.matches_of(session, [a.id for a in page.items]):
        matches[match.actor_id].append(match)
    return Slice(
        [
            DuplicateOut(
                actor_id=actor.id,
                public_name=actor.public_name,
                possible_duplicates=_by_state(matches[actor.id]),
            )
            for actor in page.items
        ],
        page.next_cursor,
    )
