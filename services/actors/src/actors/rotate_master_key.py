"""Re-wrap every actor's data key under the current master key, while the service runs.

    AGORA_ACTORS_MASTER_KEY="<new>,<old>" python -m actors.rotate_master_key [--batch-size N]

The first key of ``AGORA_ACTORS_MASTER_KEY`` is the new one; the others are previous keys,
used only to unwrap. Run it after every replica of the service runs with the same key ring;
rerun it after an interruption. Exit status 0 once no data key is left under another master
key (then set ``AGORA_ACTORS_MASTER_KEY`` to the new key alone and restart), 1 otherwise.
See docs/actors.md, "Rotating the master key".
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from agora_common.db import Database

from actors.config import MasterKeyError, Settings
from actors.rotation.service import BATCH_SIZE, RotationReport, remaining_data_keys
from actors.rotation.service import rotate_master_key as rotate
from actors.vault import Vault


async def run(*, settings: Settings, batch_size: int, status_only: bool) -> int:
    vault = Vault.of_key_ring(settings.resolved_master_keys())
    db = Database(settings.resolved_database_url())
    try:
        print(f"current master key: {vault.master_key_id}", flush=True)
        if status_only:
            remaining = await remaining_data_keys(db=db, vault=vault)
            report = RotationReport(remaining=remaining)
        else:

            async def progress(so_far: RotationReport) -> None:
                print(f"re-wrapped {so_far.rewrapped} data keys so far", flush=True)

            report = await rotate(db=db, vault=vault, batch_size=batch_size, after_batch=progress)
            print(f"re-wrapped {report.rewrapped} data keys", flush=True)
    finally:
        await db.dispose()
    if report.unreadable:
        print(
            f"{report.unreadable} data keys open with no key of AGORA_ACTORS_MASTER_KEY",
            file=sys.stderr,
        )
    for key_id, count in sorted(report.remaining.items()):
        known = "previous" if key_id in vault.previous_key_ids else "unknown"
        print(f"{count} data keys still wrapped by {known} master key {key_id}", file=sys.stderr)
    if report.finished:
        print("every data key is wrapped by the current master key", flush=True)
        return 0
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="data keys a batch")
    parser.add_argument(
        "--status", action="store_true", help="only count the data keys left to re-wrap"
    )
    args = parser.parse_args(argv)
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    try:
        settings = Settings()
        return asyncio.run(
            run(settings=settings, batch_size=args.batch_size, status_only=args.status)
        )
    except MasterKeyError as error:
        print(f"actors.rotate_master_key: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
