"""Commitments, their purposes and disbursements, FX rates; a fuller actor read model.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_Exact = sa.Numeric(30, 12).with_variant(sa.String(40), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("known_actors") as batch:
        batch.alter_column(
            "actor_id", existing_type=sa.String(32), type_=sa.String(64), existing_nullable=False
        )
        batch.add_column(sa.Column("activities", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("origin_region", sa.String(8), nullable=True))
        batch.add_column(sa.Column("established_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("relocated_on", sa.Date(), nullable=True))
        # An erased actor keeps only its id and version: its attributes must be droppable.
        for name, type_ in (
            ("kind", sa.String(20)),
            ("sectors", sa.JSON()),
            ("host_country", sa.String(2)),
            ("custodian_state", sa.String(16)),
        ):
            batch.alter_column(name, existing_type=type_, nullable=True)

    op.create_table(
        "commitments",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("donor", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("instrument", sa.String(20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("minor_units", sa.SmallInteger(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("horizon", sa.String(5), nullable=False),
        sa.Column("disbursed_minor", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("committed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_minor IS NULL OR amount_minor > 0", name="ck_amount_positive"),
        sa.CheckConstraint(
            "disbursed_minor >= 0 AND (amount_minor IS NULL OR disbursed_minor <= amount_minor)",
            name="ck_disbursed_within_amount",
        ),
        sa.CheckConstraint("period_end >= period_start", name="ck_period_ordered"),
    )
    op.create_index("ix_commitments_created", "commitments", ["created_at", "id"])
    op.create_index(
        "ix_commitments_actor_period", "commitments", ["actor_id", "period_start", "period_end"]
    )
    op.create_index("ix_commitments_donor_created", "commitments", ["donor", "created_at", "id"])
    op.create_index("ix_commitments_period", "commitments", ["period_start", "period_end"])

    op.create_table(
        "commitment_purposes",
        sa.Column(
            "commitment_id",
            sa.String(40),
            sa.ForeignKey("commitments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("purpose", sa.String(24), primary_key=True),
    )
    op.create_index(
        "ix_commitment_purposes_purpose", "commitment_purposes", ["purpose", "commitment_id"]
    )

    op.create_table(
        "disbursements",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "commitment_id",
            sa.String(40),
            sa.ForeignKey("commitments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor > 0", name="ck_disbursement_positive"),
    )
    op.create_index("ix_disbursements_commitment_id", "disbursements", ["commitment_id"])

    op.create_table(
        "fx_rates",
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("effective_on", sa.Date(), primary_key=True),
        sa.Column("eur_per_unit", _Exact, nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fx_rates")
    op.drop_table("disbursements")
    op.drop_table("commitment_purposes")
    op.drop_table("commitments")
    with op.batch_alter_table("known_actors") as batch:
        for name in ("relocated_on", "established_on", "origin_region", "activities"):
            batch.drop_column(name)
