"""``python -m evaluation.rebuild``: drop the actor and funding read models and replay the ACTORS
and FUNDING streams into them.

See ``agora_common.rebuild`` and docs/reliability.md ("Rebuilding read models").
"""

from __future__ import annotations

import asyncio
import sys

from agora_common.rebuild import Replay, run_rebuild

from evaluation.actors_view.models import KnownActor
from evaluation.config import Settings
from evaluation.events.handlers import READ_MODEL_HANDLERS
from evaluation.funding_view.models import FundedCommitment, FxRate

TABLES = [KnownActor.__table__, FundedCommitment.__table__, FxRate.__table__]
REPLAYS = [Replay(stream, handlers) for stream, handlers in READ_MODEL_HANDLERS.items()]


def main() -> None:
    if len(sys.argv) > 1:
        print(__doc__.strip())
        raise SystemExit(0 if sys.argv[1] in ("-h", "--help") else 2)
    settings = Settings()
    report = asyncio.run(
        run_rebuild(
            service="evaluation",
            settings=settings,
            database_url=settings.resolved_database_url(),
            tables=TABLES,  # type: ignore[arg-type]
            replays=REPLAYS,
        )
    )
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
