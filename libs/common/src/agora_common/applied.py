"""The service's record of applied writes: an ``Idempotency-Key`` committed with its write.

The gateway keeps each key's first answer and replays it; but if the gateway dies while the
request is in flight, the service still commits and the answer is lost. The client retries with
the same key, and once the gateway's claim has gone stale the request reaches the service again.
This record is the backstop: for a POST carrying ``Idempotency-Key`` the request's transaction
(``agora_common.db.request_session``) first inserts a row (verified client id, hash of the key,
fingerprint of the request), before the handler runs. The row commits with the write or rolls
back with it (a refused request may be retried with the same key). A second request with the
key finds the row: the same request → 409 :class:`AlreadyApplied` and nothing is written; another
request → 422. Concurrent duplicates wait on the unique key (PostgreSQL) or
the write lock (SQLite), then find the committed row.

Rows live as long as the gateway keeps its keys (``KEEP``, 25 h): a key older than that is new
again everywhere. Old rows are purged by the request transactions themselves, at most once per
``PURGE_EVERY`` per process. Only hashes are kept: neither the key nor the body can be read back.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, Index, MetaData, String, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from agora_common.identity import request_binding
from agora_common.problems import Conflict, Unprocessable
from agora_common.types import UTCDateTime

HEADER = "idempotency-key"
MAX_KEY_LENGTH = 255
# As long as the gateway keeps a key (gateway.idempotency.service.KEEP).
KEEP = timedelta(hours=25)
PURGE_EVERY = timedelta(minutes=10)
ALREADY_APPLIED_TYPE = "https://agora.example/problems/idempotency-key-applied"

_metadata = MetaData()

applied_requests = Table(
    "applied_requests",
    _metadata,
    Column("client_id", String(64), primary_key=True),
    Column("key_hash", String(64), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
Index("ix_applied_requests_created_at", applied_requests.c.created_at)


def register(metadata: MetaData) -> Table:
    """Add the ``applied_requests`` table to a service's metadata (its models and migrations)."""
    return applied_requests.to_metadata(metadata)


class AlreadyApplied(Conflict):
    """The key's request was applied before; its answer was lost on the way."""

    type = ALREADY_APPLIED_TYPE
    title = "Already applied"


def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    """What the key stands for: the method, path, query and body of its first request."""
    return request_binding(method, path, query, body)


def _key_error(msg: str, type_: str) -> Unprocessable:
    """A 422 about the header, shaped like the gateway's."""
    return Unprocessable(
        msg, errors=[{"loc": ["header", "Idempotency-Key"], "msg": msg, "type": type_}]
    )


class AppliedRequests:
    """Records applied requests in the request's transaction (one per service process)."""

    def __init__(self, *, keep: timedelta = KEEP) -> None:
        self.keep = keep
        self._last_purge = datetime.min.replace(tzinfo=UTC)

    async def record(
        self, session: AsyncSession, *, client_id: str, key: str, fingerprint: str
    ) -> None:
        """Insert the row, or raise :class:`AlreadyApplied` (409) or a 422 for a reused key."""
        if not 0 < len(key) <= MAX_KEY_LENGTH or not (key.isascii() and key.isprintable()):
            raise _key_error(
                "Idempotency-Key must be 1 to 255 printable ASCII characters.", "value_error"
            )
        now = datetime.now(UTC)
        await self._purge(session, now)
        key_hash = hashlib.sha256(key.encode()).hexdigest()
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        inserted = await session.execute(
            dialect.insert(applied_requests)
            .values(client_id=client_id, key_hash=key_hash, fingerprint=fingerprint, created_at=now)
            .on_conflict_do_nothing()
        )
        if inserted.rowcount == 1:  # type: ignore[attr-defined]
            return
        this = (applied_requests.c.client_id == client_id) & (
            applied_requests.c.key_hash == key_hash
        )
        # A row older than the gateway keeps keys is not purged yet: the key is new again.
        renewed = await session.execute(
            update(applied_requests)
            .where(this, applied_requests.c.created_at < now - self.keep)
            .values(fingerprint=fingerprint, created_at=now)
        )
        if renewed.rowcount == 1:  # type: ignore[attr-defined]
            return
        earlier = await session.scalar(select(applied_requests.c.fingerprint).where(this))
        if earlier is None:  # purged in the meantime (older than ``keep``): rare
            raise Conflict("This Idempotency-Key is being renewed; try again.")
        if earlier == fingerprint:
            raise AlreadyApplied(
                "This Idempotency-Key was already applied by an earlier request whose answer was"
                " lost; the write happened once — read the resource."
            )
        raise _key_error(
            "This Idempotency-Key was used for another request; use a new key.",
            "idempotency_key_reused",
        )

    async def _purge(self, session: AsyncSession, now: datetime) -> None:
        if now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        await session.execute(
            delete(applied_requests).where(applied_requests.c.created_at < now - self.keep)
        )


def create_applied_requests_table() -> None:
    """Alembic operations that create the table (call from a service's migration)."""
    from alembic import op

    op.create_table(applied_requests.name, *[c._copy() for c in applied_requests.columns])
    op.create_index("ix_applied_requests_created_at", applied_requests.name, ["created_at"])


def drop_applied_requests_table() -> None:
    """The reverse of :func:`create_applied_requests_table`."""
    from alembic import op

    op.drop_index("ix_applied_requests_created_at", applied_requests.name)
    op.drop_table(applied_requests.name)
