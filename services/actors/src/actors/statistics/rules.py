"""Pure rules of the statistics: small-cell suppression and rounding (the noise is in
``privacy``)."""

from __future__ import annotations

from collections.abc import Mapping

# Any count or share resting on fewer people than this is suppressed (null).
MINIMUM_CELL = 5
# Every published count is rounded to a multiple of this, so that a count tells nothing exact.
ROUNDING_BASE = 5


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
    """The share of two published counts, to 2 decimals; null if either is."""
    if count is None or not population:
        return None
    return round(count / population, 2)


def share(count: int, population: int | None) -> float | None:
    """``count / population`` to 2 decimals, or null when either side rests on fewer than 5
    people (representation: the counts carry noise already, see ``privacy``)."""
    if population is None or not publishable(count, population, strict=True):
        return None
    return share_of(count, population)
