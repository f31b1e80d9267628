"""The record of applied Idempotency-Keys (agora_common.applied): a retried write whose answer
was lost is refused, not applied twice.

Revision ID: 0007
Revises: 0006
Create Date: 2027-03-01
"""

from collections.abc import Sequence

from agora_common.applied import create_applied_requests_table, drop_applied_requests_table

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_applied_requests_table()


def downgrade() -> None:
    drop_applied_requests_table()
