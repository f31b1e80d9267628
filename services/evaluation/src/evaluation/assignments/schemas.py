"""Response bodies of assignments and of a cycle's outstanding actors."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from evaluation.assignments.repository import AssignmentRow, Outstanding
from evaluation.assignments.service import AssignmentRun


class AssignmentRunOut(BaseModel):
    cycle_id: str
    actors: int = Field(description="Live actors funded in the cycle period.")
    actors_assigned: int = Field(description="Of those, actors with at least two assignments.")
    assignments: int = Field(description="Assignments of those actors after this run.")
    created: int = Field(description="Assignments this run made (0 when nothing changed).")
    withdrawn: int = Field(
        description="Assignments no longer eligible and not yet assessed, withdrawn by this run."
    )
    actors_short: int = Field(description="Actors with fewer than two eligible evaluators.")
    short_actor_ids: list[str]

    @classmethod
    def of(cls, cycle_id: str, run: AssignmentRun) -> AssignmentRunOut:
        return cls(
            cycle_id=cycle_id,
            actors=run.actors,
            actors_assigned=run.actors_assigned,
            assignments=run.assignments,
            created=run.created,
            withdrawn=run.withdrawn,
            actors_short=len(run.actors_short),
            short_actor_ids=run.actors_short,
        )


class AssignmentOut(BaseModel):
    id: str
    cycle_id: str
    actor_id: str
    evaluator_id: str
    assessed: bool = Field(description="Whether the evaluator has submitted its assessment.")
    created_at: datetime

    @classmethod
    def of(cls, row: AssignmentRow) -> AssignmentOut:
        return cls(
            id=row.id,
            cycle_id=row.cycle_id,
            actor_id=row.actor_id,
            evaluator_id=row.evaluator_id,
            assessed=bool(row.assessed),
            created_at=row.created_at,
        )


class OutstandingActor(BaseModel):
    actor_id: str
    assessments: int = Field(description="Assessments so far (fewer than two).")
    assigned: int = Field(description="Evaluators assigned to the actor in this cycle.")

    @classmethod
    def of(cls, row: Outstanding) -> OutstandingActor:
        return cls(actor_id=row.actor_id, assessments=row.assessments, assigned=row.assigned)
