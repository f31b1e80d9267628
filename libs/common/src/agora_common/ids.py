"""Opaque random ids: the one id format of every service and of the gateway."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

ID_MAX_LENGTH = 64
ID_PATTERN = rf"^[A-Za-z0-9_-]{{1,{ID_MAX_LENGTH}}}$"  # URL-safe tokens, never sequential


def new_id(prefix: str) -> str:
    """A random, opaque id (128 bits, never sequential), e.g. ``act_…``."""
    return f"{prefix}_{secrets.token_urlsafe(16)}"


OpaqueId = Annotated[str, Field(pattern=ID_PATTERN, description="An opaque id.")]
"""An id in a request or response body."""


def id_path(what: str) -> object:
    """A path parameter holding the opaque id of ``what`` (e.g. ``"actor"``)."""
    return Path(pattern=ID_PATTERN, description=f"The {what}'s opaque id.")


def id_query(what: str) -> object:
    """An optional query filter holding the opaque id of ``what``."""
    return Query(pattern=ID_PATTERN, description=f"Only those of this {what} (its opaque id).")


__all__ = ["ID_MAX_LENGTH", "ID_PATTERN", "OpaqueId", "id_path", "id_query", "new_id"]
