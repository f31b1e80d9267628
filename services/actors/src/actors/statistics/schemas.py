"""Bodies of the registry's statistics."""

from __future__ import annotations

from pydantic import BaseModel


class RepresentationShares(BaseModel):
    """Shares among actors with consented representation data; null when under 5 people."""

    consented: int | None
    female: float | None
    male: float | None
    non_binary: float | None
    undisclosed: float | None
    non_russian_ethnic_origin: float | None
    national_minority: float | None
    vulnerable_groups: float | None


class Statistics(BaseModel):
    """Counts of live actors; every count or share resting on fewer than 5 actors is null.

    A snapshot, taken anew only after at least 5 counted changes (registrations, updates of
    counted attributes, erasures) since the last; every count is rounded to a multiple of 5 and
    shares are computed from the rounded counts, to 2 decimals."""

    total: int | None
    by_kind: dict[str, int | None]
    by_sector: dict[str, int | None]
    by_activity: dict[str, int | None]
    by_host_country: dict[str, int | None]
    by_origin_region: dict[str, int | None]
    representation: RepresentationShares
    minimum_cell: int = 5
