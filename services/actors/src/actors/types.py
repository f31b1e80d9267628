"""Validated codes, dates and texts shared by the registry's features, from maintained sources."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# A date "today" somewhere on Earth may be tomorrow in UTC; later than that is in the future.
FUTURE_LEEWAY = timedelta(days=1)
EARLIEST_DATE = date(1900, 1, 1)

# Every code the statistics report on, from the maintained ISO lists (never a hand list).
COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)
RUSSIAN_REGIONS = sorted(s.code for s in pycountry.subdivisions.get(country_code="RU"))


def utc_today() -> date:
    return datetime.now(UTC).date()


def _country(code: str) -> str:
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError("not an ISO 3166-1 alpha-2 country code")
    return code


def _russian_region(code: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None or subdivision.country_code != "RU":
        raise ValueError("not an ISO 3166-2:RU region code")
    return code


def _state(code: str) -> str:
    # A state is an ISO 3166-1 alpha-2 country; a foundation takes part with a donor code.
    if len(code) == 2:
        return _country(code)
    return code


def _not_future(day: date) -> date:
    if day > utc_today() + FUTURE_LEEWAY:
        raise ValueError("must not be in the future")
    if day < EARLIEST_DATE:
        raise ValueError("must not be before 1900-01-01")
    return day


def _sane(day: date) -> date:
    if not EARLIEST_DATE <= day <= date(2200, 1, 1):
        raise ValueError("must be between 1900-01-01 and 2200-01-01")
    return day


def unique(values: list[StrEnum]) -> list[StrEnum]:
    if len(set(values)) != len(values):
        raise ValueError("must not repeat a value")
    return values


CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2", examples=["DE"]),
    AfterValidator(_country),
]
RegionCode = Annotated[
    str,
    Field(pattern=r"^RU-[A-Z]{2,3}$", description="ISO 3166-2:RU", examples=["RU-TA"]),
    AfterValidator(_russian_region),
]
StateCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2,16}$",
        description="ISO 3166-1 alpha-2 state, or a donor code of 3–16 capitals",
        examples=["FR"],
    ),
    AfterValidator(_state),
]
PastDate = Annotated[date, AfterValidator(_not_future)]
SaneDate = Annotated[date, AfterValidator(_sane)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
