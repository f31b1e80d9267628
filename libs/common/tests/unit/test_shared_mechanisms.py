"""The small mechanisms every service and the gateway share: ids, keyset pages, events, problems."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest
from agora_common.events import CloudEvent, EventSource
from agora_common.ids import ID_PATTERN, new_id
from agora_common.pagination import decode_cursor, encode_cursor, page_of
from agora_common.problems import PROBLEM_JSON, Problem, Unprocessable, send_problem


def test_ids_are_random_and_match_the_pattern() -> None:
    ids = {new_id("act") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(re.fullmatch(ID_PATTERN, i) and i.startswith("act_") for i in ids)
    assert not re.fullmatch(ID_PATTERN, "x" * 65)


def test_a_cursor_round_trips_typed_positions() -> None:
    moment = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    cursor = encode_cursor(moment, date(2027, 1, 2), 7, "act_x")
    assert decode_cursor(cursor, datetime, date, int, str) == (
        moment,
        date(2027, 1, 2),
        7,
        "act_x",
    )
    assert decode_cursor(None, datetime, str) is None


def test_a_naive_timestamp_is_never_encoded() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        encode_cursor(datetime(2026, 1, 1), "x")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("cursor", "kinds"),
    [
        ("%%%", (str,)),
        ("bm90IGpzb24", (str,)),
        (encode_cursor("a"), (str, str)),
        (encode_cursor("2026-01-01T00:00:00"), (datetime,)),  # no offset
        (encode_cursor("not a date"), (date,)),
        (encode_cursor("7"), (int,)),
        (encode_cursor(7), (str,)),
    ],
)
def test_a_cursor_this_api_did_not_issue_is_a_422(cursor: str, kinds: tuple[type, ...]) -> None:
    with pytest.raises(Unprocessable) as refused:
        decode_cursor(cursor, *kinds)
    assert refused.value.errors == [
        {"loc": ["query", "cursor"], "msg": "Not a cursor this API issued.", "type": "value_error"}
    ]


def test_page_of_cuts_the_extra_row_and_points_at_the_last_kept() -> None:
    rows = [(i, f"id{i}") for i in range(4)]
    page = page_of(rows, 3, key=lambda r: (r[0], r[1]))
    assert page.items == rows[:3]
    assert decode_cursor(page.next_cursor, int, str) == (2, "id2")
    last = page_of(rows[:3], 3, key=lambda r: (r[0], r[1]))
    assert last.items == rows[:3]
    assert last.next_cursor is None


def test_an_event_source_names_stream_subject_type_and_source() -> None:
    funding = EventSource("funding")
    assert (funding.stream, funding.subjects, funding.source) == (
        "FUNDING",
        ["agora.funding.>"],
        "agora/funding",
    )
    subject, event = funding.event("commitment_made", "cmt_1", {"a": 1}, version=2)
    assert subject == "agora.funding.commitment_made"
    assert (event.type, event.source, event.subject, event.data) == (
        "agora.funding.commitment_made.v2",
        "agora/funding",
        "cmt_1",
        {"a": 1},
    )
    assert CloudEvent.from_json(event.to_json()).type == event.type


async def test_send_problem_writes_the_same_body_as_a_problem() -> None:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await send_problem(send, 429, "Slow down.", headers={"Retry-After": "3"})
    start, body = sent
    assert start["status"] == 429
    assert (b"content-type", PROBLEM_JSON.encode()) in start["headers"]
    assert (b"retry-after", b"3") in start["headers"]
    assert orjson.loads(body["body"]) == Problem("Slow down.", status=429).body()


@pytest.mark.parametrize(
    ("cursor", "kinds"),
    [
        ("WzE4NDQ2NzQ0MDczNzA5NTUxNjE1XQ", (int,)),  # [18446744073709551615]: past 2^63
        (encode_cursor("0001-01-01T00:00:00+14:00", "x"), (datetime, str)),  # no UTC equivalent
    ],
)
def test_a_cursor_beyond_what_the_database_holds_is_a_422(cursor: str, kinds: Any) -> None:
    with pytest.raises(Unprocessable):
        decode_cursor(cursor, *kinds)
