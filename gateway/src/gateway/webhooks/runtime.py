"""Webhooks while the gateway runs: the consumers (when there is a NATS) and the worker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from agora_common.db import Database
from fastapi import FastAPI
from sqlalchemy.orm import Session

from gateway.safeguards import gateway_bus
from gateway.webhooks.config import WebhookSettings
from gateway.webhooks.consumer import webhook_consumers
from gateway.webhooks.delivery import DeliveryWorker
from gateway.webhooks.sealing import WebhookSecrets
from gateway.webhooks.service import QUEUED


@contextlib.asynccontextmanager
async def webhooks_running(app: FastAPI, db: Database, gateway_key: bytes) -> AsyncIterator[None]:
    """Set up ``app.state.webhook_*`` and run the consumers and the delivery worker meanwhile."""
    settings = WebhookSettings(env=app.state.settings.env)
    settings.check()
    secrets = WebhookSecrets(gateway_key)
    worker = DeliveryWorker(db, secrets, settings)
    app.state.webhook_settings = settings
    app.state.webhook_secrets = secrets
    app.state.webhook_worker = worker

    def wake_on_queued(session: Session) -> None:
        if session.info.pop(QUEUED, False):
            worker.wake()

    db.on_commit(wake_on_queued)
    bus = gateway_bus(app.state.settings)
    consumers = webhook_consumers(db, bus) if bus is not None else []
    if bus is not None:
        bus.start()
    for consumer in consumers:
        consumer.start()
    worker.start()
    try:
        yield
    finally:
        for consumer in consumers:
            await consumer.stop()
        await worker.stop()
        if bus is not None:
            await bus.close()
