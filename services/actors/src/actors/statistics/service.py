"""Statistics of the registry: one-way tables of rounded counts, small cells suppressed, taken
as a snapshot that changes only after enough changes of the registry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from agora_common.db import Database
from sqlalchemy.ext.asyncio import AsyncSession

from actors.registry.schemas import Activity, ActorKind, Gender, Sector
from actors.statistics import repository, rules
from actors.statistics.schemas import RepresentationShares, Statistics
from actors.statistics.snapshot import decode_snapshot, encode_snapshot
from actors.types import COUNTRIES, RUSSIAN_REGIONS
from actors.vault import Vault

# Self-declared origins counted as Russian when computing the non-Russian share.
RUSSIAN = {"russian", "russians", "русский", "русская", "русские", "russe", "russisch"}

# A new snapshot of the statistics is taken only after this many counted changes since the
# last one, so no difference between two snapshots rests on fewer people than a published cell.
SNAPSHOT_AFTER_CHANGES = 5

KINDS = [k.value for k in ActorKind]
SECTORS = [s.value for s in Sector]
ACTIVITIES = [a.value for a in Activity]
REPRESENTATION_FLAGS = ("non_russian_ethnic_origin", "national_minority", "vulnerable_groups")


class StatisticsGuard:
    """Lets one request at a time of this process take a new snapshot."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()


async def statistics(*, db: Database, vault: Vault, guard: StatisticsGuard) -> Statistics:
    """The statistics snapshot, taken anew only after at least 5 counted changes since the last.

    Between two snapshots at least 5 registrations, updates of counted attributes or erasures
    happened, so no difference between them can be pinned on one person; and the counts are
    rounded to multiples of 5 besides. Each step holds one connection at a time, and a request
    waiting for another's new snapshot holds none.
    """
    async with db.transaction(readonly=True) as reader:
        published = await _current_snapshot(reader)
    if published is not None:
        return published
    async with guard.lock:
        async with db.transaction(readonly=True) as reader:
            published = await _current_snapshot(reader)
            if published is not None:  # taken while this request waited
                return published
            snapshot = await repository.get_snapshot(reader)
            fresh = await _compute_statistics(reader, vault)
            # Counted after computing: the snapshot reflects at most this many changes, so
            # the next one (taken at least 5 later) differs from it by at least 5.
            taken_at_changes = await repository.registry_changes(reader)
        async with db.transaction() as writer:
            stored = await repository.replace_snapshot(
                writer,
                expected_changes=snapshot.changes,
                changes=taken_at_changes,
                body=encode_snapshot(fresh),
                taken_at=datetime.now(UTC),
            )
            if stored:
                return fresh
            # Another instance stored a snapshot meanwhile: publish that one, never both.
            current = await repository.get_snapshot(writer)
    published = decode_snapshot(current.body)
    if published is None:  # a snapshot, once taken, is never removed
        raise RuntimeError("the statistics snapshot vanished")
    return published


async def _current_snapshot(session: AsyncSession) -> Statistics | None:
    """The stored snapshot, unless there is none or 5 counted changes happened since."""
    snapshot = await repository.get_snapshot(session)
    published = decode_snapshot(snapshot.body)
    if published is None:
        return None
    changes = await repository.registry_changes(session)
    if changes - snapshot.changes >= SNAPSHOT_AFTER_CHANGES:
        return None
    return published


async def _compute_statistics(session: AsyncSession, vault: Vault) -> Statistics:
    """Counts and representation shares: cells under 5 people suppressed, the rest rounded to
    multiples of 5, shares computed from the rounded counts."""
    population = rules.suppress_total(await repository.count_actors(session))

    def partition(counts: dict[str, int], keys: list[str]) -> dict[str, int | None]:
        return rules.rounded_cells(rules.suppress_partition(counts, population, keys=keys))

    def overlapping(counts: dict[str, int], keys: list[str]) -> dict[str, int | None]:
        return rules.rounded_cells(rules.suppress_overlapping(counts, population, keys=keys))

    return Statistics(
        total=rules.rounded(population),
        by_kind=partition(await repository.counts_by_kind(session), KINDS),
        by_sector=overlapping(await repository.counts_by_sector(session), SECTORS),
        by_activity=overlapping(await repository.counts_by_activity(session), ACTIVITIES),
        by_host_country=partition(await repository.counts_by_host_country(session), COUNTRIES),
        by_origin_region=partition(
            await repository.counts_by_origin_region(session), RUSSIAN_REGIONS
        ),
        representation=await _representation(session, vault, population),
    )


async def _representation(
    session: AsyncSession, vault: Vault, population: int | None
) -> RepresentationShares:
    """Shares over consented representation data, decrypted in memory and never stored."""
    counts = await _representation_counts(session, vault)
    consented = counts.pop("consented")
    consented_shown = consented if rules.publishable(consented, population) else None
    genders = rules.suppress_partition(
        {g.value: counts[g.value] for g in Gender},
        consented_shown,
        keys=[g.value for g in Gender],
        strict=True,
    )
    return RepresentationShares(
        consented=rules.rounded(consented_shown),
        **{
            g: rules.share_of(rules.rounded(n), rules.rounded(consented_shown))
            for g, n in genders.items()
        },
        **{name: rules.share(counts[name], consented_shown) for name in REPRESENTATION_FLAGS},
    )


async def _representation_counts(session: AsyncSession, vault: Vault) -> dict[str, int]:
    """Counts over consented representation data, decrypted in memory and never stored."""
    counts = dict.fromkeys(["consented", *(g.value for g in Gender), *REPRESENTATION_FLAGS], 0)
    async for batch in repository.sealed_personal_data(session):
        for actor_id, ciphertext, wrapped_key in batch:
            data_key = vault.unwrap(wrapped_key, actor_id=actor_id)
            personal = vault.open(ciphertext, data_key=data_key, actor_id=actor_id)
            representation = personal.get("representation")
            if not representation or not personal.get("consent"):
                continue  # shares rest on consented records only
            counts["consented"] += 1
            if representation.get("gender") in counts:
                counts[representation["gender"]] += 1
            origin = representation.get("ethnic_origin")
            if origin and origin.strip().casefold() not in RUSSIAN:
                counts["non_russian_ethnic_origin"] += 1
            if representation.get("national_minority"):
                counts["national_minority"] += 1
            if representation.get("vulnerable_groups"):
                counts["vulnerable_groups"] += 1
    return counts
