"""What runs beside the requests to keep the audit trail trustworthy and bounded: the checkpoint
publisher (``gateway.checkpoints``) and the summaries of unrecorded anonymous refusals
(``gateway.abuse``). Started and stopped by the app's lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.keys import dev_audit_signing_key
from fastapi import FastAPI

from gateway.abuse import RefusalSampler
from gateway.checkpoints.service import AuditAnchor
from gateway.checkpoints.signing import CheckpointKey
from gateway.config import Settings

log = logging.getLogger("agora.gateway")


def audit_signing_key(settings: Settings) -> bytes:
    if settings.audit_signing_key:
        return settings.audit_signing_key.encode()
    if settings.production:
        raise RuntimeError("AGORA_AUDIT_SIGNING_KEY is required in production")
    return dev_audit_signing_key(settings.data_dir)


def gateway_bus(settings: Settings) -> Bus | None:
    """The gateway's NATS connection (its own user), None in development without NATS."""
    if not settings.nats_url:
        if settings.production:
            raise RuntimeError("AGORA_NATS_URL is required in production (audit checkpoints)")
        return None
    password = settings.nats_password
    return Bus(
        settings.nats_url,
        "agora-gateway",
        replicas=settings.nats_stream_replicas,
        max_age_days=settings.nats_stream_max_age_days,
        duplicate_window_seconds=settings.nats_duplicate_window_seconds,
        user=settings.nats_user,
        password=password.get_secret_value() if password else None,
        tls_ca_file=settings.nats_tls_ca_file,
    )


@contextlib.asynccontextmanager
async def audit_safeguards(app: FastAPI, settings: Settings, db: Database) -> AsyncIterator[None]:
    """Run the checkpoint publisher and the refusal summaries while the app runs."""
    refusals = app.state.refusals = RefusalSampler()
    anchor = app.state.anchor = AuditAnchor(
        db=db,
        key=CheckpointKey(audit_signing_key(settings)),
        bus=gateway_bus(settings),
        every_records=settings.audit_checkpoint_every_records,
        interval_seconds=settings.audit_checkpoint_interval_seconds,
    )
    anchor.start()
    summaries = asyncio.create_task(refusals.run(db), name="audit-refusal-summaries")
    try:
        yield
    finally:
        summaries.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await summaries
        try:
            await refusals.flush(db)
        except Exception as exc:
            log.warning(
                "unrecorded refusals not summarized at shutdown",
                extra={"error_type": type(exc).__name__, "count": refusals.unrecorded},
            )
        await anchor.close()
