"""HTTP endpoint of possible duplicates across states.

``/duplicates`` is declared (see main's router list) before ``/{actor_id}`` so the path
parameter never captures it.
"""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter

from actors.dependencies import CallerState
from actors.duplicates import service
from actors.duplicates.schemas import DuplicatePage

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


@router.get(
    "/duplicates",
    response_model=DuplicatePage,
    summary="The caller's actors that another state may also hold",
)
async def list_duplicates(
    state: CallerState, session: DbSession, limit: Limit = 50, cursor: Cursor = None
) -> DuplicatePage:
    """The caller's own actors whose legal name (after normalising case, diacritics, word order
    and Cyrillic/Latin transliteration), email or phone matches an actor another state
    registered: that state and what matched, never the other actor's id or data. Both
    custodians see the match, each from its own actor. In registration order."""
    page = await service.list_duplicates(session, state=state, cursor=cursor, limit=limit)
    return DuplicatePage(items=page.items, next_cursor=page.next_cursor)
