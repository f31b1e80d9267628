"""agora_client's reading of an actors CSV, its row keys, its credentials file and problems."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import httpx
import pytest
from agora_client import actors_csv, config
from agora_client.actors_csv import FileRefused, idempotency_key, parse
from agora_client.errors import ALREADY_APPLIED, AgoraError, ProblemError
from agora_client.transport import Token

HEADER = "kind,public_name,legal_name,sectors,host_country,gender,consent_given_on,consent_scope"


def test_a_row_becomes_the_body_of_post_actors() -> None:
    text = (
        "public_name,kind,sectors,host_country,email,women_led,monthly_active_users,"
        "inside_russia_share,activities\n"
        "Radio,media_outlet,independent_media; culture,DE,news@radio.example,Yes,12000,0.4,\n"
    )
    parsed = parse(text)
    assert parsed.refused == []
    [row] = parsed.rows
    assert row.line == 2
    assert row.body == {
        "public_name": "Radio",
        "kind": "media_outlet",
        "sectors": ["independent_media", "culture"],
        "host_country": "DE",
        "contact": {"email": "news@radio.example"},
        "leadership": {"women_led": True},
        "audience": {"monthly_active_users": 12000, "inside_russia_share": 0.4},
    }


def test_every_refused_row_is_reported_by_line_and_column_without_its_value() -> None:
    text = "\n".join(
        [
            HEADER,
            "individual,Anna,Anna Secretname,research,DE,female,2025-01-01,registration",
            "person,Bob,Bob Secretname,research,DE,,,",
            "individual,Cem,Cem Secretname,research,de,robot,2025-02-30,registration",
            "individual,Dan,Dan Secretname,research,DE,male,,",
            "individual,Anna,Anna Secretname,research,DE,female,2025-01-01,registration",
            "organisation,Eve",
        ]
    )
    parsed = parse(text)
    assert [row.line for row in parsed.rows] == [2]
    report = {refusal.line: refusal.reasons for refusal in parsed.refused}
    assert report == {
        3: ["kind: must be one of individual, organisation, media_outlet, initiative"],
        4: [
            "consent_given_on: must be a date YYYY-MM-DD",
            "gender: must be one of female, male, non_binary, undisclosed",
            "host_country: must match ^[A-Z]{2}$",
        ],
        5: ["representation columns need consent_given_on and consent_scope"],
        6: ["the same actor as line 2"],
        7: ["2 cells where the header has 8"],
    }
    assert "Secretname" not in repr(parsed.refused)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("kind,public_name,nickname\n", "unknown columns nickname"),
        ("kind,kind,public_name,sectors,host_country\n", "a column is named twice"),
        ("kind,public_name\n", "missing required columns: sectors, host_country"),
    ],
)
def test_a_file_that_is_not_actors_is_refused_whole(text: str, reason: str) -> None:
    with pytest.raises(FileRefused, match=reason):
        parse(text)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("kind,public_name\nindividual,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(FileRefused, match="not UTF-8"):
        actors_csv.read(path)


def test_a_row_key_depends_on_the_row_and_the_client_only() -> None:
    body = {"kind": "organisation", "public_name": "Radio", "sectors": ["culture"]}
    same = {"sectors": ["culture"], "public_name": "Radio", "kind": "organisation"}
    key = idempotency_key(body, "secret-a")
    assert key == idempotency_key(same, "secret-a")  # the order of columns does not matter
    assert key != idempotency_key({**body, "public_name": "Radio 2"}, "secret-a")
    assert key != idempotency_key(body, "secret-b")
    assert key.startswith("agora-import-")
    assert len(key) <= 255
    assert "Radio" not in key


def test_credentials_are_kept_for_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "agora" / "credentials.json"
    token = Token("tok", time.time() + 600)
    config.save(config.Credentials("http://gw", "cl_1", "s3cret", token), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = config.load(path)
    assert (loaded.url, loaded.client_id, loaded.client_secret) == ("http://gw", "cl_1", "s3cret")
    assert loaded.token == token
    assert "s3cret" not in repr(loaded)
    assert "tok" not in repr(loaded)

    path.chmod(0o640)
    with pytest.raises(AgoraError, match="readable by others"):
        config.load(path)
    assert config.forget(path)
    with pytest.raises(AgoraError, match="not logged in"):
        config.load(path)


def test_an_expired_token_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    config.save(config.Credentials("http://gw", "cl_1", "s", Token("old", time.time() - 1)), path)
    assert config.load(path).token is None


def test_a_write_applied_before_is_recognised_from_its_problem_type() -> None:
    request = httpx.Request("POST", "http://gateway/v1/actors")
    applied = httpx.Response(
        409,
        request=request,
        json={
            "type": ALREADY_APPLIED,
            "title": "Conflict",
            "status": 409,
            "detail": "This Idempotency-Key was already applied by an earlier request whose "
            "answer was lost; the write happened once — read the resource.",
        },
    )
    running = httpx.Response(
        409, request=request, json={"title": "Conflict", "status": 409, "detail": "still running"}
    )
    assert ProblemError.of(applied).already_applied
    assert not ProblemError.of(running).already_applied
    assert str(ProblemError.of(running)) == "409 Conflict: still running"
