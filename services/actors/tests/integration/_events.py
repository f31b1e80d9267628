"""The events a test's actors service wrote to its outbox (published or not)."""

from __future__ import annotations

from typing import Any

import orjson
from agora_common.tables import outbox
from agora_common.testing.client import ServiceClient
from sqlalchemy import select

from ..conftest import db_of


async def outbox_events(client: ServiceClient, subject: str) -> list[dict[str, Any]]:
    """The CloudEvents written on ``subject``, in the order they were written."""
    async with db_of(client).transaction(readonly=True) as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.subject == subject).order_by(outbox.c.seq)
        )
        return [orjson.loads(row.payload) for row in rows]
