"""Idempotency keys: claim a key before the request runs, keep its response, replay it.

The first request with a key claims a row (unique per client and key) before it runs; a second
request with the same key finds the row: still running → 409, another request → 422, finished →
the stored status and body with ``Idempotent-Replayed: true``. The unique constraint, not a
check-then-insert, decides the race between concurrent duplicates, also across replicas.

A response with a 5xx status is not kept (the key is released), since its outcome is unknown and
the client must be able to retry. Only a hash of the key is stored, and the body is encrypted
with a key derived from the gateway's secret and the raw idempotency key.

Each record also names the resources its response's ``X-Agora-Audit`` header named; an erasure
(``actor.erased <id>``) deletes every record naming that actor, in the transaction that audits
the erasure, so a replayed key never hands out an erased person's data. A replay of such a key
afterwards is forwarded afresh; the service, which keeps every key it applied for as long as
``KEEP`` (``agora_common.applied``), refuses it as already applied (409).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import orjson
from agora_common.db import Database
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.idempotency import repository

HEADER = "idempotency-key"
MAX_KEY_LENGTH = 255
KEEP = timedelta(hours=25)  # the contract promises at least 24 h
# A claim older than this belongs to a request that died with its gateway (or whose answer could
# not be kept); it may be taken over. The gateway passes its upstream timeout plus a margin: no
# live request runs longer, and a takeover of one that did reach its service is refused there
# as already applied (``agora_common.applied``), never run twice.
STALE_CLAIM = timedelta(minutes=2)
# Response headers that are part of what is replayed.
# X-Agora-Audit is kept too: a replay is audited like the first answer.
REPLAYED_HEADERS = ("content-type", "location", "etag", "cache-control", "x-agora-audit")


@dataclass(frozen=True, slots=True)
class Replay:
    status: int
    headers: dict[str, str]
    body: bytes


class InFlight(Exception):
    """The first request with this key is still running."""


class KeyReused(Exception):
    """The key was used for a different request."""


def valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()


def request_hash(method: str, path: str, query: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.upper(), path, query):
        digest.update(part.encode())
        digest.update(b"\n")
    digest.update(hashlib.sha256(body).digest())
    return digest.hexdigest()


class IdempotencyStore:
    """Claims, keeps and releases keys, each in a transaction of its own (outside the request's)."""

    def __init__(self, db: Database, secret: bytes, stale_after: timedelta = STALE_CLAIM) -> None:
        self.db = db
        self._secret = secret
        self._stale_after = stale_after
        self._last_cleanup = datetime.min.replace(tzinfo=UTC)

    def _key_hash(self, client_id: str, key: str) -> str:
        return hashlib.sha256(f"{client_id}\n{key}".encode()).hexdigest()

    def _cipher(self, client_id: str, key: str) -> AESGCM:
        derived = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=None,
            info=b"agora-idempotency\n" + f"{client_id}\n{key}".encode(),
        ).derive(self._secret)
        return AESGCM(derived)

    async def claim(self, *, client_id: str, key: str, request: str) -> Replay | None:
        """Claim ``key`` for this request (None), or the stored response to replay.

        Raises :class:`InFlight` or :class:`KeyReused`.
        """
        key_hash = self._key_hash(client_id, key)
        now = datetime.now(UTC)
        await self._cleanup(now)
        for _ in range(3):
            try:
                async with self.db.transaction() as session:
                    await repository.add_claim(
                        session,
                        client_id=client_id,
                        key_hash=key_hash,
                        request_hash=request,
                        now=now,
                    )
                return None
            except IntegrityError:
                pass
            async with self.db.transaction() as session:
                existing = await repository.get_record(
                    session, client_id=client_id, key_hash=key_hash
                )
                if existing is None:
                    continue  # released in the meantime: claim again
                expired = existing.created_at < now - KEEP
                stale = existing.status is None and existing.created_at < now - self._stale_after
                if expired or stale:
                    # Take over with a compare-and-set, so only one of several takers wins.
                    if await repository.take_over(session, existing, request_hash=request, now=now):
                        return None
                    raise InFlight
                if existing.request_hash != request:
                    raise KeyReused
                if existing.status is None or existing.body is None:
                    raise InFlight
                body = self._cipher(client_id, key).decrypt(
                    existing.body[:12], existing.body[12:], key_hash.encode()
                )
                return Replay(
                    status=existing.status,
                    headers=dict(orjson.loads(existing.headers or "{}")),
                    body=body,
                )
        raise InFlight

    async def complete(
        self,
        *,
        client_id: str,
        key: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        resources: list[str] | None = None,
    ) -> None:
        """Keep the response for replays, or release the key when the outcome is unknown (5xx)."""
        if status >= 500:
            await self.release(client_id=client_id, key=key)
            return
        key_hash = self._key_hash(client_id, key)
        nonce = os.urandom(12)
        sealed = nonce + self._cipher(client_id, key).encrypt(nonce, body, key_hash.encode())
        async with self.db.transaction() as session:
            await repository.complete_claim(
                session,
                client_id=client_id,
                key_hash=key_hash,
                status=status,
                headers=orjson.dumps(headers).decode(),
                body=sealed,
                resources=_joined(resources),
                now=datetime.now(UTC),
            )

    async def release(self, *, client_id: str, key: str) -> None:
        """Forget an unfinished claim (the request failed before it had a response)."""
        async with self.db.transaction() as session:
            await repository.delete_claim(
                session, client_id=client_id, key_hash=self._key_hash(client_id, key)
            )

    async def _cleanup(self, now: datetime) -> None:
        if now - self._last_cleanup < timedelta(minutes=10):
            return
        self._last_cleanup = now
        async with self.db.transaction() as session:
            await repository.delete_created_before(session, now - KEEP)


def _joined(resources: list[str] | None) -> str | None:
    ids = sorted({r for r in resources or () if r and not any(c.isspace() for c in r)})
    return f" {' '.join(ids)} " if ids else None


async def forget_resources(session: AsyncSession, resource_ids: list[str]) -> None:
    """Delete every kept response naming one of ``resource_ids`` (in the caller's transaction)."""
    for resource_id in resource_ids:
        await repository.delete_naming(session, resource_id)
