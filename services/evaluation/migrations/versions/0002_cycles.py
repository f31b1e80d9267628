"""Evaluation cycles, conflicts, assessments, activities and the funding read model.

Also lets the actor read model keep tombstones of erased actors whose attributes it never saw.

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
    with op.batch_alter_table("known_actors") as batch:
        batch.alter_column("kind", existing_type=sa.String(20), nullable=True)
        batch.alter_column("sectors", existing_type=sa.JSON(), nullable=True)
        batch.alter_column("host_country", existing_type=sa.String(2), nullable=True)
        batch.alter_column("custodian_state", existing_type=sa.String(16), nullable=True)
        batch.add_column(sa.Column("origin_region", sa.String(8), nullable=True))

    op.create_table(
        "funded_commitments",
        sa.Column("commitment_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("donor", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("instrument", sa.String(32), nullable=True),
        sa.Column("amount", sa.String(40), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("disbursed_total", sa.String(40), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_funded_commitments_actor_donor", "funded_commitments", ["actor_id", "donor"]
    )

    op.create_table(
        "cycles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_cycles_created", "cycles", ["created_at", "id"])

    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("evaluator_id", sa.String(100), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("declared_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("evaluator_id", "actor_id", name="uq_conflicts_evaluator"),
    )
    op.create_index("ix_conflicts_actor_id", "conflicts", ["actor_id"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle_id", sa.String(32), sa.ForeignKey("cycles.id"), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("evaluator_id", sa.String(100), nullable=False),
        sa.Column("evaluator_state", sa.String(16), nullable=True),
        sa.Column("standards_and_visions", sa.Integer(), nullable=False),
        sa.Column("knowledge_generation", sa.Integer(), nullable=False),
        sa.Column("domestic_outreach", sa.Integer(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("cycle_id", "actor_id", "evaluator_id", name="uq_assessments_once"),
    )
    op.create_index(
        "ix_assessments_cycle_submitted", "assessments", ["cycle_id", "submitted_at", "id"]
    )
    op.create_index("ix_assessments_actor", "assessments", ["actor_id"])

    op.create_table(
        "activities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("cycle_id", sa.String(32), sa.ForeignKey("cycles.id"), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants_total", sa.Integer(), nullable=False),
        sa.Column("participants_women", sa.Integer(), nullable=False),
        sa.Column("participants_non_russian", sa.Integer(), nullable=False),
        sa.Column("audience_inside_russia", sa.Integer(), nullable=True),
        sa.Column("reported_by", sa.String(16), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_activities_cycle_actor", "activities", ["cycle_id", "actor_id"])
    op.create_index("ix_activities_actor", "activities", ["actor_id"])


def downgrade() -> None:
    op.drop_table("activities")
    op.drop_table("assessments")
    op.drop_table("conflicts")
    op.drop_table("cycles")
    op.drop_table("funded_commitments")
    with op.batch_alter_table("known_actors") as batch:
        batch.drop_column("origin_region")
