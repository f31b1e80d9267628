"""Response bodies of assignments and of a cycle's outstanding actors."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from evaluation.assignments.repository import AssignmentRow, Outstanding
from evaluation.assignments.service import AssignmentRun


class AssignmentRunOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
                    "actors": 57,
                    "actors_assigned": 55,
                    "assignments": 110,
                    "created": 14,
                    "withdrawn": 1,
                    "actors_short": 2,
                    "short_actor_ids": ["act_Hq7sN2vLx9WkPz4mRt8cYd", "act_Tb3xQw9mKz5nLr2vPc8sJe"],
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "asg_Rx2nLq7vTw4mKp9zYc6bHg",
                    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "evaluator_id": "cl_Ev7kTq2wYx5mLp9n",
                    "assessed": False,
                    "created_at": "2026-01-05T10:00:00Z",
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"actor_id": "act_Hq7sN2vLx9WkPz4mRt8cYd", "assessments": 1, "assigned": 2}
            ]
        }
    )

    actor_id: str
    assessments: int = Field(description="Assessments so far (fewer than two).")
    assigned: int = Field(description="Evaluators assigned to the actor in this cycle.")

    @classmethod
    def of(cls, row: Outstanding) -> OutstandingActor:
        return cls(actor_id=row.actor_id, assessments=row.assessments, assigned=row.assigned)
