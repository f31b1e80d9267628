"""Shapes shared by the funding service's request bodies: dates, decimal strings, currencies."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    """Dates are ``YYYY-MM-DD`` strings: no timestamps, no numbers."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date in the form YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

# Money arrives as a decimal string; a JSON number could already have been rounded by a float.
DecimalString = Annotated[
    str,
    Field(
        strict=True,
        min_length=1,
        max_length=40,
        pattern=r"^[0-9]+(\.[0-9]+)?$",
        description='A decimal string such as "1250.00".',
        examples=["1250.00"],
    ),
]
CurrencyCode = Annotated[
    str, Field(strict=True, pattern=r"^[A-Z]{3}$", description="ISO 4217 code", examples=["EUR"])
]
