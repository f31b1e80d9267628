"""Changing an actor: JSON Merge Patch (RFC 7396) by its custodian, guarded by If-Match."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from agora_common.outbox import enqueue
from agora_common.problems import Unprocessable
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from actors.duplicates import service as duplicates
from actors.duplicates.fingerprints import IdentityKey
from actors.events import published
from actors.models import Actor
from actors.registry import repository, rules
from actors.registry.schemas import READ_ONLY_FIELDS, ActorDocument
from actors.registry.sealing import open_actor, personal_of, seal_attributes
from actors.registry.shape import ActorView, Sealed, columns_of
from actors.vault import Vault

# What the statistics count: an update touching any of these is a counted change.
COUNTED_COLUMNS = ("kind", "sectors", "activities", "host_country", "origin_region")
COUNTED_PERSONAL = ("representation", "consent")

# An actor document nests 3 levels deep (representation → vulnerable_groups → item); deeper
# patches are refused before they reach the merge or the encoder.
MAX_PATCH_DEPTH = 8


# What identity fingerprints are of: a change to either fingerprints the actor again.
IDENTITY_FIELDS = ("legal_name", "contact")


async def patch_actor(
    session: AsyncSession,
    *,
    actor: Actor,
    if_match: str | None,
    body: bytes,
    vault: Vault,
    identity_key: IdentityKey,
) -> tuple[ActorView, bool]:
    """Apply a merge patch for the custodian; returns the view and whether personal data
    was written."""
    rules.check_if_match(if_match, actor.version)
    patch = _parse_patch(body)
    opened = await open_actor(session, vault, actor)
    data_key, personal, risk_level = (
        opened.data_key,
        opened.sealed.personal,
        opened.sealed.risk_level,
    )
    current = ActorView(actor, opened.sealed).document()
    document = _validated(rules.merge_patch(current, patch))
    new_personal = personal_of(document)
    values = {
        column: value
        for column, value in columns_of(document).items()
        if getattr(actor, column) != value
    }
    personal_changed = new_personal != personal
    risk_changed = document.risk_level.value != risk_level
    if not values and not personal_changed and not risk_changed:
        return ActorView(actor, opened.sealed), False
    if _counted_change(values, personal, new_personal):
        values["statistics_changes"] = actor.statistics_changes + 1
    if personal_changed:
        values["personal"] = vault.seal(new_personal, data_key=data_key, actor_id=actor.id)
    if risk_changed:
        values["attributes"] = seal_attributes(vault, document, data_key, actor.id)
    if "sectors" in values or "activities" in values:
        values["sectors"] = [s.value for s in document.sectors]
        values["activities"] = [a.value for a in document.activities]
    values["updated_at"] = datetime.now(UTC)
    updated = await repository.update_actor(
        session, actor.id, expected_version=actor.version, values=values
    )
    if updated is None:
        raise rules.stale()
    await enqueue(session, *published.updated(updated))
    if any(personal.get(name) != new_personal.get(name) for name in IDENTITY_FIELDS):
        await duplicates.record_identity(
            session, actor=updated, personal=new_personal, key=identity_key
        )
    return ActorView(updated, Sealed(document.risk_level.value, new_personal)), (
        personal_changed or risk_changed
    )


def _validated(merged: dict[str, Any]) -> ActorDocument:
    try:
        encoded = orjson.dumps(merged)
    except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        raise Unprocessable.field(["body"], "cannot be applied", "json_invalid") from None
    try:
        document = ActorDocument.model_validate_json(encoded)
    except ValidationError as exc:
        raise rules.invalid(rules.field_errors(exc)) from None
    if errors := rules.document_errors(document):
        raise rules.invalid(errors)
    return document


def _counted_change(
    values: dict[str, Any], personal: dict[str, Any], new_personal: dict[str, Any]
) -> bool:
    return any(column in values for column in COUNTED_COLUMNS) or any(
        personal.get(name) != new_personal.get(name) for name in COUNTED_PERSONAL
    )


def _parse_patch(body: bytes) -> dict[str, Any]:
    try:
        patch = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise Unprocessable.field(["body"], "must be a JSON object", "json_invalid") from None
    if not isinstance(patch, dict):
        raise Unprocessable.field(["body"], "must be a JSON object", "type_error")
    if rules.nesting_depth(patch, limit=MAX_PATCH_DEPTH) > MAX_PATCH_DEPTH:
        raise Unprocessable.field(
            ["body"], f"is nested deeper than {MAX_PATCH_DEPTH} levels", "too_deep"
        )
    read_only = [
        {"loc": ["body", name], "msg": "is read-only", "type": "read_only"}
        for name in READ_ONLY_FIELDS
        if name in patch
    ]
    if read_only:
        raise rules.invalid(read_only)
    return patch
