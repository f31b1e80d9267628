"""Report totals kept with each change, and the status history of commitments.

``funding_totals`` (per actor, donor, currency, instrument, horizon and confidentiality: the
commitments binding on the day in ``funding_totals_day``) and ``funding_amounts`` (the same
day's non-confidential amounts, for thin grants) are filled here from the existing commitments
for the day of the upgrade. ``commitment_status_history`` starts from what the
commitments tell: a cancelled one was pledged or committed (``committed_at``) until
``cancelled_at``; any other holds its present status since it was recorded (earlier changes
were not kept before this revision).

Revision ID: 0007
Revises: 0006
Create Date: 2027-02-10
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "commitment_status_history",
        sa.Column(
            "commitment_id",
            sa.String(40),
            sa.ForeignKey("commitments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("valid_from", _UTC, nullable=False),
        sa.Column("valid_to", _UTC, nullable=True),
    )
    op.create_table(
        "funding_totals",
        sa.Column("actor_id", sa.String(64), primary_key=True),
        sa.Column("donor", sa.String(16), primary_key=True),
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("instrument", sa.String(20), primary_key=True),
        sa.Column("horizon", sa.String(5), primary_key=True),
        sa.Column("confidential", sa.Boolean(), primary_key=True),
        sa.Column("commitments", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "funding_amounts",
        sa.Column("actor_id", sa.String(64), primary_key=True),
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("amount_minor", sa.BigInteger(), primary_key=True),
        sa.Column("instrument", sa.String(20), primary_key=True),
        sa.Column("horizon", sa.String(5), primary_key=True),
        sa.Column("commitments", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_funding_amounts_currency_amount", "funding_amounts", ["currency", "amount_minor"]
    )
    op.create_table(
        "funding_totals_day",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
    )
    op.create_index("ix_commitments_currency_amount", "commitments", ["currency", "amount_minor"])

    # Backfill. Cancelled: what it was before (pledged, or committed when committed_at is set).
    op.execute(
        "INSERT INTO commitment_status_history"
        " (commitment_id, version, status, valid_from, valid_to)"
        " SELECT id, 0, CASE WHEN committed_at IS NULL THEN 'pledged' ELSE 'committed' END,"
        " created_at, cancelled_at FROM commitments"
        " WHERE status = 'cancelled' AND cancelled_at IS NOT NULL"
    )
    op.execute(
        "INSERT INTO commitment_status_history"
        " (commitment_id, version, status, valid_from, valid_to)"
        " SELECT id, version, status, COALESCE(cancelled_at, created_at), NULL FROM commitments"
        " WHERE status <> 'cancelled' OR cancelled_at IS NOT NULL"
    )
    op.execute(
        "INSERT INTO commitment_status_history"
        " (commitment_id, version, status, valid_from, valid_to)"
        " SELECT id, version, status, created_at, NULL FROM commitments"
        " WHERE status = 'cancelled' AND cancelled_at IS NULL"
    )
    day = datetime.now(UTC).date()
    op.execute(
        sa.text("INSERT INTO funding_totals_day (id, day) VALUES (1, :day)").bindparams(day=day)
    )
    op.execute(
        sa.text(
            "INSERT INTO funding_totals (actor_id, donor, currency, instrument, horizon,"
            " confidential, commitments, amount_minor)"
            " SELECT actor_id, donor, COALESCE(currency, ''), instrument, horizon, confidential,"
            " COUNT(*), COALESCE(SUM(amount_minor), 0) FROM commitments"
            " WHERE status IN ('committed', 'disbursed', 'completed')"
            " AND period_start <= :day AND period_end >= :day"
            " GROUP BY actor_id, donor, COALESCE(currency, ''), instrument, horizon, confidential"
        ).bindparams(day=day)
    )
    op.execute(
        sa.text(
            "INSERT INTO funding_amounts (actor_id, currency, amount_minor, instrument, horizon,"
            " commitments)"
            " SELECT actor_id, currency, amount_minor, instrument, horizon, COUNT(*)"
            " FROM commitments"
            " WHERE status IN ('committed', 'disbursed', 'completed')"
            " AND period_start <= :day AND period_end >= :day"
            " AND NOT confidential AND amount_minor IS NOT NULL"
            " GROUP BY actor_id, currency, amount_minor, instrument, horizon"
        ).bindparams(day=day)
    )


def downgrade() -> None:
    op.drop_index("ix_commitments_currency_amount", table_name="commitments")
    op.drop_table("funding_totals_day")
    op.drop_index("ix_funding_amounts_currency_amount", table_name="funding_amounts")
    op.drop_table("funding_amounts")
    op.drop_table("funding_totals")
    op.drop_table("commitment_status_history")
