"""Statistics of the registry: one-way tables of rounded counts, small cells suppressed, and
representation shares from counts with calibrated noise (differential privacy), taken as a
release that is stored and served until the policy allows the next (``privacy``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from agora_common.db import Database
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import StatisticsSnapshot
from actors.registry.schemas import Activity, ActorKind, Sector
from actors.statistics import privacy, repository, rules
from actors.statistics.privacy import Release, ReleasePolicy
from actors.statistics.schemas import Privacy, PrivacyBudget, RepresentationShares, Statistics
from actors.statistics.snapshot import decode_ledger, decode_snapshot, encode_snapshot
from actors.types import COUNTRIES, RUSSIAN_REGIONS
from actors.vault import Vault

KINDS = [k.value for k in ActorKind]
SECTORS = [s.value for s in Sector]
ACTIVITIES = [a.value for a in Activity]

Noise = Callable[[Sequence[int]], list[int]]


class StatisticsGuard:
    """Lets one request at a time of this process take a new release."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()


@dataclass
class Current:
    """The stored release, its ledger, and how many counted changes happened since."""

    snapshot: StatisticsSnapshot
    published: Statistics | None
    ledger: list[Release]
    changes: int

    def due(self, policy: ReleasePolicy, now: datetime) -> bool:
        return privacy.release_due(
            policy,
            ledger=self.ledger,
            published=self.published is not None,
            changes_since=self.changes - self.snapshot.changes,
            now=now,
        )


async def statistics(
    *,
    db: Database,
    vault: Vault,
    guard: StatisticsGuard,
    policy: ReleasePolicy,
    now: datetime | None = None,
) -> Statistics:
    """The stored release, or a new one if the release policy allows it now.

    A release is computed once, stored, and served to every reader until the next: the noise
    is drawn once per release, never per read. Each step holds one connection at a time, and a
    request waiting for another's new release holds none.
    """
    now = now or datetime.now(UTC)
    async with db.transaction(readonly=True) as reader:
        current = await _current(reader)
    if current.published is not None and not current.due(policy, now):
        return current.published
    async with guard.lock:
        async with db.transaction(readonly=True) as reader:
            current = await _current(reader)
            if current.published is not None and not current.due(policy, now):
                return current.published  # released while this request waited
            # Without budget left, a release can only withhold what needs noise.
            spend = privacy.affordable(policy, current.ledger, now=now)
            ledger = privacy.recorded(policy, current.ledger, now=now) if spend else current.ledger
            fresh = await _compute_statistics(
                reader,
                vault,
                noise=policy.noise() if spend else None,
                privacy=_privacy(policy, ledger, spend=spend, now=now),
            )
            # Counted after computing: the release reflects at most this many changes, so
            # the next one (taken at least min_changes later) differs from it by that many.
            taken_at_changes = await repository.registry_changes(reader)
        async with db.transaction() as writer:
            stored = await repository.replace_snapshot(
                writer,
                expected_changes=current.snapshot.changes,
                expected_taken_at=current.snapshot.taken_at,
                changes=taken_at_changes,
                body=encode_snapshot(fresh, ledger),
                taken_at=now,
            )
            if stored:
                return fresh
            # Another instance stored a release meanwhile: publish that one, never both.
            snapshot = await repository.get_snapshot(writer)
    published = decode_snapshot(snapshot.body)
    if published is None:  # a release, once stored, is only ever replaced by another
        raise RuntimeError("the statistics release vanished")
    return published


async def _current(session: AsyncSession) -> Current:
    snapshot = await repository.get_snapshot(session)
    return Current(
        snapshot=snapshot,
        published=decode_snapshot(snapshot.body),
        ledger=decode_ledger(snapshot.body),
        changes=await repository.registry_changes(session),
    )


def _privacy(
    policy: ReleasePolicy, ledger: list[Release], *, spend: bool, now: datetime
) -> Privacy:
    return Privacy(
        mechanism=privacy.MECHANISM,
        library=privacy.LIBRARY,
        epsilon=policy.epsilon if spend else 0.0,
        noised=list(privacy.NOISED) if spend else [],
        sensitivity=privacy.SENSITIVITY,
        scale=policy.scale,
        released_at=now,
        budget=PrivacyBudget(
            epsilon=policy.budget,
            period_days=policy.period.total_seconds() / 86400,
            spent=privacy.spent(ledger, now=now, period=policy.period),
            min_interval_hours=policy.min_interval.total_seconds() / 3600,
            min_changes=policy.min_changes,
        ),
    )


async def _compute_statistics(
    session: AsyncSession, vault: Vault, *, noise: Noise | None, privacy: Privacy
) -> Statistics:
    """Counts of public attributes with cells under 5 suppressed and the rest rounded to
    multiples of 5; representation shares from noisy counts (withheld without ``noise``)."""
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
        representation=(
            await _representation(session, vault, population, noise)
            if noise is not None
            else RepresentationShares.model_validate(
                dict.fromkeys(RepresentationShares.model_fields)
            )
        ),
        privacy=privacy,
    )


async def _representation(
    session: AsyncSession, vault: Vault, population: int | None, noise: Noise
) -> RepresentationShares:
    """Shares over consented representation data from counts with noise: the exact counts
    exist only in memory, for the time of one draw; everything after the draw (clamping,
    suppression, shares) works on the noisy counts alone."""
    exact = await _representation_counts(session, vault)
    noisy = dict(
        zip(privacy.NOISED_COUNTS, noise([exact[n] for n in privacy.NOISED_COUNTS]), strict=True)
    )
    # A noisy count may be negative or exceed what contains it: clamp into what is possible.
    consented = min(max(noisy["consented"], 0), population or 0)
    consented_shown = consented if rules.publishable(consented, population) else None

    def within_consented(name: str) -> int:
        return min(max(noisy[name], 0), consented)

    genders = rules.suppress_partition(
        {g: within_consented(g) for g in privacy.GENDERS},
        consented_shown,
        keys=list(privacy.GENDERS),
        strict=True,
    )
    return RepresentationShares(
        consented=rules.rounded(consented_shown),
        **{g: rules.share_of(n, consented_shown) for g, n in genders.items()},
        **{f: rules.share(within_consented(f), consented_shown) for f in privacy.FLAGS},
    )


async def _representation_counts(session: AsyncSession, vault: Vault) -> dict[str, int]:
    """Exact counts over consented representation data, decrypted in memory, never stored."""
    counts = dict.fromkeys(privacy.NOISED_COUNTS, 0)
    async for batch in repository.sealed_personal_data(session):
        for actor_id, ciphertext, wrapped_key in batch:
            data_key = vault.unwrap(wrapped_key, actor_id=actor_id)
            personal = vault.open(ciphertext, data_key=data_key, actor_id=actor_id)
            for name, n in privacy.contribution(personal).items():
                counts[name] += n
    return counts
