"""Rules of FX rates: operators set a rate to EUR per currency, effective from a date."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.outbox import enqueue
from agora_common.problems import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.events import published
from funding.fx import repository
from funding.fx.models import FxRate
from funding.fx.schemas import FxRateIn
from funding.money import EUR, MoneyError, minor_units, parse_decimal
from funding.reports import totals

MAX_RATE_DECIMALS = 12
MAX_RATE_WHOLE_DIGITS = 12


async def set_rate(session: AsyncSession, *, currency: str, data: FxRateIn) -> FxRate:
    """Set (or correct) the EUR rate of ``currency`` effective from ``data.as_of``; publish it."""
    if currency == EUR:
        raise Unprocessable.field(["path", "currency"], "EUR is the reporting currency.")
    try:
        minor_units(currency)
    except MoneyError as exc:
        raise Unprocessable.field(["path", "currency"], str(exc)) from None
    try:
        value = parse_decimal(data.eur_per_unit)
    except MoneyError as exc:
        raise Unprocessable.field(["body", "eur_per_unit"], str(exc)) from None
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_RATE_DECIMALS or value.adjusted() >= MAX_RATE_WHOLE_DIGITS:
        # Refused, never rounded: a rate is stored exactly as the operator gave it.
        raise Unprocessable.field(
            ["body", "eur_per_unit"],
            f"At most {MAX_RATE_WHOLE_DIGITS} digits before and {MAX_RATE_DECIMALS} after the point.",
        )
    rate = await repository.get_rate(session, currency, data.as_of)
    if rate is None:
        rate = FxRate(currency=currency, effective_on=data.as_of)
    rate.eur_per_unit = value
    rate.set_at = datetime.now(UTC)
    await repository.save_rate(session, rate)
    await totals.note_report_change(session, currency)  # reports convert with it
    await enqueue(session, *published.fx_rate_set(rate))
    return rate
