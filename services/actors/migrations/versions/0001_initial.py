"""The actor registry, with its outbox and inbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from agora_common.tables import create_messaging_tables
from agora_common.types import UTCDateTime
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _actor_fk() -> sa.Column:
    return sa.Column(
        "actor_id",
        sa.String(40),
        sa.ForeignKey("actors.id", ondelete="CASCADE"),
        primary_key=True,
    )


def upgrade() -> None:
    create_messaging_tables()
    op.create_table(
        "actors",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("public_name", sa.String(200), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("host_country", sa.String(2), nullable=False, index=True),
        sa.Column("origin_region", sa.String(6), nullable=True, index=True),
        sa.Column("relocated_on", sa.Date(), nullable=True),
        sa.Column("established_on", sa.Date(), nullable=True),
        sa.Column("audience_monthly_active_users", sa.Integer(), nullable=True),
        sa.Column("audience_inside_russia_share", sa.Float(), nullable=True),
        sa.Column("custodian_state", sa.String(16), nullable=False, index=True),
        sa.Column("personal", sa.LargeBinary(), nullable=False),
        sa.Column("attributes", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_actors_created_at_id", "actors", ["created_at", "id"])
    op.create_table(
        "actor_keys",
        _actor_fk(),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("master_key_id", sa.String(16), nullable=False),
    )
    op.create_table(
        "actor_sectors",
        _actor_fk(),
        sa.Column("sector", sa.String(30), primary_key=True, index=True),
    )
    op.create_table(
        "actor_activities",
        _actor_fk(),
        sa.Column("activity", sa.String(30), primary_key=True, index=True),
    )
    op.create_table(
        "actor_grants",
        _actor_fk(),
        sa.Column("state", sa.String(16), primary_key=True, index=True),
        sa.Column("granted_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "permits",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "actor_id",
            sa.String(40),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("issuing_state", sa.String(16), nullable=False, index=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("family_members", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_permits_valid_until_id", "permits", ["valid_until", "id"])
    op.create_table(
        "vetting_decisions",
        _actor_fk(),
        sa.Column("state", sa.String(16), primary_key=True),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "erased_actors",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("custodian_state", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "erased_actors",
        "vetting_decisions",
        "permits",
        "actor_grants",
        "actor_activities",
        "actor_sectors",
        "actor_keys",
        "actors",
        "inbox",
        "outbox",
    ):
        op.drop_table(table)
