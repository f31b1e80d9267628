"""The gateway's declarative base; each feature package adds its tables."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


# BigInteger on PostgreSQL, INTEGER (the rowid alias, so autoincrement works) on SQLite.
Seq = BigInteger().with_variant(Integer(), "sqlite")

# Import the table modules so that Base.metadata knows every table (for Alembic).
from gateway.audit import models as _audit  # noqa: E402, F401
from gateway.clients import models as _clients  # noqa: E402, F401
from gateway.idempotency import models as _idempotency  # noqa: E402, F401
from gateway.webhooks import models as _webhooks  # noqa: E402, F401
