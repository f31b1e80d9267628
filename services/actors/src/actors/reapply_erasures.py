"""Re-apply the erasure list after a database restore, so no erased actor comes back.

    python -m actors.reapply_erasures [--downstream]

Every id of the erasure list (``AGORA_ACTORS_ERASURE_LIST``) whose actor the restored database
still holds is erased again by the same code as ``DELETE /v1/actors/{id}`` (data key and personal
data deleted, a tombstone kept, an ``erased`` event enqueued: ids and a version only). With
``--downstream`` an ``erased`` event is also enqueued for every listed actor the database already
holds as a tombstone, so that funding and evaluation, restored from their own backups, forget the
actor's funding and assessments again. Idempotent: run it again and nothing more happens. See
docs/deploy.md, "Backup and restore".
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass

from agora_common.db import Database
from agora_common.erasure_list import ErasureList
from agora_common.outbox import enqueue

from actors.config import Settings
from actors.events import published
from actors.models import Actor, ErasedActor
from actors.registry import service
from actors.registry.rules import etag


@dataclass
class Reapplied:
    erased: int = 0
    announced: int = 0
    absent: int = 0


async def reapply(*, db: Database, erasures: ErasureList, downstream: bool) -> Reapplied:
    """Erase every listed actor still present; with ``downstream``, announce the others again."""
    done = Reapplied()
    for actor_id in erasures.ids():
        async with db.transaction() as session:
            actor = await session.get(Actor, actor_id)
            if actor is not None:
                await service.erase_actor(
                    session, actor=actor, if_match=etag(actor.version), db=db, erasures=erasures
                )
                done.erased += 1
                continue
            tombstone = await session.get(ErasedActor, actor_id)
            if tombstone is not None and downstream:
                await enqueue(session, *published.erased(actor_id, tombstone.version))
                done.announced += 1
            elif tombstone is None:
                done.absent += 1  # registered after the backup was taken: nothing to erase
    if done.erased:
        await service.clear_erased_leftovers(db=db)
    return done


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m actors.reapply_erasures",
        description="Erase again every actor of the erasure list that a restore brought back.",
    )
    parser.add_argument(
        "--downstream",
        action="store_true",
        help="also announce listed erasures again (restored funding/evaluation databases)",
    )
    args = parser.parse_args()
    settings = Settings()
    db = Database(settings.resolved_database_url())

    async def run() -> Reapplied:
        try:
            return await reapply(
                db=db,
                erasures=ErasureList(settings.resolved_erasure_list()),
                downstream=args.downstream,
            )
        finally:
            await db.dispose()

    done = asyncio.run(run())
    print(
        f"erased again {done.erased}, announced again {done.announced}, "
        f"not in this database {done.absent}"
    )


if __name__ == "__main__":
    main()
