"""Keyset pagination: ``limit`` 1–200, an opaque cursor, and one page shape for every list.

A cursor is the sort key of the last item of a page, encoded opaquely. Services fetch
``limit + 1`` rows after the decoded position and hand them to :func:`page_of`, which cuts
the page and encodes the next cursor from the last item kept::

    after = decode_cursor(cursor, datetime, str)          # None on the first page
    rows = await repository.list_things(session, after=after, limit=limit + 1)
    return page_of(rows, limit, key=lambda t: (t.created_at, t.id))
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from agora_common.problems import Unprocessable
from agora_common.types import in_utc

T = TypeVar("T")
Position = str | int | date | datetime
"""One part of a sort key: text, an integer, a date or a timezone-aware timestamp."""

Limit = Annotated[int, Query(ge=1, le=200, description="Page size, 1–200.")]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="Opaque cursor from the previous page's `next_cursor`."),
]


# The example page's cursor: what encode_cursor gives for a (created_at, id) sort key.
EXAMPLE_CURSOR = "WyIyMDI2LTAzLTAyVDA5OjE1OjAwKzAwOjAwIiwiYWN0XzRmUjl6UTJtWGtMOHBWM25UNnlXYUEiXQ"


def _page_example(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """A page's OpenAPI example: one item, its model's first example, and a next cursor."""
    for klass in cls.__mro__:
        args = getattr(klass, "__pydantic_generic_metadata__", {}).get("args", ())
        if args:
            break
    else:
        return
    extra = getattr(args[0], "model_config", {}).get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    if isinstance(examples, list) and examples:
        schema["examples"] = [{"items": [examples[0]], "next_cursor": EXAMPLE_CURSOR}]


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next_cursor`` is null on the last page."""

    model_config = ConfigDict(json_schema_extra=_page_example)

    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    """What a service returns for a list: the page's items and the cursor of the next page."""

    items: list[T]
    next_cursor: str | None


def _plain(part: Position) -> str | int:
    if isinstance(part, datetime):
        if part.tzinfo is None:
            raise ValueError("a cursor holds only timezone-aware timestamps")
        return part.isoformat()
    if isinstance(part, date):
        return part.isoformat()
    return part


def encode_cursor(*position: Position) -> str:
    """The opaque cursor standing for a sort key."""
    raw = orjson.dumps([_plain(part) for part in position])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_INT64 = -(2**63)  # the range of a database BIGINT: [-2^63, 2^63)


def _not_issued() -> Unprocessable:
    return Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")


def _typed(part: Any, kind: type) -> Position:
    if kind is datetime:
        if not isinstance(part, str):
            raise ValueError("not a timestamp")
        return in_utc(datetime.fromisoformat(part))
    if kind is date:
        if not isinstance(part, str):
            raise ValueError("not a date")
        return date.fromisoformat(part)
    if kind is int:
        if not isinstance(part, int) or isinstance(part, bool) or not _INT64 <= part < -_INT64:
            raise ValueError("not a 64-bit integer")
        return part
    if not isinstance(part, str):
        raise ValueError("not text")
    return part


def decode_cursor(cursor: str | None, *kinds: type) -> Any:
    """The sort key a cursor stands for, typed by ``kinds`` (``str``, ``int``, ``date``,
    ``datetime``); None without a cursor; 422 for anything this API did not issue."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = orjson.loads(raw)
        if not isinstance(position, list) or len(position) != len(kinds):
            raise _not_issued()
        return tuple(_typed(part, kind) for part, kind in zip(position, kinds, strict=True))
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise _not_issued() from None


def page_of(rows: Sequence[T], limit: int, *, key: Callable[[T], tuple[Position, ...]]) -> Slice[T]:
    """Cut ``limit + 1`` fetched rows to a page; the next cursor is the last kept row's key."""
    items = list(rows[:limit])
    if len(rows) <= limit:
        return Slice(items, None)
    return Slice(items, encode_cursor(*key(items[-1])))


__all__ = [
    "Cursor",
    "Limit",
    "Page",
    "Position",
    "Slice",
    "decode_cursor",
    "encode_cursor",
    "page_of",
]
