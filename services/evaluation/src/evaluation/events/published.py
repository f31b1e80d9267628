"""The events the evaluation service publishes.

No evaluator's individual scores ever leave while a cycle is open: ``assessment_submitted``
says only that an actor received one more assessment. No personal data, no rationales.
"""

from __future__ import annotations

from agora_common.events import CloudEvent

from evaluation.cycles.models import Assessment, Cycle
from evaluation.cycles.repository import Progress
from evaluation.rules import COMPLETE_AT

STREAM = "EVALUATION"
SUBJECTS = ["agora.evaluation.>"]
SOURCE = "agora/evaluation"


def _event(name: str, subject: str, data: dict[str, object]) -> tuple[str, CloudEvent]:
    return f"agora.evaluation.{name}", CloudEvent(
        type=f"agora.evaluation.{name}.v1",
        source=SOURCE,
        subject=subject,
        data=data,
    )


def _period(cycle: Cycle) -> dict[str, str]:
    return {"start": cycle.period_start.isoformat(), "end": cycle.period_end.isoformat()}


def cycle_opened(cycle: Cycle) -> tuple[str, CloudEvent]:
    return _event(
        "cycle_opened",
        cycle.id,
        {"cycle_id": cycle.id, "name": cycle.name, "period": _period(cycle)},
    )


def assessment_submitted(assessment: Assessment, assessments: int) -> tuple[str, CloudEvent]:
    """One more assessment of an actor: counts only, never the evaluator or its scores."""
    return _event(
        "assessment_submitted",
        assessment.cycle_id,
        {
            "assessment_id": assessment.id,
            "cycle_id": assessment.cycle_id,
            "actor_id": assessment.actor_id,
            "assessments": assessments,
            "complete": assessments >= COMPLETE_AT,
        },
    )


def cycle_closed(cycle: Cycle, progress: Progress) -> tuple[str, CloudEvent]:
    assert cycle.closed_at is not None
    return _event(
        "cycle_closed",
        cycle.id,
        {
            "cycle_id": cycle.id,
            "name": cycle.name,
            "period": _period(cycle),
            "closed_at": cycle.closed_at.isoformat().replace("+00:00", "Z"),
            "actors_assessed": progress.actors_assessed,
            "assessments": progress.assessments,
            "complete_scorecards": progress.complete_scorecards,
        },
    )
