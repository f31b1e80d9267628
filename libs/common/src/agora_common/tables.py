"""The outbox and inbox tables that every service's database has.

Each service creates them in its own first migration with :func:`create_messaging_tables`, and
adds the outbox lease columns in a later one with :func:`add_outbox_lease`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy import (
    Integer as _Int,
)

from agora_common.types import UTCDateTime

metadata = MetaData()

# BigInteger on PostgreSQL, INTEGER (the rowid alias, so autoincrement works) on SQLite.
_Seq = BigInteger().with_variant(_Int(), "sqlite")

outbox = Table(
    "outbox",
    metadata,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("subject", String(200), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("headers", Text, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("published_at", UTCDateTime(), nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    # A relay on PostgreSQL leases the rows it is about to publish (agora_common.outbox): another
    # relay skips them until the lease runs out, so a relay that dies loses nothing.
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_until", UTCDateTime(), nullable=True),
)
_LEASE_COLUMNS = ("claimed_by", "claimed_until")
Index(
    "ix_outbox_unpublished",
    outbox.c.seq,
    postgresql_where=outbox.c.published_at.is_(None),
    sqlite_where=outbox.c.published_at.is_(None),
)

inbox = Table(
    "inbox",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("consumer", String(100), primary_key=True),
    Column("event_type", String(200), nullable=False),
    Column("processed_at", UTCDateTime(), nullable=False),
)


def create_messaging_tables() -> None:
    """Alembic operations that create the outbox and inbox tables (call from a migration)."""
    from alembic import op

    # The tables as the first migrations made them; columns added later have their own.
    for table in (outbox, inbox):
        op.create_table(
            table.name, *[c._copy() for c in table.columns if c.name not in _LEASE_COLUMNS]
        )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["seq"],
        postgresql_where=outbox.c.published_at.is_(None),
        sqlite_where=outbox.c.published_at.is_(None),
    )


def add_outbox_lease() -> None:
    """Alembic operations that add the outbox lease columns (call from a migration)."""
    from alembic import op

    with op.batch_alter_table("outbox") as batch:
        for name in _LEASE_COLUMNS:
            batch.add_column(outbox.c[name]._copy())


def drop_outbox_lease() -> None:
    """The reverse of :func:`add_outbox_lease`."""
    from alembic import op

    with op.batch_alter_table("outbox") as batch:
        for name in reversed(_LEASE_COLUMNS):
            batch.drop_column(name)
