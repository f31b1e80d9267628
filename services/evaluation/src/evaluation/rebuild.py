"""``python -m evaluation.rebuild``: drop the actor and funding read models and replay the ACTORS
and FUNDING streams into them.

See ``agora_common.rebuild`` and docs/reliability.md ("Rebuilding read models").
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from agora_common.rebuild import RebuildReport, Replay, rebuild_command, run_rebuild

from evaluation.actors_view.models import KnownActor
from evaluation.config import Settings
from evaluation.events.handlers import READ_MODEL_HANDLERS
from evaluation.funding_view.models import FundedCommitment, FxRate
from evaluation.reports.inputs import tracked_handlers
from evaluation.reports.models import PortfolioItem, PortfolioSnapshot

# The kept portfolios go with the read models they were computed from; the replayed handlers
# bump the version of the report inputs (evaluation.reports.inputs) as the consumers' do.
TABLES = [
    KnownActor.__table__,
    FundedCommitment.__table__,
    FxRate.__table__,
    PortfolioItem.__table__,
    PortfolioSnapshot.__table__,
]
REPLAYS = [
    Replay(stream, tracked_handlers(handlers)) for stream, handlers in READ_MODEL_HANDLERS.items()
]


def main() -> None:
    settings = Settings()

    def run(allow_partial: bool) -> Coroutine[Any, Any, RebuildReport]:
        return run_rebuild(
            service="evaluation",
            settings=settings,
            database_url=settings.resolved_database_url(),
            tables=TABLES,  # type: ignore[arg-type]
            replays=REPLAYS,
            allow_partial=allow_partial,
        )

    rebuild_command("evaluation", run)


if __name__ == "__main__":
    main()
