"""Master-key rotation: every data key re-wrapped from a previous master key to the current one.

Online: the service runs meanwhile with the key ring ``<new>,<old>`` (it wraps new data keys
with the new key and unwraps with either), so reads and writes go on. Resumable: each batch
commits on its own and records, beside each data key, the id of the master key that wraps it;
a rerun after a crash picks up the data keys still under the old key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from agora_common.db import Database

from actors.rotation import repository
from actors.vault import UnreadablePersonalData, Vault

BATCH_SIZE = 500


@dataclass
class RotationReport:
    """What a run did, and what it left under other master keys (by key id)."""

    rewrapped: int = 0
    unreadable: int = 0
    remaining: dict[str, int] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return not self.remaining


async def rotate_master_key(
    *,
    db: Database,
    vault: Vault,
    batch_size: int = BATCH_SIZE,
    after_batch: Callable[[RotationReport], Awaitable[None]] | None = None,
) -> RotationReport:
    """Re-wrap every data key not wrapped by the current master key, one transaction a batch."""
    report = RotationReport()
    last = ""
    while True:
        async with db.transaction() as session:
            batch = await repository.keys_wrapped_by_others(
                session, current_key_id=vault.master_key_id, after=last, limit=batch_size
            )
            if not batch:
                break
            for actor_id, wrapped in batch:
                try:
                    rewrapped = vault.rewrap(wrapped, actor_id=actor_id)
                except UnreadablePersonalData:
                    # Wrapped by a master key the ring does not hold: left as it is, counted.
                    report.unreadable += 1
                    continue
                if await repository.replace_wrapped_key(
                    session, actor_id, old=wrapped, new=rewrapped, key_id=vault.master_key_id
                ):
                    report.rewrapped += 1
            last = batch[-1][0]
        if after_batch is not None:
            await after_batch(report)
    report.remaining = await remaining_data_keys(db=db, vault=vault)
    return report


async def remaining_data_keys(*, db: Database, vault: Vault) -> dict[str, int]:
    """Data keys still wrapped by a master key other than the current one, by key id."""
    async with db.transaction(readonly=True) as session:
        counts = await repository.data_keys_by_master_key(session)
    return {key_id: n for key_id, n in counts.items() if key_id != vault.master_key_id}
