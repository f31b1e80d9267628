"""The table of donors' export settings (one row per donor code that has set any)."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base


class Donor(Base):
    """A donor's settings; a donor without a row exports with the documented defaults."""

    __tablename__ = "donors"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    # The donor's IATI organisation identifier (e.g. "GB-GOV-1"): reporting-org in IATI and the
    # funding organisation's id in 360Giving.
    iati_org_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # "omit" leaves confidential commitments out of exports; "flag" exports them marked as such.
    confidential_in_exports: Mapped[str] = mapped_column(String(8), default="omit")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(64))
