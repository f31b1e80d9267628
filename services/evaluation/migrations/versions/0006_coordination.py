"""Coordination: the evaluator roster, assignments, FX rates from funding, activities linked to
the commitment that funds them.

Revision ID: 0006
Revises: 0005
Create Date: 2027-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from agora_common.types import UTCDateTime
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluators",
        sa.Column("client_id", sa.String(100), primary_key=True),
        sa.Column("state", sa.String(16), nullable=True),
        sa.Column("enrolled_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_evaluators_enrolled", "evaluators", ["enrolled_at", "client_id"])

    op.create_table(
        "assignments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle_id", sa.String(32), sa.ForeignKey("cycles.id"), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("evaluator_id", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("cycle_id", "actor_id", "evaluator_id", name="uq_assignments_once"),
    )
    op.create_index("ix_assignments_cycle_created", "assignments", ["cycle_id", "created_at", "id"])
    op.create_index("ix_assignments_evaluator", "assignments", ["evaluator_id", "cycle_id"])
    op.create_index("ix_assignments_actor", "assignments", ["actor_id"])

    op.create_table(
        "fx_rates",
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("as_of", sa.Date(), primary_key=True),
        sa.Column("eur_per_unit", sa.String(40), nullable=False),
        sa.Column("event_time", UTCDateTime(), nullable=False),
    )

    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("commitment_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("funded_by", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("funded_by")
        batch.drop_column("commitment_id")
    op.drop_table("fx_rates")
    op.drop_index("ix_assignments_actor", table_name="assignments")
    op.drop_index("ix_assignments_evaluator", table_name="assignments")
    op.drop_index("ix_assignments_cycle_created", table_name="assignments")
    op.drop_table("assignments")
    op.drop_index("ix_evaluators_enrolled", table_name="evaluators")
    op.drop_table("evaluators")
