"""Keyset pagination: ``limit`` 1–200 and an opaque cursor."""

from __future__ import annotations

import base64
from typing import Annotated, Any

import orjson
from fastapi import Query

from agora_common.problems import Unprocessable

Limit = Annotated[int, Query(ge=1, le=200, description="Page size, 1–200.")]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="Opaque cursor from the previous page's `next_cursor`."),
]


def encode_cursor(position: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(position)).decode().rstrip("=")


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    """The position a cursor stands for; 422 for anything this API did not issue."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = orjson.loads(raw)
    except (ValueError, orjson.JSONDecodeError):
        position = None
    if not isinstance(position, list) or len(position) != arity:
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    if not all(isinstance(p, str | int) for p in position):
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    return position
