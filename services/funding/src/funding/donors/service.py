"""Donors' export settings: only the donor's own agencies and steward read or change them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.problems import Forbidden
from sqlalchemy.ext.asyncio import AsyncSession

from funding.donors import repository
from funding.donors.schemas import ConfidentialInExports, DonorIn


class NotThisDonor(Forbidden):
    title = "Not this donor"


@dataclass(frozen=True, slots=True)
class DonorSettings:
    """What the exports need to know of a donor; the defaults for a donor that set nothing."""

    code: str
    iati_org_ref: str | None = None
    confidential_in_exports: ConfidentialInExports = ConfidentialInExports.omit
    updated_at: datetime | None = None


def _check_own(caller: Identity, code: str) -> None:
    if caller.state != code:
        raise NotThisDonor("Only the donor's own agencies and steward may use its settings.")


async def settings_of(session: AsyncSession, *, code: str) -> DonorSettings:
    """The donor's settings, or the defaults when it never set any (for the exports)."""
    donor = await repository.get_donor(session, code)
    if donor is None:
        return DonorSettings(code=code)
    return DonorSettings(
        code=donor.code,
        iati_org_ref=donor.iati_org_ref,
        confidential_in_exports=ConfidentialInExports(donor.confidential_in_exports),
        updated_at=donor.updated_at,
    )


async def get_donor(session: AsyncSession, *, caller: Identity, code: str) -> DonorSettings:
    """The donor's own settings; 403 for another donor's."""
    _check_own(caller, code)
    return await settings_of(session, code=code)


async def set_donor(
    session: AsyncSession, *, caller: Identity, code: str, data: DonorIn
) -> DonorSettings:
    """Replace the donor's settings; 403 unless the caller acts for that donor."""
    _check_own(caller, code)
    await repository.save_donor(
        session,
        code=code,
        iati_org_ref=data.iati_org_ref,
        confidential_in_exports=data.confidential_in_exports.value,
        updated_at=datetime.now(UTC),
        updated_by=caller.client_id,
    )
    return await settings_of(session, code=code)
