"""The events the evaluation service publishes, built from their one documented schema
(``agora_contracts.events``).

No evaluator's individual scores ever leave while a cycle is open: ``assessment_submitted``
says only that an actor received one more assessment. No personal data, no rationales.
"""

from __future__ import annotations

from agora_common.events import CloudEvent, EventSource
from agora_contracts.events import (
    AssessmentSubmitted,
    AssignmentCreated,
    CycleClosed,
    CycleOpened,
    Period,
)

from evaluation.assessments.models import Assessment
from evaluation.assignments.models import Assignment
from evaluation.cycles.models import Cycle
from evaluation.cycles.repository import Progress
from evaluation.rules import COMPLETE_AT

EVALUATION = EventSource("evaluation")


def _period(cycle: Cycle) -> Period:
    return Period(start=cycle.period_start, end=cycle.period_end)


def cycle_opened(cycle: Cycle) -> tuple[str, CloudEvent]:
    data = CycleOpened(cycle_id=cycle.id, name=cycle.name, period=_period(cycle))
    return EVALUATION.event("cycle_opened", cycle.id, data.to_data())


def assessment_submitted(assessment: Assessment, assessments: int) -> tuple[str, CloudEvent]:
    """One more assessment of an actor: counts only, never the evaluator or its scores."""
    data = AssessmentSubmitted(
        assessment_id=assessment.id,
        cycle_id=assessment.cycle_id,
        actor_id=assessment.actor_id,
        assessments=assessments,
        complete=assessments >= COMPLETE_AT,
    )
    return EVALUATION.event("assessment_submitted", assessment.cycle_id, data.to_data())


def cycle_closed(cycle: Cycle, progress: Progress) -> tuple[str, CloudEvent]:
    assert cycle.closed_at is not None
    # Pydantic writes a UTC timestamp with a ``Z`` suffix, as this event always carried it.
    data = CycleClosed(
        cycle_id=cycle.id,
        name=cycle.name,
        period=_period(cycle),
        closed_at=cycle.closed_at,
        actors_assessed=progress.actors_assessed,
        assessments=progress.assessments,
        complete_scorecards=progress.complete_scorecards,
    )
    return EVALUATION.event("cycle_closed", cycle.id, data.to_data())


def assignment_created(assignment: Assignment) -> tuple[str, CloudEvent]:
    """An evaluator is to assess an actor (so that it can be told; later by webhook)."""
    data = AssignmentCreated(
        cycle_id=assignment.cycle_id,
        actor_id=assignment.actor_id,
        evaluator_id=assignment.evaluator_id,
    )
    return EVALUATION.event("assignment_created", assignment.cycle_id, data.to_data())
