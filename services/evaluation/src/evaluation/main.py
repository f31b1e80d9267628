"""The evaluation service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from fastapi import FastAPI

from evaluation.config import Settings
from evaluation.events.handlers import ACTOR_EVENTS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        ServiceSpec(
            name="evaluation",
            title="Agora impact evaluation",
            description="Evaluation cycles, blind assessments, representation and portfolio reports.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            routers=[],
            publishes=("EVALUATION", ["agora.evaluation.>"]),
            subscriptions=[ACTOR_EVENTS],
        )
    )
