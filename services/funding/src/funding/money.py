"""Money: ISO 4217 currencies with their minor units, and exact amounts in minor units.

The currency table is ISO's own list (the ``iso4217`` package ships the maintenance agency's
XML, republished with each amendment); pycountry has the codes but not the minor units.
Amounts are stored as integers of the currency's minor unit, exact on SQLite and PostgreSQL.

Bounds. An amount is below ``MAX_AMOUNT_MINOR`` = 10^15 minor units of its currency (under
10 trillion EUR; under 100 billion CLF, whose unit has 4 decimals). A BIGINT column holds up to
9.2 * 10^18, so one amount, a commitment's disbursement total (never above its amount) and the
sum of 9,223 maximal amounts all fit. Report sums never rely on that headroom: PostgreSQL
converts to EUR and sums in NUMERIC, and SQLite sums with an exact aggregate of
``funding.reports.repository`` that cannot overflow.

Exactness. Text is parsed and scaled in a local decimal context with ample precision and the
Inexact and Rounded traps on: an amount with more decimals than its currency, or with more
digits than any context would keep, is refused, never rounded; zeros past the currency's
decimals ("1.000" EUR) are exact and accepted.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, InvalidOperation, Rounded, localcontext

from iso4217 import Currency

EUR = "EUR"
# Amounts are below this many minor units (exclusive): see the module's docstring.
MAX_AMOUNT_MINOR = 10**15
MAX_TEXT_LENGTH = 40
# Enough for every digit of a 40-character text scaled by 10^4: nothing is ever rounded.
EXACT = Context(prec=100, traps=[InvalidOperation, Inexact, Rounded])
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
    if len(text) > MAX_TEXT_LENGTH or not _PLAIN_DECIMAL.fullmatch(text):
        raise MoneyError('Must be a positive decimal string such as "1250.00".')
    try:
        with localcontext(EXACT):
            value = +Decimal(text)  # unary plus applies the context: any rounding raises
    except (InvalidOperation, Inexact, Rounded):
        raise MoneyError('Must be a positive decimal string such as "1250.00".') from None
    if not value.is_finite() or value <= 0:
        raise MoneyError("Must be greater than zero.")
    return value


def to_minor(amount: str, currency: str) -> int:
    """``amount`` in minor units of ``currency``; more decimals than it has are refused, never rounded."""
    value = parse_decimal(amount)
    exponent = minor_units(currency)
    try:
        with localcontext(EXACT):
            scaled = value.scaleb(exponent)
    except (InvalidOperation, Inexact, Rounded):
        raise MoneyError(f"The currency allows at most {exponent} decimals.") from None
    # Exact rational arithmetic: trailing zeros are fine ("1.000" EUR), any other digit is not.
    if scaled.as_integer_ratio()[1] != 1:
        raise MoneyError(f"The currency allows at most {exponent} decimals.")
    if scaled >= MAX_AMOUNT_MINOR:
        raise MoneyError(
            f"Must be less than {format_amount(MAX_AMOUNT_MINOR, exponent)} in this currency."
        )
    return int(scaled)


def from_minor(amount_minor: int, exponent: int) -> Decimal:
    """The decimal amount of ``amount_minor`` units of 10^-exponent, with exactly ``exponent`` decimals."""
    with localcontext(EXACT):
        return Decimal(amount_minor).scaleb(-exponent)


def format_amount(amount_minor: int, exponent: int) -> str:
    return str(from_minor(amount_minor, exponent))


def format_eur_cents(cents: int) -> str:
    """EUR cents as a decimal string with two decimals."""
    return format_amount(cents, 2)
