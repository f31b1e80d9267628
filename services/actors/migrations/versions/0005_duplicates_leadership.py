"""Possible duplicates across states (keyed identity fingerprints) and an actor's leadership.

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-20
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Public: {women_led, minority_led, regional} of a non-individual actor, or null.
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("leadership", sa.JSON(), nullable=True))
    # Keyed hashes (HMAC-SHA256) of the normalised forms of an actor's legal name and contact;
    # never the normalised text itself.
    op.create_table(
        "identity_fingerprints",
        sa.Column(
            "actor_id",
            sa.String(40),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("hash", sa.String(64), primary_key=True),
    )
    op.create_index("ix_identity_fingerprints_hash", "identity_fingerprints", ["hash"])


def downgrade() -> None:
    op.drop_index("ix_identity_fingerprints_hash", table_name="identity_fingerprints")
    op.drop_table("identity_fingerprints")
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("leadership")
