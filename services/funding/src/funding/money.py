"""Money: ISO 4217 currencies with their minor units, and exact amounts in minor units.

The currency table is ISO's own list (the ``iso4217`` package ships the maintenance agency's
XML, republished with each amendment); pycountry has the codes but not the minor units.
Amounts are stored as integers of the currency's minor unit, exact on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from iso4217 import Currency

EUR = "EUR"
# The largest amount accepted, in whole units: its minor units still fit a 64-bit integer.
MAX_WHOLE_DIGITS = 15
_PLAIN_DECIMAL = re.compile(r"^[0-9]+(\.[0-9]+)?$")


class MoneyError(ValueError):
    """An amount or currency this service does not accept (the message names no value)."""


def minor_units(currency: str) -> int:
    """The number of decimals of ``currency``; MoneyError for codes without a minor unit."""
    try:
        exponent = Currency(currency).exponent
    except ValueError:
        raise MoneyError("Not an ISO 4217 currency code.") from None
    if exponent is None:  # funds, metals, testing codes: no money to commit in
        raise MoneyError("This ISO 4217 code has no minor unit; use a currency.")
    return int(exponent)


def parse_decimal(text: str) -> Decimal:
    """A finite, positive decimal from its plain text form (no exponent, no sign)."""
    if len(text) > 40 or not _PLAIN_DECIMAL.fullmatch(text):
        raise MoneyError('Must be a positive decimal string such as "1250.00".')
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise MoneyError('Must be a positive decimal string such as "1250.00".') from None
    if not value.is_finite() or value <= 0:
        raise MoneyError("Must be greater than zero.")
    return value


def to_minor(amount: str, currency: str) -> int:
    """``amount`` in minor units of ``currency``; more decimals than it has are refused, never rounded."""
    value = parse_decimal(amount)
    exponent = minor_units(currency)
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"The currency allows at most {exponent} decimals.")
    if value >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise MoneyError("Amount too large.")
    return int(scaled)


def from_minor(amount_minor: int, exponent: int) -> Decimal:
    """The decimal amount of ``amount_minor`` units of 10^-exponent, with exactly ``exponent`` decimals."""
    return Decimal(amount_minor).scaleb(-exponent)


def format_amount(amount_minor: int, exponent: int) -> str:
    return str(from_minor(amount_minor, exponent))


def format_eur_cents(cents: int) -> str:
    """EUR cents as a decimal string with two decimals."""
    return str(Decimal(cents).scaleb(-2))
