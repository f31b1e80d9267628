"""Tokens for client credentials, and the caller behind a bearer token."""

from __future__ import annotations

from agora_common.db import Database
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.abuse import secret_verifications
from gateway.auth.cache import CachedClient, ClientCache
from gateway.auth.principal import INVALID, MISSING, Principal
from gateway.auth.schemas import TokenResponse
from gateway.auth.tokens import TokenIssuer
from gateway.clients import service as clients


async def issue_token(
    session: AsyncSession, *, tokens: TokenIssuer, client_id: str, secret: str
) -> TokenResponse | None:
    """A token for the active client with this secret, else None."""
    secret_verifications.inc()  # one argon2id verification, also for an unknown client id
    client = await clients.authenticate(session, client_id=client_id, secret=secret)
    if client is None:
        return None
    return TokenResponse(access_token=tokens.issue(client.client_id), expires_in=tokens.ttl_seconds)


async def authenticate_bearer(
    *, tokens: TokenIssuer, db: Database, cache: ClientCache | None, header: str | None
) -> tuple[Principal | None, str]:
    """The caller behind an ``Authorization: Bearer`` header, or None and why not."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, MISSING
    verified = tokens.verify(token.strip())
    if verified is None:
        return None, INVALID
    # The client is read from the database unless this process holds it and would hear of its
    # revocation at once (gateway.auth.cache).
    client = cache.get(verified.subject) if cache is not None else None
    if client is None:
        generation = cache.generation if cache is not None else 0
        async with db.transaction(readonly=True) as session:
            stored = await clients.active_client(session, client_id=verified.subject)
        if stored is None:
            return None, INVALID
        client = CachedClient(stored.client_id, stored.role, stored.state)
        if cache is not None:
            cache.put(client, read_in=generation)
    principal = Principal(
        client_id=client.client_id,
        role=client.role,
        state=client.state,
        expires_at=verified.expires_at,
    )
    return principal, ""
