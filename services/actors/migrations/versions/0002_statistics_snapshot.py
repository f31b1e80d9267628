"""Statistics snapshots: a change counter per actor and the last published statistics.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from agora_common.types import UTCDateTime
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Changes that statistics count (registration, counted updates, erasure), summed over
    # actors and tombstones; an existing actor counts as one change.
    for table in ("actors", "erased_actors"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("statistics_changes", sa.Integer(), nullable=False, server_default="1")
            )
    snapshot = op.create_table(
        "statistics_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("changes", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("taken_at", UTCDateTime(), nullable=True),
    )
    op.bulk_insert(snapshot, [{"id": 1, "changes": 0, "body": None, "taken_at": None}])


def downgrade() -> None:
    op.drop_table("statistics_snapshot")
    for table in ("erased_actors", "actors"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("statistics_changes")
