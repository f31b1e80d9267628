"""Donors' export settings: their IATI organisation identifier and how confidential commitments
appear in the IATI and 360Giving exports.

Revision ID: 0006
Revises: 0005
Create Date: 2027-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "donors",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("iati_org_ref", sa.String(100), nullable=True),
        sa.Column("confidential_in_exports", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("donors")
