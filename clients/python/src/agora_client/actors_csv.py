"""Actors from a CSV file: each row becomes the body of ``POST /v1/actors``, checked before sending.

One row per actor, a header row naming the columns (any order; unknown columns refuse the file).
``kind``, ``public_name``, ``sectors`` and ``host_country`` are required; an empty cell is "not
given". Lists (``sectors``, ``activities``, ``vulnerable_groups``) are separated by ``;``;
booleans are ``true``/``false`` (also ``yes``/``no``, ``1``/``0``); dates ``YYYY-MM-DD``.

Every row is checked against the request schema of ``POST /v1/actors`` in the OpenAPI document
the client was generated from (kept beside the generated code), plus the rules that schema cannot
say (``representation`` only with ``consent``, ``leadership`` not for individuals). A refusal
names the row, the column and why, never the cell's value: the file holds personal data.

Each row's ``Idempotency-Key`` is an HMAC of its body under the client's secret: the same row
sent again, from this file or another, is the same request to the gateway, which runs it once.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from agora_client.errors import FileRefused

__all__ = ["FileRefused", "Parsed", "Refusal", "Row", "idempotency_key", "parse", "read"]

LISTS = ("sectors", "activities", "vulnerable_groups")
BOOLEANS = ("national_minority", "women_led", "minority_led", "regional")
# CSV column → where its value goes in the body (a path of keys).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind",),
    "public_name": ("public_name",),
    "legal_name": ("legal_name",),
    "sectors": ("sectors",),
    "activities": ("activities",),
    "host_country": ("host_country",),
    "origin_region": ("origin_region",),
    "relocated_on": ("relocated_on",),
    "established_on": ("established_on",),
    "risk_level": ("risk_level",),
    "email": ("contact", "email"),
    "phone": ("contact", "phone"),
    "postal_address": ("contact", "postal_address"),
    "gender": ("representation", "gender"),
    "ethnic_origin": ("representation", "ethnic_origin"),
    "national_minority": ("representation", "national_minority"),
    "vulnerable_groups": ("representation", "vulnerable_groups"),
    "consent_given_on": ("consent", "given_on"),
    "consent_scope": ("consent", "scope"),
    "monthly_active_users": ("audience", "monthly_active_users"),
    "inside_russia_share": ("audience", "inside_russia_share"),
    "women_led": ("leadership", "women_led"),
    "minority_led": ("leadership", "minority_led"),
    "regional": ("leadership", "regional"),
}
REQUIRED = ("kind", "public_name", "sectors", "host_country")
MAX_ROWS = 100_000
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass(slots=True)
class Row:
    line: int  # the line in the file, as an editor shows it (the header is line 1)
    body: dict[str, Any]


@dataclass(slots=True)
class Refusal:
    line: int
    reasons: list[str]

    def __str__(self) -> str:
        return f"line {self.line}: {'; '.join(self.reasons)}"


@dataclass(slots=True)
class Parsed:
    rows: list[Row] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


@cache
def _document() -> dict[str, Any]:
    text = (resources.files("agora_client._generated") / "openapi.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def actor_validator() -> Draft202012Validator:
    """A validator for the body of ``POST /v1/actors``, from the packaged OpenAPI document."""
    document = _document()
    body = document["paths"]["/v1/actors"]["post"]["requestBody"]["content"]["application/json"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:agora:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    schema = {"$ref": "urn:agora:openapi#" + body["schema"]["$ref"].removeprefix("#")}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def read(path: Path) -> Parsed:
    """Every row of the file, checked; FileRefused when the file itself is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(f"{path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise FileRefused(f"cannot read {path.name}: {exc.strerror}") from None
    return parse(text)


def parse(text: str) -> Parsed:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise FileRefused("the file is empty: it needs a header row") from None
    except csv.Error as exc:
        raise FileRefused(f"line 1 is not CSV: {exc}") from None
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise FileRefused(f"unknown columns {', '.join(unknown)}; known: {', '.join(COLUMNS)}")
    if len(set(header)) != len(header):
        raise FileRefused("a column is named twice in the header")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileRefused(f"missing required columns: {', '.join(missing)}")
    parsed = Parsed()
    first_line: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            if len(parsed.rows) + len(parsed.refused) >= MAX_ROWS:
                raise FileRefused(f"more than {MAX_ROWS} rows: split the file")
            if len(cells) != len(header):
                parsed.refused.append(
                    Refusal(line, [f"{len(cells)} cells where the header has {len(header)}"])
                )
                continue
            body, reasons = row_body(dict(zip(header, cells, strict=True)))
            reasons += check(body)
            if not reasons:
                canonical = canonical_json(body)
                if canonical in first_line:
                    reasons = [f"the same actor as line {first_line[canonical]}"]
                else:
                    first_line[canonical] = line
            if reasons:
                parsed.refused.append(Refusal(line, reasons))
            else:
                parsed.rows.append(Row(line, body))
    except csv.Error as exc:
        raise FileRefused(f"line {reader.line_num} is not CSV: {exc}") from None
    return parsed


def row_body(cells: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The request body a row describes, and what in it cannot even be read."""
    body: dict[str, Any] = {}
    reasons: list[str] = []
    for column, raw in cells.items():
        text = raw.strip()
        if not text:
            continue
        value: Any = text
        if column in LISTS:
            value = [item.strip() for item in text.split(";") if item.strip()]
        elif column in BOOLEANS:
            if text.lower() not in _TRUE | _FALSE:
                reasons.append(f"{column}: must be true or false")
                continue
            value = text.lower() in _TRUE
        elif column == "monthly_active_users":
            if not text.isdigit():
                reasons.append(f"{column}: must be a whole number")
                continue
            value = int(text)
        elif column == "inside_russia_share":
            try:
                value = float(text)
            except ValueError:
                reasons.append(f"{column}: must be a number from 0 to 1")
                continue
        *parents, leaf = COLUMNS[column]
        target = body
        for key in parents:
            target = target.setdefault(key, {})
        target[leaf] = value
    return body, reasons


def check(body: dict[str, Any]) -> list[str]:
    """Why the platform would refuse this body (schema and the documented cross-field rules)."""
    reasons = sorted({explain(error) for error in actor_validator().iter_errors(body)})
    if "representation" in body and "consent" not in body:
        reasons.append("representation columns need consent_given_on and consent_scope")
    if "leadership" in body and body.get("kind") == "individual":
        reasons.append("women_led, minority_led and regional are not for individuals")
    return reasons


def _column(error: ValidationError, *, then: str | None = None) -> str:
    """The CSV column an error is about (``sectors``, ``email``), from its path in the body."""
    path = [part for part in error.absolute_path if isinstance(part, str)]
    path += [then] if then else []
    for column, target in COLUMNS.items():
        if tuple(path[: len(target)]) == target:
            return column
    return ".".join(path) or "row"


def _leaf(error: ValidationError) -> ValidationError:
    """Inside ``anyOf: [X, null]``, the reason X refused the value (not "is not null")."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        useful = [
            e for e in error.context if not (e.validator == "type" and e.validator_value == "null")
        ]
        if useful:
            return _leaf(max(useful, key=lambda e: len(e.relative_path)))
    return error


def explain(error: ValidationError) -> str:
    """One reason, naming the column and the rule but never the value."""
    leaf = _leaf(error)
    rule, expected = leaf.validator, leaf.validator_value
    if rule == "required":
        missing = leaf.message.split("'")[1] if "'" in leaf.message else None
        return f"{_column(leaf, then=missing)}: required"
    column = _column(leaf)
    if rule == "additionalProperties":
        return f"{column}: not a field of an actor"
    messages = {
        "enum": lambda: f"must be one of {', '.join(map(str, expected))}",
        "const": lambda: f"must be {expected}",
        "pattern": lambda: f"must match {expected}",
        "format": lambda: (
            "must be a date YYYY-MM-DD" if expected == "date" else f"must be a {expected}"
        ),
        "type": lambda: f"must be {expected}",
        "minLength": lambda: f"must have at least {expected} characters",
        "maxLength": lambda: f"must have at most {expected} characters",
        "minItems": lambda: f"must list at least {expected}",
        "maxItems": lambda: f"must list at most {expected}",
        "minimum": lambda: f"must be at least {expected}",
        "maximum": lambda: f"must be at most {expected}",
        "uniqueItems": lambda: "must not repeat an item",
    }
    message = messages.get(str(rule), lambda: f"fails the rule {rule}")()
    return f"{column}: {message}"


def canonical_json(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def idempotency_key(body: dict[str, Any], secret: str) -> str:
    """The same row always gets the same key (per client: keyed with the client's secret)."""
    digest = hmac.new(secret.encode(), canonical_json(body).encode(), hashlib.sha256)
    return f"agora-import-{digest.hexdigest()}"
