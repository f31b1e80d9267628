"""Two-person rule and stewards: client status, who created and approved it, the creator's sealed
half of a pending secret; the state an audit record concerns (its stewards read it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(
            sa.Column("status", sa.String(24), nullable=False, server_default="active")
        )
        batch.add_column(sa.Column("sealed_part", sa.Text, nullable=True))
        batch.add_column(sa.Column("created_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        # A pending client has no secret until a second admin approves it.
        batch.alter_column("secret_hash", existing_type=sa.String(200), nullable=True)
        batch.create_index("ix_clients_state", ["state"])
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("subject_state", sa.String(16), nullable=True))
        batch.create_index("ix_audit_records_subject_state_seq", ["subject_state", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_index("ix_audit_records_subject_state_seq")
        batch.drop_column("subject_state")
    with op.batch_alter_table("clients") as batch:
        batch.drop_index("ix_clients_state")
        batch.alter_column("secret_hash", existing_type=sa.String(200), nullable=False)
        for column in ("approved_at", "approved_by", "created_by", "sealed_part", "status"):
            batch.drop_column(column)
