"""Request and response bodies of FX rates."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from funding.fx.models import FxRate
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

    @classmethod
    def of(cls, rate: FxRate) -> FxRateOut:
        return cls(
            currency=rate.currency,
            eur_per_unit=format(rate.eur_per_unit, "f"),
            as_of=rate.effective_on,
            set_at=rate.set_at,
        )
