"""The funding service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from fastapi import FastAPI

from funding.commitments.routes import router as commitments
from funding.config import Settings
from funding.donors.routes import router as donors
from funding.events import published
from funding.events.handlers import ACTOR_EVENTS
from funding.exports.routes import router as exports
from funding.fx.routes import router as fx_rates
from funding.operations.routes import router as operations
from funding.overlaps.routes import router as overlaps
from funding.programmes.routes import router as programmes
from funding.reports.routes import router as reports
from funding.reports.snapshots import ReportSnapshots


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        ServiceSpec(
            name="funding",
            title="Agora funding coordination",
            description="Funding commitments, overlap detection and concentration reports.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            routers=[
                commitments,
                overlaps,
                programmes,
                reports,
                fx_rates,
                donors,
                exports,
                operations,
            ],
            publishes=(published.FUNDING.stream, published.FUNDING.subjects),
            subscriptions=[ACTOR_EVENTS],
        )
    )
    app.state.settings = settings
    app.state.report_snapshots = ReportSnapshots()
    return app
