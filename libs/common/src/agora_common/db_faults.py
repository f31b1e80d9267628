"""A database that cannot be reached is a 503 with ``Retry-After``, never a 500.

A PostgreSQL restart or failover, a pool with no free connection, or SQLite's write lock held
past the busy timeout fail the request at hand; the next one gets a fresh connection (the pool
discards the dead ones), so the caller is told to come back shortly. Errors that mean the
statement itself is wrong (a missing table, a constraint) are not faults of this kind and stay
500s: hiding them behind "try again" would hide a bug.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import exc as sa_exc

log = logging.getLogger("agora.db")

RETRY_AFTER_SECONDS = 2
UNAVAILABLE_DETAIL = "The database is unavailable for a moment; retry shortly."
# SQLSTATE classes and codes of a connection that is gone or refused: 08 (connection exception),
# 57P01–57P03 (administrator/crash shutdown, cannot connect now), 53300 (too many connections).
_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53300")
_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")
# asyncpg's own names for a connection that went away (no SQLSTATE of their own).
_DRIVER_CLASSES = frozenset(
    {
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "InterfaceError",
        "InternalClientError",
        "CannotConnectNowError",
        "TooManyConnectionsError",
        "AdminShutdownError",
        "CrashShutdownError",
        "PostgresConnectionError",
        "ClientCannotConnectError",
        "ConnectionRejectionError",
    }
)


def _chain(exc: BaseException) -> list[BaseException]:
    """The error, what SQLAlchemy wrapped (``orig``) and its causes, each once."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo and len(seen) < 16:
        current = todo.pop()
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        orig = getattr(current, "orig", None)
        todo += [
            orig if isinstance(orig, BaseException) else None,
            current.__cause__,
            current.__context__,
        ]
    return seen


def _one_is_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, sa_exc.TimeoutError | sa_exc.DisconnectionError):
        return True  # no free connection in the pool in time; a connection found dead
    if isinstance(exc, ConnectionError | asyncio.TimeoutError | TimeoutError):
        return True  # refused, reset, or no answer while connecting
    if isinstance(exc, OSError) and exc.errno is not None and not exc.filename:
        return True  # a socket error (unreachable host, ...), not a file one
    sqlstate = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate.startswith(_SQLSTATE_PREFIXES):
        return True
    if type(exc).__name__ in _DRIVER_CLASSES and type(exc).__module__.startswith("asyncpg"):
        return True
    if type(exc).__module__ == "sqlite3" and type(exc).__name__ == "OperationalError":
        return any(text in str(exc).lower() for text in _SQLITE_BUSY)
    return False


def is_database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` means the database could not be reached (or locked) right now."""
    return any(_one_is_unavailable(e) for e in _chain(exc))


def unavailable_headers() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}


def log_unavailable(exc: BaseException, route: str) -> None:
    # The type only: a driver's message can quote a statement's parameters.
    log.warning("database unavailable", extra={"error_type": type(exc).__name__, "route": route})
