"""The AsyncAPI document: generated from the event schemas, valid for the AsyncAPI project's own
parser (@asyncapi/parser, ``make node-tools``), true to the envelope ``EventSource`` builds, and
served by the gateway to anyone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from agora_common.events import EventSource
from agora_contracts.asyncapi import document, parse_type
from agora_contracts.events import EVENT_TYPES, CommitmentMade, FxRateSet, Period
from agora_platform.testing.e2e import Agora
from agora_platform.testing.events import Published, invalid_events

ROOT = Path(__file__).resolve().parents[1]
NODE_TOOLS = ROOT / "tools" / "node"
VALIDATE = NODE_TOOLS / "validate-asyncapi.mjs"


def parse(path: Path) -> subprocess.CompletedProcess[str]:
    """Run the AsyncAPI parser on ``path``; skip (fail in CI) when node or the parser is missing."""
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / "@asyncapi" / "parser").is_dir():
        message = "node or @asyncapi/parser is not installed: run `make node-tools`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return subprocess.run(
        [node, str(VALIDATE), str(path)], capture_output=True, text=True, timeout=120, check=False
    )


def generated() -> dict[str, Any]:
    """The document as JSON would carry it."""
    return dict(json.loads(json.dumps(document())))


def test_the_asyncapi_parser_accepts_the_document(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.json"
    path.write_text(json.dumps(generated()))
    result = parse(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid AsyncAPI 3.0.0" in result.stdout


def test_the_parser_refuses_a_broken_document(tmp_path: Path) -> None:
    broken = generated()
    del broken["info"]["version"]
    channel = next(iter(broken["channels"].values()))
    channel["messages"]["missing"] = {"$ref": "#/components/messages/noSuchMessage"}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    result = parse(path)
    assert result.returncode == 1
    assert "invalid-ref" in result.stdout


def test_every_event_type_is_a_message_on_its_subject_and_stream() -> None:
    body = generated()
    assert body["asyncapi"] == "3.0.0"
    names = {m["name"] for m in body["components"]["messages"].values()}
    assert set(EVENT_TYPES) <= names
    by_address = {c["address"]: c for c in body["channels"].values()}
    for event_type, model in EVENT_TYPES.items():
        service, name, _ = parse_type(event_type)
        source = EventSource(service)
        channel = by_address[f"agora.{service}.{name}"]
        assert channel["tags"] == [{"name": source.stream}]
        components = [r["$ref"].rsplit("/", 1)[1] for r in channel["messages"].values()]
        [message] = [
            body["components"]["messages"][c]
            for c in components
            if body["components"]["messages"][c]["name"] == event_type
        ]
        assert message["payload"]["properties"]["data"] == {
            "$ref": f"#/components/schemas/{model.__name__}"
        }
        assert message["payload"]["properties"]["source"]["const"] == source.source
    streams = {tag["name"] for tag in body["info"]["tags"]}
    assert {"ACTORS", "FUNDING", "EVALUATION", "DEADLETTER"} <= streams


def test_an_event_as_event_source_builds_it_fits_its_message() -> None:
    funding = EventSource("funding")
    made = CommitmentMade(
        commitment_id="com_1",
        donor="DE",
        actor_id="act_1",
        instrument="grant",
        amount=Decimal("1000.50"),
        currency="EUR",
        period=Period(start=date(2026, 1, 1), end=date(2026, 12, 31)),
        purposes=["anti_war"],
        status="active",
        horizon="short",
        version=1,
    )
    subject, event = funding.event("commitment_made", "com_1", made.to_data())
    fx_subject, fx = funding.event(
        "fx_rate_set",
        "XAF",
        FxRateSet(currency="XAF", eur_per_unit=Decimal("1E-7"), as_of=date(2026, 1, 1)).to_data(),
    )
    headers = {"Nats-Msg-Id": event.id, "traceparent": f"00-{'a' * 32}-{'b' * 16}-01"}
    fits = [
        Published("made", subject, headers, event.to_json()),
        Published("fx", fx_subject, {"Nats-Msg-Id": fx.id}, fx.to_json()),
    ]
    assert invalid_events(generated(), fits) == []

    # The check can fail: a number for a decimal, a missing field, a foreign source, no id header.
    wrong = json.loads(event.to_json())
    wrong["data"]["amount"] = 1000.5
    del wrong["data"]["period"]
    wrong["source"] = "agora/actors"
    problems = invalid_events(
        generated(),
        [
            Published("wrong", subject, {}, json.dumps(wrong).encode()),
            Published("unknown", "agora.funding.no_such_event", {}, event.to_json()),
        ],
    )
    assert any("data/amount" in p for p in problems), problems
    assert any("'period' is a required property" in p for p in problems), problems
    assert any("source" in p for p in problems), problems
    assert any("'Nats-Msg-Id' is a required property" in p for p in problems), problems
    assert any("no channel for subject agora.funding.no_such_event" in p for p in problems)


async def test_the_gateway_serves_the_document_to_anyone(agora: Agora) -> None:
    async with httpx.AsyncClient(base_url=agora.url) as anonymous:
        response = await anonymous.get("/asyncapi.json")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    served = response.json()
    assert served["asyncapi"] == "3.0.0"
    assert {c["address"] for c in generated()["channels"].values()} < {
        c["address"] for c in served["channels"].values()
    }
    assert "agora.audit.checkpoints" in {c["address"] for c in served["channels"].values()}
