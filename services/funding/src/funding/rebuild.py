"""``python -m funding.rebuild``: drop the actor read model and replay the ACTORS stream into it.

See ``agora_common.rebuild`` and docs/reliability.md ("Rebuilding read models").
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from agora_common.rebuild import RebuildReport, Replay, rebuild_command, run_rebuild

from funding.actors_view.models import ActorVetting, KnownActor
from funding.config import Settings
from funding.events.handlers import ACTOR_EVENTS, READ_MODEL_HANDLERS
from funding.reports.totals import note_all_changed

TABLES = [KnownActor.__table__, ActorVetting.__table__]
REPLAYS = [Replay(ACTOR_EVENTS.stream, READ_MODEL_HANDLERS)]


def main() -> None:
    settings = Settings()

    def run(allow_partial: bool) -> Coroutine[Any, Any, RebuildReport]:
        return run_rebuild(
            service="funding",
            settings=settings,
            database_url=settings.resolved_database_url(),
            tables=TABLES,  # type: ignore[arg-type]
            replays=REPLAYS,
            allow_partial=allow_partial,
            finish=note_all_changed,  # kept reports read the old read model
        )

    rebuild_command("funding", run)


if __name__ == "__main__":
    main()
