"""The active clients this gateway process has seen, so a request needs no database read.

A cached client is trusted only while three things hold:

- its entry is younger than the floor (``AGORA_GATEWAY_AUTH_CACHE_SECONDS``);
- no revocation was announced since: every change to a client's status, role, state or
  revocation (admin or steward revoke, anything else) evicts it in this process right after its
  transaction commits and is broadcast on NATS core (``REVOCATIONS``) to every other replica;
- the subscription to that broadcast is live: while NATS is down (or not configured) every
  request reads the database, and the entries kept before an outage are dropped, so a lost
  broadcast can never keep a revoked client alive longer than the floor.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.tasks import stop_task
from nats.aio.msg import Msg
from sqlalchemy import event
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from gateway.clients.models import Client

log = logging.getLogger("agora.gateway")

REVOCATIONS = "agora.gateway.revocations"
"""NATS core subject (no stream): the client ids whose validity changed, one per message."""
_CHANGED = "gateway.clients_changed"
"""``session.info`` key: the client ids changed in this transaction."""
MAX_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class CachedClient:
    client_id: str
    role: str
    state: str | None


class ClientCache:
    """Active clients by id, trusted for at most ``ttl_seconds`` and only while subscribed."""

    def __init__(self, ttl_seconds: float, bus: Bus | None) -> None:
        self.ttl_seconds = ttl_seconds
        self.bus = bus
        self._entries: dict[str, tuple[float, CachedClient]] = {}
        # Bumped by every eviction: a read that began before one is not cached (it may have
        # seen the client before its revocation committed).
        self.generation = 0
        self._subscribed_on: tuple[int, int] | None = None
        self._task: asyncio.Task[None] | None = None
        self._publishing: set[asyncio.Task[None]] = set()

    @property
    def live(self) -> bool:
        """Whether revocations reach this process now (and none was missed since subscribing)."""
        if self.ttl_seconds <= 0 or self._subscribed_on is None or self.bus is None:
            return False
        nc = self.bus.nc
        if nc is None or not nc.is_connected:
            return False
        # After a reconnect, broadcasts sent meanwhile may be lost: start again empty.
        epoch = (id(nc), nc.stats["reconnects"])
        if epoch != self._subscribed_on:
            self._entries.clear()
            self._subscribed_on = epoch
        return True

    def get(self, client_id: str) -> CachedClient | None:
        """The cached active client, or None (unknown, expired, or the cache is not live)."""
        if not self.live:
            self._entries.clear()
            return None
        found = self._entries.get(client_id)
        if found is None:
            return None
        if found[0] <= time.monotonic():
            del self._entries[client_id]
            return None
        return found[1]

    def put(self, client: CachedClient, *, read_in: int) -> None:
        """Keep ``client``, read while the generation was ``read_in``, if nothing changed since."""
        if read_in != self.generation or not self.live:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[client.client_id] = (time.monotonic() + self.ttl_seconds, client)

    def evict(self, client_ids: set[str]) -> None:
        self.generation += 1
        for client_id in client_ids:
            self._entries.pop(client_id, None)

    def after_commit(self, session: Session) -> None:
        """Evict the clients a committed transaction changed, then tell the other replicas."""
        changed: set[str] | None = session.info.pop(_CHANGED, None)
        if not changed:
            return
        self.evict(changed)
        task = asyncio.get_running_loop().create_task(self._broadcast(changed))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _broadcast(self, client_ids: set[str]) -> None:
        nc = self.bus.nc if self.bus is not None else None
        if nc is None or nc.is_closed:
            return  # the other replicas are not reading their caches either (or expire them)
        try:
            for client_id in sorted(client_ids):
                await nc.publish(REVOCATIONS, client_id.encode())
            await nc.flush(timeout=1)
        except Exception as exc:
            log.warning("client change not broadcast", extra={"error_type": type(exc).__name__})

    async def _on_message(self, msg: Msg) -> None:
        client_id = msg.data.decode("utf-8", "replace")
        self.evict({client_id})

    async def _subscribe(self) -> None:
        assert self.bus is not None
        await self.bus.ready()
        nc = self.bus.nc
        assert nc is not None
        await nc.subscribe(REVOCATIONS, cb=self._on_message)
        await nc.flush(timeout=5)
        self._subscribed_on = (id(nc), nc.stats["reconnects"])
        log.info("client cache live")

    def start(self) -> None:
        if self.bus is not None and self.ttl_seconds > 0:
            self._task = asyncio.create_task(self._subscribe(), name="client-cache-subscription")

    async def stop(self) -> None:
        self._subscribed_on = None
        self._entries.clear()
        await stop_task(self._task)
        if self._publishing:
            await asyncio.wait(self._publishing, timeout=2)


def _note_change(target: Client, value: Any, oldvalue: Any, _: Any) -> None:
    """Note a client whose status, role, state or revocation changes in its transaction."""
    if oldvalue is NO_VALUE or oldvalue is NEVER_SET or value == oldvalue:
        return  # a new client, or no change
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_CHANGED, set()).add(target.client_id)


for _attribute in (Client.status, Client.role, Client.state, Client.revoked_at):
    event.listen(_attribute, "set", _note_change, active_history=True)


@contextlib.asynccontextmanager
async def client_cache_running(
    db: Database, bus: Bus | None, ttl_seconds: float
) -> AsyncIterator[ClientCache]:
    """A client cache evicted after every commit that changes a client, subscribed meanwhile."""
    cache = ClientCache(ttl_seconds, bus)
    db.on_commit(cache.after_commit)
    cache.start()
    try:
        yield cache
    finally:
        await cache.stop()
