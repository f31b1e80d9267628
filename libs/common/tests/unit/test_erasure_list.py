"""The erasure list: ids appended durably, read back once each, a torn last line survived."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest
from agora_common.erasure_list import ErasureList


async def test_ids_are_appended_and_read_back_once_each_in_order(tmp_path: Path) -> None:
    erasures = ErasureList(tmp_path / "lists" / "actors.list")
    assert erasures.ids() == []
    for record_id in ("act_one", "act_two", "act_one"):
        await erasures.record(record_id)
    assert erasures.ids() == ["act_one", "act_two"]
    assert erasures.path.read_text() == "act_one\nact_two\nact_one\n"
    assert stat.S_IMODE(erasures.path.stat().st_mode) == 0o600


async def test_a_torn_last_line_never_swallows_the_next_id(tmp_path: Path) -> None:
    path = tmp_path / "actors.list"
    path.write_text("act_one\nact_tw")  # a crash in the middle of writing act_two
    erasures = ErasureList(path)
    await erasures.record("act_three")
    assert "act_three" in erasures.ids()
    assert path.read_text() == "act_one\nact_tw\nact_three\n"


async def test_only_ids_are_listed(tmp_path: Path) -> None:
    erasures = ErasureList(tmp_path / "actors.list")
    with pytest.raises(ValueError, match="not an id"):
        await erasures.record("Jane Doe, born 1980")
    assert erasures.ids() == []


async def test_one_file_per_replica_read_as_one_list(tmp_path: Path) -> None:
    shared = tmp_path / "erasures" / "{replica}.list"
    here = ErasureList(shared)
    assert here.path == tmp_path / "erasures" / f"{socket.gethostname()}.list"
    await here.record("actor_a")
    # Another replica's file on the same volume, written as its own process would.
    (tmp_path / "erasures" / "actors-7d9f-xk2lp.list").write_text("actor_b\nactor_a\n")
    assert set(ErasureList(shared).ids()) == {"actor_a", "actor_b"}
    assert len(ErasureList(shared).files()) == 2
