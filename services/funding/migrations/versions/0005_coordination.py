"""Coordination: overlap notices for both donors, joint programmes, the latest vetting decision
per (actor, state), and actors' leadership in the read model.

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

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
    )
    op.create_table(
        "programme_donors",
        sa.Column(
            "programme_id",
            sa.String(40),
            sa.ForeignKey("programmes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("donor", sa.String(16), primary_key=True),
        sa.Column("joined_at", _UTC, nullable=False),
    )
    op.create_index(
        "ix_programme_donors_donor", "programme_donors", ["donor", "joined_at", "programme_id"]
    )
    with op.batch_alter_table("commitments") as batch:
        batch.add_column(sa.Column("programme_id", sa.String(40), nullable=True))

    op.create_table(
        "overlaps",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column(
            "earlier_commitment_id",
            sa.String(40),
            sa.ForeignKey("commitments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("earlier_donor", sa.String(16), nullable=False),
        sa.Column(
            "later_commitment_id",
            sa.String(40),
            sa.ForeignKey("commitments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("later_donor", sa.String(16), nullable=False),
        sa.Column("shared_purposes", sa.JSON(), nullable=False),
        sa.Column("coordinated", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("resolution", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.String(16), nullable=True),
        sa.Column("resolved_at", _UTC, nullable=True),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
    )
    op.create_index("ix_overlaps_earlier_donor", "overlaps", ["earlier_donor", "created_at", "id"])
    op.create_index("ix_overlaps_later_donor", "overlaps", ["later_donor", "created_at", "id"])
    op.create_index("ix_overlaps_actor", "overlaps", ["actor_id"])
    op.create_index("ix_overlaps_earlier_commitment", "overlaps", ["earlier_commitment_id"])
    op.create_index("ix_overlaps_later_commitment", "overlaps", ["later_commitment_id"])

    op.create_table(
        "actor_vetting",
        sa.Column("actor_id", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(16), primary_key=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
    )
    with op.batch_alter_table("known_actors") as batch:
        batch.add_column(sa.Column("women_led", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("minority_led", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("regional", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("known_actors") as batch:
        batch.drop_column("regional")
        batch.drop_column("minority_led")
        batch.drop_column("women_led")
    op.drop_table("actor_vetting")
    op.drop_table("overlaps")
    with op.batch_alter_table("commitments") as batch:
        batch.drop_column("programme_id")
    op.drop_table("programme_donors")
    op.drop_table("programmes")
