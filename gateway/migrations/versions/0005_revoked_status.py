"""A revoked client says so in its status: ``revoked`` (before, it stayed ``active`` with only
``revoked_at`` set). Data only; the column is unchanged.

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-10
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE clients SET status = 'revoked' WHERE revoked_at IS NOT NULL")


def downgrade() -> None:
    # Before 0005 a revoked client kept the status it had (a pending one: pending_approval).
    op.execute(
        "UPDATE clients SET status = CASE WHEN secret_hash IS NULL THEN 'pending_approval' "
        "ELSE 'active' END WHERE status = 'revoked'"
    )
