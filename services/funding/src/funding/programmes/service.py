"""Rules of joint programmes: donors who fund one actor together on purpose."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.ids import ID_PATTERN, new_id
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Forbidden, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.programmes import repository
from funding.programmes.models import Programme, ProgrammeDonor
from funding.programmes.schemas import ProgrammeCreate


class NoDonorState(Forbidden):
    title = "No donor"


def _donor_of(caller: Identity) -> str:
    if not caller.state:
        raise NoDonorState("Only an agency of a state or a donor takes part in programmes.")
    return caller.state


async def create_programme(
    session: AsyncSession, *, caller: Identity, data: ProgrammeCreate
) -> Programme:
    """A joint programme of ``data.donors``, which must include the caller's state."""
    donor = _donor_of(caller)
    donors = sorted(set(data.donors))
    if donor not in donors:
        raise Unprocessable.field(["body", "donors"], "Must include the caller's own state.")
    if len(donors) < 2:
        raise Unprocessable.field(["body", "donors"], "A joint programme needs two donors.")
    now = datetime.now(UTC)
    programme = Programme(id=new_id("prg"), name=data.name, created_by=donor, created_at=now)
    programme.donors = [
        ProgrammeDonor(programme_id=programme.id, donor=d, joined_at=now) for d in donors
    ]
    await repository.add_programme(session, programme)
    return programme


async def list_programmes(
    session: AsyncSession, *, caller: Identity, cursor: str | None, limit: int
) -> Slice[Programme]:
    """One page of the programmes the caller's state takes part in, newest first."""
    donor = _donor_of(caller)
    after = decode_cursor(cursor, datetime, str)
    if after is not None and not re.fullmatch(ID_PATTERN, after[1]):
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    rows = await repository.donor_programmes(session, donor=donor, after=after, limit=limit + 1)
    return page_of(rows, limit, key=lambda p: (p.created_at, p.id))


async def programme_of_donor(
    session: AsyncSession, *, programme_id: str, donor: str
) -> Programme | None:
    """The programme if ``donor`` is one of its donors; None otherwise (existence not told)."""
    programme = await repository.get_programme(session, programme_id)
    if programme is None or donor not in {d.donor for d in programme.donors}:
        return None
    return programme
