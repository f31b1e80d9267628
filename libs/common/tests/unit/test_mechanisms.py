"""Cursors, CloudEvents, problem details and generated secrets."""

import os
import stat
import threading
from pathlib import Path

import pytest
from agora_common.events import CloudEvent, MalformedEvent
from agora_common.keys import load_or_create
from agora_common.pagination import decode_cursor, encode_cursor
from agora_common.problems import Conflict, Unprocessable


def test_a_cursor_round_trips() -> None:
    assert decode_cursor(encode_cursor("2026-01-01", "act_x"), str, str) == ("2026-01-01", "act_x")
    assert decode_cursor(None, str, str) is None


@pytest.mark.parametrize(
    "cursor",
    ["", "%%%", "bm90IGpzb24", encode_cursor("a"), "W3t9LCAxXQ"],  # the last: [{}, 1]
)
def test_a_foreign_cursor_is_a_422(cursor: str) -> None:
    with pytest.raises(Unprocessable):
        decode_cursor(cursor, str, str)


def test_a_cloudevent_round_trips_as_structured_json() -> None:
    event = CloudEvent(type="agora.x.happened.v1", source="agora/x", subject="s1", data={"a": 1})
    raw = event.to_json()
    assert b'"specversion":"1.0"' in raw
    assert b'"datacontenttype":"application/json"' in raw
    back = CloudEvent.from_json(raw)
    assert back == event
    assert back.time.tzinfo is not None


@pytest.mark.parametrize(
    "raw", [b"not json", b"[]", b'{"specversion":"0.3"}', b'{"specversion":"1.0","data":{}}']
)
def test_malformed_events_are_recognised(raw: bytes) -> None:
    with pytest.raises(MalformedEvent):
        CloudEvent.from_json(raw)


def test_problem_bodies() -> None:
    assert Conflict("Already assessed.").body() == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "Already assessed.",
    }
    field = Unprocessable.field(["body", "amount"], "too many decimals").body()
    assert field["errors"] == [
        {"loc": ["body", "amount"], "msg": "too many decimals", "type": "value_error"}
    ]


def test_generated_secrets_are_private_and_created_once(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret"
    results: list[bytes] = []
    counter = iter(range(100))

    def make() -> bytes:
        return f"secret-{next(counter)}".encode()

    threads = [
        threading.Thread(target=lambda: results.append(load_or_create(path, make)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1  # every racer reads the one winner
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
