"""The soak's verification counts a retried write the service refused as already applied (409)
as acknowledged: the row it finds without a ledger id is not a duplicate."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from agora_platform.soak.load import Ledger
from agora_platform.soak.verify import check_writes, database_query

SCHEMAS = {
    "actors": ["CREATE TABLE actors (id TEXT, version INTEGER)"],
    "funding": [
        "CREATE TABLE known_actors (actor_id TEXT, version INTEGER)",
        "CREATE TABLE commitments (id TEXT, version INTEGER, disbursed_minor INTEGER)",
        "CREATE TABLE disbursements (commitment_id TEXT)",
    ],
    "evaluation": [
        "CREATE TABLE known_actors (actor_id TEXT, version INTEGER)",
        "CREATE TABLE funded_commitments (commitment_id TEXT, version INTEGER,"
        " disbursed_total TEXT)",
        "CREATE TABLE assessments (id TEXT)",
    ],
}


def databases(tmp_path: Path) -> dict[str, str]:
    urls = {}
    for part, statements in SCHEMAS.items():
        path = tmp_path / f"{part}.db"
        with sqlite3.connect(path) as db:
            for statement in statements:
                db.execute(statement)
            if part == "actors":
                db.executemany("INSERT INTO actors VALUES (?, 1)", [("act_a",), ("act_b",)])
            else:
                db.executemany("INSERT INTO known_actors VALUES (?, 1)", [("act_a",), ("act_b",)])
        urls[part] = f"sqlite+aiosqlite:///{path}"
    return urls


async def test_an_already_applied_retry_is_acknowledged_not_duplicated(tmp_path: Path) -> None:
    query = database_query(databases(tmp_path))
    ledger = Ledger(actors={"act_a": "DE"}, actor_versions={"act_a": 1})
    # act_b was registered by a request whose answer was lost: without the 409, a duplicate.
    assert (await check_writes(ledger, query))["duplicated"] == 1
    ledger.applied_unanswered["register"] += 1
    checked = await check_writes(ledger, query)
    assert checked["duplicated"] == 0
    assert checked["lost"] == 0
    assert ledger.writes_acknowledged == 2
