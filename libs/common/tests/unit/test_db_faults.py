"""Which database errors mean "unavailable, retry" (503) and which are bugs (500)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from agora_common.db_faults import is_database_unavailable
from sqlalchemy import create_engine, exc, text


def test_sqlite_locked_past_the_busy_timeout_is_unavailable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    holder = create_engine(url)
    waiter = create_engine(url, connect_args={"timeout": 0.05})
    with holder.connect() as held:
        held.execute(text("CREATE TABLE t (x INTEGER)"))
        held.commit()
        held.exec_driver_sql("BEGIN IMMEDIATE")
        with pytest.raises(exc.OperationalError) as locked, waiter.connect() as other:
            other.exec_driver_sql("BEGIN IMMEDIATE")
        held.rollback()
    assert is_database_unavailable(locked.value)


def test_a_missing_table_is_a_bug_not_an_outage(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with pytest.raises(exc.OperationalError) as missing, engine.connect() as conn:
        conn.execute(text("SELECT * FROM nowhere"))
    assert not is_database_unavailable(missing.value)


def test_an_integrity_error_is_not_an_outage() -> None:
    error = exc.IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert not is_database_unavailable(error)


def test_a_refused_connection_and_a_pool_timeout_are_unavailable() -> None:
    refused = exc.OperationalError("connect", {}, ConnectionRefusedError(111, "refused"))
    assert is_database_unavailable(refused)
    assert is_database_unavailable(exc.TimeoutError("QueuePool limit reached"))


def test_an_invalidated_connection_is_unavailable() -> None:
    error = exc.DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert is_database_unavailable(error)


def test_a_file_error_is_not_an_outage(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        (tmp_path / "absent").read_text()
    assert not is_database_unavailable(missing.value)
