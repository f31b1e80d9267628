"""Load-or-fail dependencies for the commitment named in the path."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller
from fastapi import Depends

from funding.commitments import service
from funding.commitments.models import Commitment
from funding.dependencies import CommitmentId


async def readable_commitment(
    session: DbSession, caller: AgencyCaller, commitment_id: CommitmentId
) -> Commitment:
    return await service.get_commitment(session, caller=caller, commitment_id=commitment_id)


async def own_commitment(
    session: DbSession, caller: AgencyCaller, commitment_id: CommitmentId
) -> Commitment:
    return await service.own_commitment(session, caller=caller, commitment_id=commitment_id)


ReadableCommitment = Annotated[Commitment, Depends(readable_commitment)]
"""The commitment with its disbursements, for any agency (coordination); 404 if there is none or
it is another donor's confidential commitment."""

OwnCommitment = Annotated[Commitment, Depends(own_commitment)]
"""The calling donor's own commitment, locked for change; 403 for another donor's, 404 if none
(or another donor's confidential one, whose existence a 403 would reveal)."""
