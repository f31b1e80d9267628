"""The NATS JetStream connection: connects in the background and keeps reconnecting."""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path

import nats
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from agora_common.nats_access import inbox_prefix

log = logging.getLogger("agora.bus")
DEFAULT_INBOX = "_INBOX"


class Bus:
    """One NATS connection per process, with streams ensured once connected."""

    def __init__(
        self,
        url: str,
        name: str,
        *,
        replicas: int = 1,
        max_age_days: int = 30,
        duplicate_window_seconds: int = 900,
        user: str | None = None,
        password: str | None = None,
        tls_ca_file: Path | None = None,
    ) -> None:
        self.url = url
        self.user = user
        self.password = password
        self.tls_ca_file = tls_ca_file
        self.name = name
        self.replicas = replicas
        self.max_age_days = max_age_days
        self.duplicate_window_seconds = duplicate_window_seconds
        self.nc: NATS | None = None
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._streams: dict[str, list[str]] = {}
        self._append_only: set[str] = set()

    def want_stream(self, name: str, subjects: list[str], *, append_only: bool = False) -> None:
        """Declare a stream this process owns: created or updated once connected. Streams a
        process only consumes are the owner's to create (its NATS user may not).

        An ``append_only`` stream keeps every message for ever and refuses to delete or purge
        any (``deny_delete``, ``deny_purge``, which the server never lets an update lift); it
        is created but never updated, since an update could shrink its limits and so drop
        messages — its owner's NATS user may not update it (``NatsAccess.append_only``).
        """
        self._streams[name] = subjects
        if append_only:
            self._append_only.add(name)

    @property
    def servers(self) -> list[str]:
        """The cluster's URLs: ``AGORA_NATS_URL`` may list several, comma-separated; the client
        starts with any that answers and moves to another when its server goes away."""
        return [url.strip() for url in self.url.split(",") if url.strip()]

    @property
    def connected(self) -> bool:
        return self.nc is not None and self.nc.is_connected and self._ready.is_set()

    async def ready(self) -> JetStreamContext:
        """Wait until connected and the declared streams exist."""
        await self._ready.wait()
        assert self.nc is not None
        return self.nc.jetstream()

    def start(self) -> None:
        self._task = asyncio.create_task(self._connect_forever(), name=f"bus-{self.name}")

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
        if self.nc and not self.nc.is_closed:
            # Not drain(): the relay and consumers have stopped, an unsent ack only means a
            # redelivery that the inbox absorbs, and draining a pull subscription whose fetch was
            # cancelled waits for its full timeout.
            await self.nc.close()

    async def _connect_forever(self) -> None:
        delay = 0.1
        while True:
            try:
                self.nc = await nats.connect(
                    self.servers,
                    name=self.name,
                    user=self.user,
                    password=self.password,
                    # Its own reply subjects: the server lets no other user subscribe to them.
                    inbox_prefix=inbox_prefix(self.user) if self.user else DEFAULT_INBOX,
                    tls=self._tls(),
                    allow_reconnect=True,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=0.5,
                    connect_timeout=2,
                    # A server that stops answering without closing the connection (hung, or
                    # cut off by the network) is noticed within ~15 s, not the 4 min of the
                    # defaults (120 s × 2 pings), and the client moves to another server.
                    ping_interval=5,
                    max_outstanding_pings=3,
                    error_cb=self._on_error,
                    reconnected_cb=self._on_reconnect,
                )
                await self._ensure_streams()
                self._ready.set()
                log.info(
                    "connected to NATS",
                    extra={"server": getattr(self.nc.connected_url, "netloc", None)},
                )
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("NATS not reachable yet", extra={"error_type": type(exc).__name__})
                if self.nc is not None and not self.nc.is_closed:
                    await self.nc.close()
                self.nc = None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _tls(self) -> ssl.SSLContext | None:
        if self.tls_ca_file is None:
            return None
        return ssl.create_default_context(cafile=str(self.tls_ca_file))

    async def _on_error(self, exc: Exception) -> None:
        log.debug("NATS error", extra={"error_type": type(exc).__name__})

    async def _on_reconnect(self) -> None:
        log.info("reconnected to NATS")

    def stream_config(self, name: str, subjects: list[str]) -> StreamConfig:
        append_only = name in self._append_only
        return StreamConfig(
            name=name,
            subjects=subjects,
            storage=StorageType.FILE,
            retention=RetentionPolicy.LIMITS,
            discard=DiscardPolicy.OLD,
            max_age=0 if append_only else self.max_age_days * 86400,
            duplicate_window=self.duplicate_window_seconds,
            num_replicas=self.replicas,
            deny_delete=append_only,
            deny_purge=append_only,
        )

    async def _ensure_streams(self) -> None:
        assert self.nc is not None
        js = self.nc.jetstream()
        for name, subjects in self._streams.items():
            config = self.stream_config(name, subjects)
            try:
                await js.stream_info(name)
            except NotFoundError:
                try:
                    await js.add_stream(config)
                    continue
                except BadRequestError:
                    pass  # created by another process in the meantime
            if name in self._append_only:
                continue  # never updated (see want_stream)
            try:
                await js.update_stream(config)
            except BadRequestError as exc:
                # An operator may have tuned the stream (e.g. placement); keep theirs.
                log.warning("stream not updated", extra={"stream": name, "error": exc.description})
