"""A registration whose answer the gateway lost: the retry with the same Idempotency-Key reaches
the actors service again and is refused there (409), so the actor exists once."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from contextlib import closing
from typing import Any

import pytest
from agora_platform.testing.e2e import Agora

MARK = secrets.token_hex(6)
PERSON: dict[str, Any] = {
    "kind": "individual",
    "public_name": f"Applied E2E {MARK}",
    "legal_name": f"Legal {MARK}",
    "sectors": ["independent_media"],
    "host_country": "LV",
    "risk_level": "standard",
    "contact": {"email": f"applied.{MARK}@example.org"},
}
ALREADY_APPLIED = "https://agora.example/problems/idempotency-key-applied"


def sqlite_path(agora: Agora, name: str) -> str:
    url = agora.platform.database_url(name)
    if not url.startswith("sqlite"):
        pytest.skip("reads the platform's SQLite databases")
    return url.split(":///", 1)[1]


def forget_at_gateway(agora: Agora, client_id: str, key: str) -> None:
    """What a gateway that died mid-request leaves: no kept answer for the key."""
    key_hash = hashlib.sha256(f"{client_id}\n{key}".encode()).hexdigest()
    with closing(sqlite3.connect(sqlite_path(agora, "gateway"), timeout=10)) as db, db:
        deleted = db.execute(
            "DELETE FROM idempotency_keys WHERE client_id = ? AND key_hash = ?",
            (client_id, key_hash),
        )
        assert deleted.rowcount == 1


def actors_named(agora: Agora, public_name: str) -> int:
    with closing(sqlite3.connect(sqlite_path(agora, "actors"), timeout=10)) as db:
        return int(
            db.execute(
                "SELECT count(*) FROM actors WHERE public_name = ?", (public_name,)
            ).fetchone()[0]
        )


async def test_a_retry_whose_first_answer_was_lost_is_refused_and_the_actor_exists_once(
    agora: Agora,
) -> None:
    agency = await agora.agency("ME")
    client_id: str = agency.client_id  # type: ignore[attr-defined]
    key = f"register-{MARK}"
    headers = {"Idempotency-Key": key}

    first = await agency.post("/v1/actors", json=PERSON, headers=headers)
    assert first.status_code == 201, first.text
    assert actors_named(agora, PERSON["public_name"]) == 1

    forget_at_gateway(agora, client_id, key)
    retry = await agency.post("/v1/actors", json=PERSON, headers=headers)
    assert retry.status_code == 409, retry.text
    assert retry.headers["content-type"] == "application/problem+json"
    problem = retry.json()
    assert problem["type"] == ALREADY_APPLIED
    assert "already applied" in problem["detail"]
    assert MARK not in retry.text  # no personal data in the problem
    assert actors_named(agora, PERSON["public_name"]) == 1

    # The gateway keeps that answer now: a further retry is its replay.
    replayed = await agency.post("/v1/actors", json=PERSON, headers=headers)
    assert replayed.status_code == 409
    assert replayed.headers["idempotent-replayed"] == "true"

    # The key with another request, once the gateway has forgotten it: 422 from the service.
    forget_at_gateway(agora, client_id, key)
    other = await agency.post(
        "/v1/actors", json={**PERSON, "public_name": f"Other {MARK}"}, headers=headers
    )
    assert other.status_code == 422, other.text
    assert actors_named(agora, f"Other {MARK}") == 0

    # Another client's identical key is its own: registered.
    other_agency = await agora.agency("ME")
    second = await other_agency.post("/v1/actors", json=PERSON, headers=headers)
    assert second.status_code == 201, second.text
    assert actors_named(agora, PERSON["public_name"]) == 2
