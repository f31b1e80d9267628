"""HTTP endpoints of donors' export settings."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AgencyOrStewardCaller
from fastapi import APIRouter

from funding.donors import service
from funding.donors.schemas import DonorCodePath, DonorIn, DonorOut

router = APIRouter(prefix="/v1/funding/donors", tags=["Funding"])


@router.put("/{code}", response_model=DonorOut, summary="Set a donor's export settings")
async def set_donor(
    code: DonorCodePath, body: DonorIn, session: DbSession, caller: AgencyOrStewardCaller
) -> DonorOut:
    """The donor's IATI organisation identifier (the IATI export's reporting organisation and the
    360Giving export's funding organisation) and whether its confidential commitments are left
    out of exports (`omit`, the default) or exported marked confidential (`flag`). Only an agency
    or the steward of that state or donor; 403 for anyone else."""
    return DonorOut.of(await service.set_donor(session, caller=caller, code=code, data=body))


@router.get("/{code}", response_model=DonorOut, summary="Read a donor's export settings")
async def get_donor(
    code: DonorCodePath, session: DbSession, caller: AgencyOrStewardCaller
) -> DonorOut:
    """The donor's export settings (the defaults, `iati_org_ref: null` and `omit`, until it sets
    them). Only an agency or the steward of that state or donor; 403 for anyone else."""
    return DonorOut.of(await service.get_donor(session, caller=caller, code=code))
