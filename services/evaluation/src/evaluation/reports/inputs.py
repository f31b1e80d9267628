"""The version of the report inputs: what tells a kept portfolio (``evaluation.reports.snapshot``)
that it is stale.

One counter in the database (``report_inputs``) is bumped in the transaction of every change a
portfolio can see, at its commit (``before_commit``): the counter's row stays locked only while
the transaction commits, and a transaction that changed several things bumps it once. A kept
portfolio is read only while its version equals the counter, so no process, however many
replicas run, can serve one that misses a committed change: staleness across processes is
impossible by construction, as the version lives with the data it describes.

The changes, each marked with ``note_change(session)`` in its transaction:

- every consumed event applied (``actors.registered|updated|erased``, ``funding.commitment_*``,
  ``funding.disbursement_recorded``, ``funding.fx_rate_set``): the handlers are wrapped where
  they are registered (``tracked`` in ``evaluation.main`` for the consumers and their dead-letter
  replays; ``tracked_handlers`` in ``evaluation.rebuild``), so no handler body has to remember
  it; an event the handler ignores (an older version) bumps all the same, which only costs a
  recomputation. An erasure also deletes the actor's entries of every kept portfolio and the
  kept totals, in the same transaction (``forget_actor``);
- ``POST /v1/evaluation/cycles/{id}/assessments`` (scores), ``POST /v1/evaluation/activities``
  (participants) and ``POST /v1/evaluation/cycles/{id}/close`` (the status);
- a rebuild of the read models (``evaluation.rebuild``) replays through tracked handlers and
  empties the kept portfolios with the read models.

Not inputs: opening a cycle (a new cycle has no kept portfolio; its period never changes),
conflicts of interest, enrolment and assignments (no portfolio figure reads them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import wraps

from agora_common.app import Subscription
from agora_common.events import CloudEvent
from agora_common.inbox import Handler
from agora_contracts.events import ActorErased
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from evaluation.reports import repository

_CHANGED = "agora.report_inputs_changed"
_FORGET = "agora.report_inputs_forget_actors"
ERASED = "agora.actors.erased.v1"


def note_change(session: AsyncSession) -> None:
    """Bump the version of the report inputs when this session's transaction commits."""
    session.info[_CHANGED] = True


def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """An erasure: at commit, also delete the actor's entries of every kept portfolio."""
    note_change(session)
    session.info.setdefault(_FORGET, set()).add(actor_id)


@event.listens_for(Session, "before_commit")
def _bump_at_commit(session: Session) -> None:
    # Every session of the process passes here; only those that noted a change write. A change
    # rolled back (a failed batch, a savepoint) leaves the mark: one bump too many, never one
    # too few. Last in the transaction, so the row is locked only while it commits.
    if session.info.pop(_CHANGED, False):
        repository.bump_inputs_version(session, sorted(session.info.pop(_FORGET, ())))


def tracked_handler(event_type: str, handler: Handler) -> Handler:
    """``handler``, noting in its transaction that the report inputs change."""

    @wraps(handler)
    async def apply(session: AsyncSession, event: CloudEvent) -> None:
        note_change(session)
        await handler(session, event)
        if event_type == ERASED:
            forget_actor(session, ActorErased.model_validate(event.data).actor_id)

    return apply


def tracked_handlers(handlers: Mapping[str, Handler]) -> dict[str, Handler]:
    return {t: tracked_handler(t, h) for t, h in handlers.items()}


def tracked(subscription: Subscription) -> Subscription:
    """The subscription with every handler noting the change (see the module docstring)."""
    return replace(subscription, handlers=tracked_handlers(subscription.handlers))
