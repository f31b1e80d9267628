"""Async SQLAlchemy: one engine per service, the request owns the transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from agora_common.applied import HEADER, AppliedRequests, fingerprint
from agora_common.identity import current_identity

SQLITE_BUSY_TIMEOUT_MS = 10_000
# As many SQLite connections kept open as SQLAlchemy's default pool allows at most (5 + 10
# overflow): an overflow connection is closed on return, and opening one costs a thread, a file
# open and the PRAGMAs below, per request, whenever more than 5 requests run at once.
SQLITE_POOL_SIZE = 15
# Below the idle timeouts of common firewalls and proxies (often 5 to 60 minutes).
POSTGRES_POOL_RECYCLE_SECONDS = 240
_READS = ("SELECT", "PRAGMA", "EXPLAIN")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An engine with SQLite set up for concurrent use (WAL, foreign keys, busy timeout)."""
    if not is_sqlite(url):
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 10)
        # No pool_pre_ping: it costs a round trip to the server before every transaction. A
        # connection the server closed (restart, failover, pg_terminate_backend) is already
        # known closed to asyncpg, which read the close while the connection sat in the pool:
        # the checkout below discards it without a round trip and the pool hands out another.
        # A connection silently dropped on the way (a firewall's idle timeout) is avoided by
        # recycling connections before such timeouts, and any other dead connection fails one
        # transaction, whose error makes SQLAlchemy discard every connection of the pool.
        kwargs.setdefault("pool_recycle", POSTGRES_POOL_RECYCLE_SECONDS)
        engine = create_async_engine(url, **kwargs)

        @event.listens_for(engine.sync_engine, "checkout")
        def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
            if dbapi_connection.driver_connection.is_closed():
                raise DisconnectionError("connection closed by the server")  # the pool retries

        return engine

    kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
    kwargs.setdefault("max_overflow", 0)
    engine = create_async_engine(url, **kwargs)
    _skip_idle_transaction_ends(engine)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        # Take transaction control from the driver so that BEGIN is ours to choose.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer takes the write lock at BEGIN: a deferred read that later writes would fail
        # at once with SQLITE_BUSY_SNAPSHOT instead of waiting for the lock. A read-only
        # transaction sends no BEGIN (nor COMMIT nor the pool's ROLLBACK:
        # _skip_idle_transaction_ends): each statement reads its own snapshot, as under
        # PostgreSQL's READ COMMITTED, and three trips to aiosqlite's thread are saved.
        if not conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before_execute(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        # A read-only transaction that writes all the same (nothing forbids it) writes
        # atomically from its first write on, as it would in a transaction of its own.
        if (
            conn.get_execution_options().get("readonly")
            and not statement.lstrip()[:7].upper().startswith(_READS)
            and not conn.connection.driver_connection.in_transaction
        ):
            cursor.execute("BEGIN IMMEDIATE")

    return engine


def _skip_idle_transaction_ends(engine: AsyncEngine) -> None:
    """SQLite: no COMMIT or ROLLBACK sent to aiosqlite's thread when no transaction is open.

    sqlite3 ignores both outside a transaction (a read-only transaction has none, and the pool's
    rollback on return follows a commit), but each is still a trip to the connection's thread
    and back. Whether one is open is the driver's own ``in_transaction``, read between
    statements (SQLAlchemy never runs two at once on one connection)."""
    dialect = engine.sync_engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def in_transaction(dbapi_connection: Any) -> bool:
        try:
            return bool(dbapi_connection.driver_connection.in_transaction)
        except (AttributeError, ValueError):  # closed: let the driver's own call decide
            return True

    def do_commit(dbapi_connection: Any) -> None:
        if in_transaction(dbapi_connection):
            commit(dbapi_connection)

    def do_rollback(dbapi_connection: Any) -> None:
        if in_transaction(dbapi_connection):
            rollback(dbapi_connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]


class Database:
    """An engine, its session factory, and what runs after each commit."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = create_engine(url, **engine_kwargs)

        class _Session(Session):
            pass

        self._after_commit: list[Callable[[Session], None]] = []

        @event.listens_for(_Session, "after_commit")
        def _run_after_commit(session: Session) -> None:
            for hook in self._after_commit:
                hook(session)

        self.sessionmaker = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=_Session
        )

    def on_commit(self, hook: Callable[[Session], None]) -> None:
        """Call ``hook(session)`` right after every commit (e.g. to wake the outbox relay)."""
        self._after_commit.append(hook)

    @asynccontextmanager
    async def transaction(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        """A session whose work commits on success and rolls back on any error."""
        async with self.sessionmaker() as session:
            if readonly:
                await session.connection(execution_options={"readonly": True})
            try:
                yield session
            except BaseException:
                await session.rollback()
                raise
            # Outside the try: a failed commit is rolled back by the session's close, and an
            # error raised after the commit (by a hook) is not masked by a rollback that fails.
            await session.commit()

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's transaction: committed before the response is sent, rolled back on error.

    In a service (``app.state.applied_requests``), a POST with an ``Idempotency-Key`` first
    records the key of the verified caller in this transaction (``agora_common.applied``): a
    request applied before is refused (409) before its handler runs.
    """
    db: Database = request.app.state.db
    async with db.transaction(readonly=request.method in _SAFE_METHODS) as session:
        applied = getattr(request.app.state, "applied_requests", None)
        if applied is not None and request.method == "POST":
            await _record_applied(request, session, applied)
        yield session


async def _record_applied(
    request: Request, session: AsyncSession, applied: AppliedRequests
) -> None:
    key = request.headers.get(HEADER)
    if key is None:
        return
    # The key counts only for the client the gateway's signed identity names (verified once).
    identity = await current_identity(request)
    body = await request.body()
    await applied.record(
        session,
        client_id=identity.client_id,
        key=key,
        fingerprint=fingerprint(request.method, request.url.path, request.url.query, body),
    )


# scope="function": the commit happens before the response leaves, so a 2xx means committed.
DbSession = Annotated[AsyncSession, Depends(request_session, scope="function")]
