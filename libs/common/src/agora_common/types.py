"""Column types that keep their meaning on both SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: use UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def in_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; ValueError when it is naive or has no UTC equivalent (year 1 at +14:00,
    year 9999 at -14:00), so callers answer 422 instead of failing later in the database."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp needs a UTC offset")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("a timestamp out of range") from None


def query_moments(**moments: datetime | None) -> dict[str, datetime | None]:
    """Query timestamps (``since``, ``until``…) in UTC; a 422 naming the parameter otherwise."""
    from agora_common.problems import Unprocessable

    checked: dict[str, datetime | None] = {}
    for name, moment in moments.items():
        try:
            checked[name] = None if moment is None else in_utc(moment)
        except ValueError:
            raise Unprocessable.field(
                ["query", name], "A timestamp needs a UTC offset and a year 1–9999 in UTC."
            ) from None
    return checked
