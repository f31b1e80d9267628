"""The evaluation service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from fastapi import FastAPI

from evaluation.activities.routes import router as activities_router
from evaluation.assessments.routes import router as assessments_router
from evaluation.assignments.routes import router as assignments_router
from evaluation.config import Settings
from evaluation.conflicts.routes import router as conflicts_router
from evaluation.cycles.routes import router as cycles_router
from evaluation.evaluators.routes import router as evaluators_router
from evaluation.events.handlers import ACTOR_EVENTS, FUNDING_EVENTS
from evaluation.events.published import EVALUATION
from evaluation.operations.routes import router as operations_router
from evaluation.reports.inputs import tracked
from evaluation.reports.routes import router as reports_router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        ServiceSpec(
            name="evaluation",
            title="Agora impact evaluation",
            description="Evaluation cycles, blind assessments, representation and portfolio reports.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            routers=[
                cycles_router,
                evaluators_router,
                assignments_router,
                conflicts_router,
                assessments_router,
                activities_router,
                reports_router,
                operations_router,
            ],
            publishes=(EVALUATION.stream, EVALUATION.subjects),
            # Every event applied changes the report inputs (evaluation.reports.inputs).
            subscriptions=[tracked(s) for s in (ACTOR_EVENTS, FUNDING_EVENTS)],
        )
    )
