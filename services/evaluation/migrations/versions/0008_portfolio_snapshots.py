"""The portfolio kept per cycle (``portfolio_snapshots``, ``portfolio_items``) and the version of
its inputs (``report_inputs``, one row, bumped by every change a portfolio can see).

Revision ID: 0008
Revises: 0007
Create Date: 2027-03-15
"""

from collections.abc import Sequence

import sqlalchemy as sa
from agora_common.types import UTCDateTime
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    inputs = op.create_table(
        "report_inputs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(inputs, [{"id": 1, "version": 0}])
    op.create_table(
        "portfolio_snapshots",
        sa.Column("cycle_id", sa.String(32), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.Column("actors", sa.Integer(), nullable=False),
        sa.Column("totals", sa.Text(), nullable=False),
    )
    op.create_table(
        "portfolio_items",
        sa.Column("cycle_id", sa.String(32), primary_key=True),
        sa.Column(
            "actor_id",
            sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql"),
            primary_key=True,
        ),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_index("ix_portfolio_items_actor", "portfolio_items", ["actor_id"])


def downgrade() -> None:
    op.drop_index("ix_portfolio_items_actor", table_name="portfolio_items")
    op.drop_table("portfolio_items")
    op.drop_table("portfolio_snapshots")
    op.drop_table("report_inputs")
