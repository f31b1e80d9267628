"""Exchange rates to EUR that operators set, each effective from a date."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from agora_common.types import UTCDateTime
from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base
from funding.types import ExactDecimal


class FxRate(Base):
    __tablename__ = "fx_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    effective_on: Mapped[date] = mapped_column(Date, primary_key=True)
    eur_per_unit: Mapped[Decimal] = mapped_column(ExactDecimal())
    set_at: Mapped[datetime] = mapped_column(UTCDateTime())
