"""Keyset paging in SQL: the rows after a page's last sort key."""

from __future__ import annotations

from typing import Any

from agora_common.pagination import Position
from sqlalchemy import ColumnElement, literal, tuple_


def after(columns: tuple[Any, ...], position: tuple[Position, ...]) -> ColumnElement[bool]:
    """Rows after ``position`` in the order of ``columns`` (a row-value comparison, which the
    index on those columns serves); each value is bound with its column's type."""
    values = (literal(value, column.type) for column, value in zip(columns, position, strict=True))
    return tuple_(*columns) > tuple_(*values)
