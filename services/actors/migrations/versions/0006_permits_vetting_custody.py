"""Permit lifecycle (status, revocation, version; expiry notices), vetting history with sealed
reasons, and custody transfers.

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-21
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
    with op.batch_alter_table("permits") as batch:
        batch.add_column(sa.Column("status", sa.String(10), nullable=False, server_default="valid"))
        batch.add_column(sa.Column("revoked_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "permit_notices",
        sa.Column(
            "permit_id",
            sa.String(40),
            sa.ForeignKey("permits.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("threshold_days", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("valid_until", sa.Date(), primary_key=True),
        sa.Column("emitted_at", UTCDateTime(), nullable=False),
    )
    with op.batch_alter_table("vetting_decisions") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "vetting_history",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "actor_id",
            sa.String(40),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_vetting_history_actor_state",
        "vetting_history",
        ["actor_id", "state", "recorded_at", "id"],
    )
    op.create_table(
        "custody_transfers",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "actor_id",
            sa.String(40),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("from_state", sa.String(16), nullable=False),
        sa.Column("to_state", sa.String(16), nullable=False),
        sa.Column("grants", sa.String(4), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_custody_transfers_actor_id", "custody_transfers", ["actor_id"])
    op.create_index(
        "ix_custody_transfers_to_state",
        "custody_transfers",
        ["to_state", "status", "created_at", "id"],
    )
    op.create_index(
        "ix_custody_transfers_from_state",
        "custody_transfers",
        ["from_state", "status", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_table("custody_transfers")
    op.drop_table("vetting_history")
    with op.batch_alter_table("vetting_decisions") as batch:
        batch.drop_column("version")
    op.drop_table("permit_notices")
    with op.batch_alter_table("permits") as batch:
        batch.drop_column("version")
        batch.drop_column("revoked_on")
        batch.drop_column("status")
