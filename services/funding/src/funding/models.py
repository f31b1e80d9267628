"""The funding service's declarative base; each feature package adds its tables."""

from __future__ import annotations

from agora_common import applied
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


# The record of applied Idempotency-Keys (agora_common.applied), written by each request's session.
applied.register(Base.metadata)


# Import the table modules so that Base.metadata knows every table (for Alembic).
from funding.actors_view import models as _actors_view  # noqa: E402, F401
from funding.commitments import models as _commitments  # noqa: E402, F401
from funding.donors import models as _donors  # noqa: E402, F401
from funding.fx import models as _fx  # noqa: E402, F401
from funding.overlaps import models as _overlaps  # noqa: E402, F401
from funding.programmes import models as _programmes  # noqa: E402, F401
from funding.reports import models as _reports  # noqa: E402, F401
