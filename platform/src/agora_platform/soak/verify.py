"""After the soak: every acknowledged write once in its service and in every read model downstream,
every event once in its stream, and each answer judged against the fault windows."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import asyncpg

from agora_platform.soak.faults import Window
from agora_platform.soak.load import RETRYABLE, Ledger

Query = Callable[[str, str], Awaitable[list[tuple[Any, ...]]]]
GRACE_SECONDS = 10.0  # after /readyz is green again, requests already queued may still fail
STREAMS = {"actors": "ACTORS", "funding": "FUNDING", "evaluation": "EVALUATION"}


def database_query(urls: dict[str, str], primary_dsn: Callable[[], str] | None = None) -> Query:
    """``query(part, sql)`` on SQLite files or PostgreSQL databases (``primary_dsn``: the
    current primary's admin DSN, whose database name is replaced by the part's)."""

    async def query(part: str, sql: str) -> list[tuple[Any, ...]]:
        url = urls[part]
        if url.startswith("sqlite"):
            with sqlite3.connect(url.removeprefix("sqlite+aiosqlite:///")) as db:
                return db.execute(sql).fetchall()
        database = url.rsplit("/", 1)[1].split("?", 1)[0]
        dsn = url.replace("postgresql+asyncpg://", "postgresql://")
        if primary_dsn is not None:
            dsn = primary_dsn().rsplit("/", 1)[0] + f"/{database}"
        conn = await asyncpg.connect(dsn)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()

    return query


def _decimal(text: Any) -> Decimal:
    return Decimal(str(text)) if text is not None else Decimal(0)


async def check_writes(ledger: Ledger, query: Query) -> dict[str, Any]:
    """Lost and duplicated writes, in each service and in each read model."""
    lost: Counter[str] = Counter()
    duplicated: Counter[str] = Counter()
    unacknowledged: Counter[str] = Counter()

    actors: dict[str, int] = dict(await query("actors", "SELECT id, version FROM actors"))
    for actor_id, version in ledger.actor_versions.items():
        if actor_id not in actors:
            lost["actors.actors"] += 1
        elif actors[actor_id] < version:
            lost["actors.patch"] += 1
        elif actors[actor_id] > version + ledger.patches_uncertain[actor_id]:
            duplicated["actors.patch"] += actors[actor_id] - version
    extra = len(set(actors) - set(ledger.actors))
    unacknowledged["actors.actors"] = extra
    duplicated["actors.actors"] = max(
        0, extra - ledger.abandoned["register"] - ledger.applied_unanswered["register"]
    )
    for service in ("funding", "evaluation"):
        known: dict[str, int] = dict(
            await query(service, "SELECT actor_id, version FROM known_actors")
        )
        for actor_id, version in actors.items():
            if known.get(actor_id) is None or known[actor_id] < version:
                lost[f"{service}.known_actors"] += 1
        duplicated[f"{service}.known_actors"] = len(set(known) - set(actors))

    commitments = {
        row[0]: (row[1], row[2])
        for row in await query("funding", "SELECT id, version, disbursed_minor FROM commitments")
    }
    for commitment_id in ledger.commitments:
        if commitment_id not in commitments:
            lost["funding.commitments"] += 1
    extra = len(set(commitments) - set(ledger.commitments))
    unacknowledged["funding.commitments"] = extra
    duplicated["funding.commitments"] = max(
        0, extra - ledger.abandoned["commit"] - ledger.applied_unanswered["commit"]
    )
    paid: dict[str, int] = dict(
        await query(
            "funding", "SELECT commitment_id, count(*) FROM disbursements GROUP BY commitment_id"
        )
    )
    for commitment_id, count in ledger.disbursements.items():
        if paid.get(commitment_id, 0) < count:
            lost["funding.disbursements"] += count - paid.get(commitment_id, 0)
    extra = sum(max(0, n - ledger.disbursements[c]) for c, n in paid.items())
    unacknowledged["funding.disbursements"] = extra
    duplicated["funding.disbursements"] = max(
        0, extra - ledger.abandoned["disburse"] - ledger.applied_unanswered["disburse"]
    )
    viewed = {
        row[0]: (row[1], row[2])
        for row in await query(
            "evaluation", "SELECT commitment_id, version, disbursed_total FROM funded_commitments"
        )
    }
    for commitment_id, (version, disbursed_minor) in commitments.items():
        seen = viewed.get(commitment_id)
        if seen is None or seen[0] < version:
            lost["evaluation.funded_commitments"] += 1
        elif disbursed_minor and _decimal(seen[1]) != Decimal(disbursed_minor) / 100:
            lost["evaluation.funded_commitments.disbursed"] += 1
    duplicated["evaluation.funded_commitments"] = len(set(viewed) - set(commitments))

    assessments = {r[0] for r in await query("evaluation", "SELECT id FROM assessments")}
    lost["evaluation.assessments"] = len(set(ledger.assessments) - assessments)
    extra = len(assessments - set(ledger.assessments))
    unacknowledged["evaluation.assessments"] = extra
    duplicated["evaluation.assessments"] = max(
        0, extra - ledger.abandoned["assess"] - ledger.applied_unanswered["assess"]
    )
    return {
        "lost": sum(lost.values()),
        "duplicated": sum(duplicated.values()),
        "lost_by_place": {k: v for k, v in sorted(lost.items()) if v},
        "duplicated_by_place": {k: v for k, v in sorted(duplicated.items()) if v},
        "committed_without_acknowledgement": {k: v for k, v in unacknowledged.items() if v},
        "rows": {
            "actors": len(actors),
            "commitments": len(commitments),
            "disbursements": sum(paid.values()),
            "assessments": len(assessments),
        },
    }


async def check_events(query: Query, counts: dict[str, Counter[str]]) -> dict[str, Any]:
    """Each outbox row once in its stream (by event id), and nothing left unpublished."""
    result: dict[str, Any] = {"lost": 0, "duplicated": 0, "unpublished": 0, "by_stream": {}}
    for service, stream in STREAMS.items():
        rows = await query(service, "SELECT event_id, published_at IS NULL FROM outbox")
        outbox = {r[0] for r in rows}
        in_stream = counts.get(stream, Counter())
        lost = len(outbox - set(in_stream))
        duplicated = sum(n - 1 for n in in_stream.values() if n > 1)
        unpublished = sum(1 for r in rows if r[1])
        result["lost"] += lost
        result["duplicated"] += duplicated
        result["unpublished"] += unpublished
        result["by_stream"][stream] = {
            "events": len(outbox),
            "messages": sum(in_stream.values()),
            "lost": lost,
            "duplicated": duplicated,
        }
    return result


def judge_answers(ledger: Ledger, windows: list[Window]) -> dict[str, Any]:
    """5xx outside a fault window, any 500, and retryable answers without ``Retry-After``."""
    outside: Counter[str] = Counter()
    without_retry_after: Counter[str] = Counter()
    failed_connections_outside = 0
    for answer in ledger.answers:
        during = any(w.covers(answer.at, GRACE_SECONDS) for w in windows)
        if answer.status == 0:
            failed_connections_outside += 0 if during else 1
        elif answer.status >= 500 and (answer.status not in RETRYABLE or not during):
            outside[f"{answer.status} {answer.operation}"] += 1
        elif answer.status in RETRYABLE and not answer.retry_after:
            without_retry_after[str(answer.status)] += 1
    return {
        "unexpected_5xx": dict(outside),
        "retryable_without_retry_after": dict(without_retry_after),
        "connection_failures_outside_faults": failed_connections_outside,
    }
