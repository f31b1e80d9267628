"""The outbox lease: a relay on PostgreSQL claims rows before it publishes them, holding no lock.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-12
"""

from collections.abc import Sequence

from agora_common.tables import add_outbox_lease, drop_outbox_lease

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_outbox_lease()


def downgrade() -> None:
    drop_outbox_lease()
