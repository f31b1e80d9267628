"""``python -m funding.rebuild``: drop the actor read model and replay the ACTORS stream into it.

See ``agora_common.rebuild`` and docs/reliability.md ("Rebuilding read models").
"""

from __future__ import annotations

import asyncio
import sys

from agora_common.rebuild import Replay, run_rebuild

from funding.actors_view.models import ActorVetting, KnownActor
from funding.config import Settings
from funding.events.handlers import ACTOR_EVENTS, READ_MODEL_HANDLERS

TABLES = [KnownActor.__table__, ActorVetting.__table__]
REPLAYS = [Replay(ACTOR_EVENTS.stream, READ_MODEL_HANDLERS)]


def main() -> None:
    if len(sys.argv) > 1:
        print(__doc__.strip())
        raise SystemExit(0 if sys.argv[1] in ("-h", "--help") else 2)
    settings = Settings()
    report = asyncio.run(
        run_rebuild(
            service="funding",
            settings=settings,
            database_url=settings.resolved_database_url(),
            tables=TABLES,  # type: ignore[arg-type]
            replays=REPLAYS,
        )
    )
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
