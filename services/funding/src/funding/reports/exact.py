"""Exact EUR-cent arithmetic in SQL, on both databases.

PostgreSQL converts and sums in NUMERIC, which cannot overflow. SQLite has no exact decimal type,
so the conversion is a deterministic SQL function of this module computed with Python's
``Decimal`` in a context precise enough to never round before the final half-up step, and sums
use an exact aggregate of this module instead of SQLite's ``sum``, which fails past 2^63. Both give
an INTEGER while a value fits 64 bits and otherwise its digits as zero-padded TEXT of a fixed
width: SQLite orders and compares that TEXT above every INTEGER and among itself by value,
``CAST(... AS REAL)`` reads it, and Python's ``int`` parses it back exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, literal
from sqlalchemy.ext.asyncio import AsyncSession

from funding.commitments.models import Commitment
from funding.money import EUR

SQLITE_EUR_CENTS = "agora_eur_cents"
SQLITE_SUM = "agora_exact_sum"
# An amount (< 10^15 minor units, 16 digits) times a rate (at most 24 digits) times 10^2 has at
# most 42 digits: 100 keeps every product exact; only the final quantize rounds (half up).
_CONVERSION = Context(prec=100, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
_INT64_MAX = 2**63 - 1
# One converted amount is below 10^15 minor units × 10^12 EUR per unit (the largest rate) × 10^2
# = 10^29 cents: a sum reaches 10^60 only past 10^31 commitments.
_WIDE_DIGITS = 60


def _sqlite_integer(value: int) -> int | str:
    """``value`` as SQLite takes it: INTEGER while it fits 64 bits, else fixed-width TEXT."""
    if -_INT64_MAX <= value <= _INT64_MAX:
        return value
    return f"{value:0{_WIDE_DIGITS}d}"


def sqlite_eur_cents(
    amount_minor: int | None, minor_units: int | None, rate: str | None
) -> int | str | None:
    """EUR cents of ``amount_minor`` at ``rate`` EUR per unit, exact, rounded half up."""
    if amount_minor is None or minor_units is None or rate is None:
        return None
    cents = _CONVERSION.multiply(
        _CONVERSION.multiply(Decimal(amount_minor), Decimal(rate)),
        Decimal(1).scaleb(2 - minor_units),
    )
    return _sqlite_integer(int(_CONVERSION.quantize(cents, Decimal(1))))


class _ExactSum:
    """SQLite aggregate: the exact sum of INTEGER (or wide TEXT) values; NULL if there are none."""

    def __init__(self) -> None:
        self.total: int | None = None

    def step(self, value: int | str | None) -> None:
        if value is not None:
            self.total = (self.total or 0) + int(value)

    def finalize(self) -> int | str | None:
        return None if self.total is None else _sqlite_integer(self.total)


async def prepare_exact(session: AsyncSession) -> bool:
    """Whether this is SQLite; there, make the conversion and sum functions known."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return False
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # aiosqlite: runs calls on its connection's thread
    await driver.create_function(SQLITE_EUR_CENTS, 3, sqlite_eur_cents, deterministic=True)
    await driver._execute(driver._conn.create_aggregate, SQLITE_SUM, 1, _ExactSum)
    return True


def exact_sum(sqlite: bool, value: Any) -> ColumnElement[Any]:
    """The exact sum of integer cents: NUMERIC on PostgreSQL, the exact aggregate on SQLite."""
    if sqlite:
        return getattr(func, SQLITE_SUM)(value)
    return func.sum(value)


def eur_cents(sqlite: bool, rates: Any, minor: Any) -> ColumnElement[Any]:
    """The EUR cents of ``minor`` units of each commitment's currency (NULL for permits)."""
    if sqlite:
        converted: ColumnElement[Any] = getattr(func, SQLITE_EUR_CENTS)(
            minor, Commitment.minor_units, cast(rates.c.eur_per_unit, String)
        )
    else:
        to_cents = case(
            (Commitment.minor_units == 0, literal(Decimal(100))),
            (Commitment.minor_units == 1, literal(Decimal(10))),
            (Commitment.minor_units == 2, literal(Decimal(1))),
            (Commitment.minor_units == 3, literal(Decimal("0.1"))),
            else_=literal(Decimal("0.01")),
        )
        # NUMERIC throughout: no conversion or sum can overflow.
        converted = func.round(minor * rates.c.eur_per_unit * to_cents)
    return case(
        (Commitment.amount_minor.is_(None), None),
        (Commitment.currency == EUR, minor),
        else_=converted,
    )
