"""The evaluation service's declarative base; each feature package adds its tables."""

from __future__ import annotations

from agora_common import applied
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


# The record of applied Idempotency-Keys (agora_common.applied), written by each request's session.
applied.register(Base.metadata)


# Import the table modules so that Base.metadata knows every table (for Alembic).
from evaluation.activities import models as _activities  # noqa: E402, F401
from evaluation.actors_view import models as _actors_view  # noqa: E402, F401
from evaluation.assessments import models as _assessments  # noqa: E402, F401
from evaluation.assignments import models as _assignments  # noqa: E402, F401
from evaluation.conflicts import models as _conflicts  # noqa: E402, F401
from evaluation.cycles import models as _cycles  # noqa: E402, F401
from evaluation.evaluators import models as _evaluators  # noqa: E402, F401
from evaluation.funding_view import models as _funding_view  # noqa: E402, F401
from evaluation.reports import models as _reports  # noqa: E402, F401
