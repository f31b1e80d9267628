"""The funding service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from fastapi import FastAPI

from funding.config import Settings
from funding.events.handlers import ACTOR_EVENTS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        ServiceSpec(
            name="funding",
            title="Agora funding coordination",
            description="Funding commitments, overlap detection and concentration reports.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            routers=[],
            publishes=("FUNDING", ["agora.funding.>"]),
            subscriptions=[ACTOR_EVENTS],
        )
    )
