"""Widen every column holding an actor id to 64 characters, as the id pattern allows.

Funding widened its copy in its 0002; the registry's ids match ``^[A-Za-z0-9_-]{1,64}$``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("known_actors", "conflicts", "assessments", "activities", "funded_commitments")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "actor_id",
                existing_type=sa.String(32),
                type_=sa.String(64),
                existing_nullable=False,
            )


def downgrade() -> None:
    for table in reversed(_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "actor_id",
                existing_type=sa.String(64),
                type_=sa.String(32),
                existing_nullable=False,
            )
