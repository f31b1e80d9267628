"""Versions of the concentration report's inputs (``report_inputs``, 16 rows): every change
that alters the report bumps one in its transaction, and a report kept by a process is answered
again only while the versions it was computed at still hold.

Revision ID: 0009
Revises: 0008
Create Date: 2027-03-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHARDS = 16  # funding.reports.models.INPUT_SHARDS


def upgrade() -> None:
    table = op.create_table(
        "report_inputs",
        sa.Column("shard", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(table, [{"shard": s, "version": 0} for s in range(SHARDS)])


def downgrade() -> None:
    op.drop_table("report_inputs")
