"""Pure rules of the registry: JSON Merge Patch, cross-field checks, small-cell suppression."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from actors.registry.schemas import ActorDocument

# Any count or share resting on fewer people than this is suppressed (null).
MINIMUM_CELL = 5
# Every published count is rounded to a multiple of this, so that a count tells nothing exact.
ROUNDING_BASE = 5


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
    return errors


def permit_period_errors(valid_from: date, valid_until: date) -> list[dict]:
    if valid_until <= valid_from:
        return [
            {
                "loc": ["body", "valid_until"],
                "msg": "must be after valid_from",
                "type": "date_order",
            }
        ]
    return []


def publishable(count: int, population: int | None, *, strict: bool = False) -> bool:
    """A count may be shown when it, and what it leaves of its population, are not small.

    ``strict`` (for special-category data) also hides "everyone": a share of 100 % would tell
    the attribute of every person in the population.
    """
    if count < MINIMUM_CELL:
        return False
    if population is None:
        return True
    rest = population - count
    return rest >= MINIMUM_CELL or (rest == 0 and not strict)


def suppress_total(total: int) -> int | None:
    return total if total >= MINIMUM_CELL else None


def suppress_partition(
    counts: Mapping[str, int],
    population: int | None,
    *,
    keys: list[str] | None = None,
    strict: bool = False,
) -> dict[str, int | None]:
    """Cells of a dimension where each actor has at most one value (kind, host country …).

    Besides small cells, whatever the published cells leave of the population must itself be
    none or not small — else subtracting them from the total would reveal the small cells —
    so the smallest published cells are suppressed too until that holds.
    """
    keys = keys if keys is not None else sorted(counts)
    if population is None:
        return dict.fromkeys(keys)
    published = {
        k: counts.get(k, 0)
        for k in keys
        if publishable(counts.get(k, 0), population, strict=strict)
    }
    while 0 < population - sum(published.values()) < MINIMUM_CELL and published:
        smallest = min(published, key=lambda k: (published[k], k))
        del published[smallest]
    return {k: published.get(k) for k in keys}


def suppress_overlapping(
    counts: Mapping[str, int], population: int | None, *, keys: list[str]
) -> dict[str, int | None]:
    """Cells of a dimension where an actor may have several values (sectors, activities)."""
    if population is None:
        return dict.fromkeys(keys)
    return {
        k: counts.get(k, 0) if publishable(counts.get(k, 0), population) else None for k in keys
    }


def rounded(count: int | None) -> int | None:
    """A published count rounded to the nearest multiple of 5 (halves up); null stays null."""
    if count is None:
        return None
    return ROUNDING_BASE * ((count + ROUNDING_BASE // 2) // ROUNDING_BASE)


def rounded_cells(cells: Mapping[str, int | None]) -> dict[str, int | None]:
    return {k: rounded(v) for k, v in cells.items()}


def share_of(count: int | None, population: int | None) -> float | None:
    """The share of two published (rounded) counts, to 2 decimals; null if either is."""
    if count is None or not population:
        return None
    return round(count / population, 2)


def share(count: int, population: int | None) -> float | None:
    """``count / population`` from their rounded values, or null when either side rests on
    fewer than 5 people."""
    if population is None or not publishable(count, population, strict=True):
        return None
    return share_of(rounded(count), rounded(population))
