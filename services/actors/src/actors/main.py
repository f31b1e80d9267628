"""The actor registry service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from fastapi import FastAPI

from actors.config import Settings
from actors.events import published
from actors.registry.routes import router
from actors.registry.service import StatisticsGuard
from actors.registry.vault import Vault


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Read (or, embedded, create) the master key before serving: no key, no service.
    vault = Vault(settings.resolved_master_key())
    app = create_service_app(
        ServiceSpec(
            name="actors",
            title="Agora actor registry",
            description="Organisations and individuals of the relocated public sphere.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            routers=[router],
            publishes=(published.STREAM, published.SUBJECTS),
        )
    )
    app.state.vault = vault
    app.state.statistics_guard = StatisticsGuard()
    return app
