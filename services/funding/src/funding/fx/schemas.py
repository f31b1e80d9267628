"""Request and response bodies of FX rates."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from funding.schemas import DecimalString, IsoDate


class FxRateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    eur_per_unit: DecimalString
    as_of: IsoDate


class FxRateOut(BaseModel):
    currency: str
    eur_per_unit: str
    as_of: date
    set_at: datetime
