"""The actor registry service."""

from __future__ import annotations

from agora_common.app import ServiceSpec, create_service_app
from agora_common.erasure_list import ErasureList
from fastapi import FastAPI

from actors.config import Settings
from actors.custody.routes import router as custody
from actors.duplicates.fingerprints import IdentityKey
from actors.duplicates.routes import router as duplicates
from actors.events.published import EVENTS
from actors.grants.routes import router as grants
from actors.permits.notices import PermitNotices, run_while_serving
from actors.permits.routes import router as permits
from actors.registry.routes import router as registry
from actors.statistics.privacy import ReleasePolicy
from actors.statistics.routes import router as statistics
from actors.statistics.service import StatisticsGuard
from actors.vault import Vault
from actors.vetting.routes import router as vetting


def create_app(
    settings: Settings | None = None, *, permit_notice_interval_seconds: float = 900.0
) -> FastAPI:
    settings = settings or Settings()
    # Read (or, embedded, create) the master key before serving: no key (or one shorter than
    # 32 bytes), no service. With a previous key beside it, a rotation is under way.
    master_keys = settings.resolved_master_keys()
    vault = Vault.of_key_ring(master_keys)
    app = create_service_app(
        ServiceSpec(
            name="actors",
            title="Agora actor registry",
            description="Organisations and individuals of the relocated public sphere.",
            settings=settings,
            database_url=settings.resolved_database_url(),
            # Fixed paths (/permits/expiring, /custody-transfers, /statistics, /duplicates)
            # before /{actor_id}, so the path parameter never captures them.
            routers=[permits, custody, statistics, duplicates, registry, grants, vetting],
            publishes=(EVENTS.stream, EVENTS.subjects),
        )
    )
    app.state.settings = settings
    app.state.vault = vault
    app.state.erasure_list = ErasureList(settings.resolved_erasure_list())
    app.state.identity_key = IdentityKey.of_master_key(master_keys[0])
    app.state.statistics_guard = StatisticsGuard()
    app.state.statistics_policy = ReleasePolicy()
    # Every replica looks for due permit_expiring notices; the database publishes each once.
    app.state.permit_notices = PermitNotices(interval_seconds=permit_notice_interval_seconds)
    run_while_serving(app, app.state.permit_notices)
    return app
