"""All SQL of donors' export settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from funding.donors.models import Donor


async def get_donor(session: AsyncSession, code: str) -> Donor | None:
    return await session.get(Donor, code)


async def save_donor(
    session: AsyncSession,
    *,
    code: str,
    iati_org_ref: str,
    confidential_in_exports: str,
    updated_at: datetime,
    updated_by: str,
) -> Donor:
    """Insert or replace the donor's settings in one statement (two first PUTs at once both
    succeed, one after the other, instead of one failing on the primary key)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {
        "iati_org_ref": iati_org_ref,
        "confidential_in_exports": confidential_in_exports,
        "updated_at": updated_at,
        "updated_by": updated_by,
    }
    insert = dialect.insert(Donor).values(code=code, version=1, **values)
    statement = insert.on_conflict_do_update(
        index_elements=[Donor.code], set_={**values, "version": Donor.version + 1}
    ).returning(Donor)
    donor = (
        await session.execute(statement, execution_options={"populate_existing": True})
    ).scalar_one()
    return donor
