"""Request and response bodies of FX rates."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from funding.fx.models import FxRate
from funding.schemas import DecimalString, IsoDate


class FxRateIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        # PUT /v1/funding/fx-rates/PLN: one złoty in euro.
        json_schema_extra={"examples": [{"eur_per_unit": "0.2315", "as_of": "2026-03-02"}]},
    )

    eur_per_unit: DecimalString
    as_of: IsoDate


class FxRateOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "currency": "PLN",
                    "eur_per_unit": "0.2315",
                    "as_of": "2026-03-02",
                    "set_at": "2026-03-02T16:05:00Z",
                }
            ]
        }
    )

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
