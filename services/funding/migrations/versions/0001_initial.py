"""The funding service's first tables: outbox, inbox and the actor read model.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from agora_common.tables import create_messaging_tables
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_messaging_tables()
    op.create_table(
        "known_actors",
        sa.Column("actor_id", sa.String(32), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("host_country", sa.String(2), nullable=False),
        sa.Column("custodian_state", sa.String(16), nullable=False),
        sa.Column("erased", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("known_actors")
    op.drop_table("inbox")
    op.drop_table("outbox")
