"""Every JSON body of the merged OpenAPI document has a realistic example, valid against its schema.

An example sits on the pydantic model (``model_config = ConfigDict(json_schema_extra={"examples":
[...]})``, then the schema's ``examples``), on a field (``Field(examples=...)``), or on the
media type. This walks the running gateway's ``/openapi.json``: every request body and every
2xx response body with a JSON media type needs at least one example, and every example anywhere
in the document (bodies, schemas, properties) must validate against its schema with
``jsonschema`` (draft 2020-12, formats checked, ``date-time`` with an offset as the API sends).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from agora_platform.testing.e2e import Agora
from jsonschema import Draft202012Validator

METHODS = ("get", "put", "post", "patch", "delete")
FORMATS = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a date, a time and an offset (``Z`` or ``±hh:mm``)."""
    if not isinstance(value, str):
        return True
    moment = datetime.fromisoformat(value)
    return "T" in value.upper() and moment.tzinfo is not None


Body = tuple[str, dict[str, Any]]  # where ("POST /v1/actors 201"), its media type object


def json_bodies(document: dict[str, Any]) -> Iterator[Body]:
    """Every request body and 2xx response body with a JSON media type."""
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                if media_type.endswith("json"):
                    yield f"{where} request {media_type}", media
            for status, response in operation.get("responses", {}).items():
                for media_type, media in response.get("content", {}).items():
                    if status.startswith("2") and media_type.endswith("json"):
                        yield f"{where} {status} {media_type}", media


def _resolved(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def body_examples(media: dict[str, Any], document: dict[str, Any]) -> list[Any]:
    """The examples of a body: its media type's, its schema's, or (a union) its branches'."""
    found = [media["example"]] if "example" in media else []
    found += [e["value"] for e in media.get("examples", {}).values() if "value" in e]
    schema = _resolved(media.get("schema", {}), document)
    found += schema.get("examples", [])
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found += _resolved(branch, document).get("examples", [])
    return found


def validator(schema: dict[str, Any], document: dict[str, Any]) -> Draft202012Validator:
    """A validator of ``schema`` whose ``#/components/...`` references reach the document's."""
    root = {**schema, "components": document.get("components", {})}
    return Draft202012Validator(root, format_checker=FORMATS)


def schema_examples(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every ``examples`` entry of every (sub)schema, in the
    components and in the paths (parameters' schemas). A JSON Schema's ``examples`` is a list;
    OpenAPI's media-type and parameter ``examples`` are maps (bodies are checked above)."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any], Any]]:
        if isinstance(node, dict):
            if isinstance(node.get("examples"), list):
                for example in node["examples"]:
                    yield where, node, example
            for key, value in node.items():
                yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}/{index}")

    yield from walk(document.get("components", {}).get("schemas", {}), "#/components/schemas")
    yield from walk(document.get("paths", {}), "#/paths")


def invalid_examples(document: dict[str, Any]) -> list[str]:
    """Each example that does not validate: where, and the first error's message."""
    found = []
    for where, media in json_bodies(document):
        check = validator(media.get("schema", {}), document)
        for example in body_examples(media, document):
            if error := next(iter(check.iter_errors(example)), None):
                found.append(f"{where}: {error.message} at {list(error.absolute_path)}")
    for where, schema, example in schema_examples(document):
        body = {k: v for k, v in schema.items() if k != "examples"}
        if error := next(iter(validator(body, document).iter_errors(example)), None):
            found.append(f"{where}: {error.message} at {list(error.absolute_path)}")
    return found


def bodies_without_example(document: dict[str, Any]) -> list[str]:
    return [where for where, media in json_bodies(document) if not body_examples(media, document)]


@pytest.fixture(scope="module")
async def merged(agora: Agora) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=agora.url, timeout=30) as anonymous:
        response = await anonymous.get("/openapi.json")
    assert response.status_code == 200
    document = dict(response.json())
    for prefix in ("/v1/actors", "/v1/funding", "/v1/evaluation", "/v1/auth"):
        assert any(p.startswith(prefix) for p in document["paths"]), f"no {prefix} paths"
    return document


def test_every_json_body_has_an_example(merged: dict[str, Any]) -> None:
    assert sum(1 for _ in json_bodies(merged)) > 60
    missing = bodies_without_example(merged)
    assert not missing, f"{len(missing)} bodies without an example:\n" + "\n".join(missing)


def test_every_example_is_valid_against_its_schema(merged: dict[str, Any]) -> None:
    invalid = invalid_examples(merged)
    assert not invalid, f"{len(invalid)} invalid examples:\n" + "\n".join(invalid)


def test_a_wrong_or_missing_example_is_reported(merged: dict[str, Any]) -> None:
    """Negative controls on a copy: an example missing a required field, one with a naive
    timestamp, and a body whose example is taken away."""
    broken = copy.deepcopy(merged)
    token = broken["components"]["schemas"]["TokenResponse"]
    token["examples"] = [{"token_type": "Bearer", "expires_in": 900}]
    assert any("TokenResponse" in p and "access_token" in p for p in invalid_examples(broken))
    audit_event = broken["components"]["schemas"]["AuditEvent"]
    naive = {**audit_event["examples"][0], "at": "2026-03-02T09:15:00"}
    audit_event["examples"] = [naive]
    assert any("AuditEvent" in p for p in invalid_examples(broken))
    del token["examples"]
    assert "POST /v1/auth/token 200 application/json" in bodies_without_example(broken)
