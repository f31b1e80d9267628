"""Master-key rotation: find the data keys still wrapped by a previous master key by index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # actor_keys.master_key_id (since 0001) records which master key wraps each data key.
    op.create_index("ix_actor_keys_master_key_id", "actor_keys", ["master_key_id"])


def downgrade() -> None:
    op.drop_index("ix_actor_keys_master_key_id", table_name="actor_keys")
