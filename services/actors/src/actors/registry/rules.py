"""Pure rules of an actor's document: JSON Merge Patch and the checks across fields."""

from __future__ import annotations

from typing import Any

from agora_common.problems import PreconditionFailed, PreconditionRequired, Unprocessable
from pydantic import ValidationError

from actors.registry.schemas import ActorDocument


def invalid(errors: list[dict[str, Any]]) -> Unprocessable:
    """A 422 listing field errors."""
    return Unprocessable("The request is not valid; see errors.", errors=errors)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: apply ``patch`` to ``target`` (neither is modified)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def nesting_depth(value: Any, *, limit: int) -> int:
    """How deeply objects and arrays nest in ``value`` (a scalar is 0, ``{}`` is 1); stops
    counting, without recursion, once it exceeds ``limit``."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        pending.extend((child, depth) for child in children)
    return deepest


def field_errors(exc: ValidationError, prefix: tuple[str | int, ...] = ("body",)) -> list[dict]:
    """Pydantic errors as problem field errors, without the submitted values."""
    return [
        {
            "loc": [*prefix, *(p if isinstance(p, int) else str(p) for p in err["loc"])],
            "msg": err["msg"],
            "type": err["type"],
        }
        for err in exc.errors(include_input=False, include_url=False)
    ]


def document_errors(document: ActorDocument) -> list[dict]:
    """Rules across fields that the field types alone cannot say."""
    errors = []
    if document.representation is not None and document.consent is None:
        errors.append(
            {
                "loc": ["body", "representation"],
                "msg": "representation may only be recorded together with consent",
                "type": "consent_required",
            }
        )
    if document.leadership is not None and document.kind == "individual":
        errors.append(
            {
                "loc": ["body", "leadership"],
                "msg": "leadership is recorded for organisations, media outlets and initiatives",
                "type": "not_for_individuals",
            }
        )
    return errors


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """RFC 9110 If-Match with strong comparison: missing → 428, no current tag → 412."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("This change requires an If-Match header with the ETag.")
    tags = [t.strip() for t in if_match.split(",")]
    if "*" not in tags and etag(version) not in tags:
        raise stale()


def stale() -> PreconditionFailed:
    return PreconditionFailed("The actor has changed since that ETag; fetch it again.")
