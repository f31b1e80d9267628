"""Clients: registration, revocation, listing, authentication by secret, the bootstrap admin."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

from agora_common.keys import load_or_create
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import NotFound
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import service as audit
from gateway.auth.principal import Principal
from gateway.clients import repository
from gateway.clients.models import Client
from gateway.clients.schemas import ClientCreate, ClientCreated, ClientOut, Role

log = logging.getLogger("agora.gateway.clients")
_hasher = PasswordHasher()
# Verifying against this keeps an unknown client id as slow as a wrong secret.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(32))


def new_client_id() -> str:
    return "cl_" + secrets.token_urlsafe(12)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def create_client(
    session: AsyncSession, *, data: ClientCreate, by: Principal
) -> ClientCreated:
    """Register a client and audit it; its secret is returned only here."""
    secret = new_secret()
    client = Client(
        client_id=new_client_id(),
        name=data.name,
        role=data.role.value,
        state=data.state,
        # Hashing is deliberately slow: off the event loop, so other requests go on meanwhile.
        secret_hash=await asyncio.to_thread(_hasher.hash, secret),
        created_at=datetime.now(UTC),
        revoked_at=None,
    )
    await repository.add_client(session, client)
    await audit.append(session, [audit.Entry.by(by, "client.created", client.client_id)])
    return ClientCreated(
        **ClientOut.model_validate(client, from_attributes=True).model_dump(),
        client_secret=secret,
    )


async def revoke_client(session: AsyncSession, *, client_id: str, by: Principal) -> None:
    """Revoke a client (its tokens stop working at once) and audit it."""
    client = await repository.get_client(session, client_id)
    if client is None:
        raise NotFound("No such client.")
    if client.revoked_at is None:
        client.revoked_at = datetime.now(UTC)
    await audit.append(session, [audit.Entry.by(by, "client.revoked", client_id)])


async def list_clients(session: AsyncSession, *, cursor: str | None, limit: int) -> Slice[Client]:
    """One page of every client, active or revoked, ordered by id."""
    after = decode_cursor(cursor, str)
    rows = await repository.list_clients(
        session, after=after[0] if after else None, limit=limit + 1
    )
    return page_of(rows, limit, key=lambda client: (client.client_id,))


async def authenticate(session: AsyncSession, *, client_id: str, secret: str) -> Client | None:
    """The active client whose secret this is, else None (in the same time either way)."""
    client = await repository.get_client(session, client_id) if len(client_id) <= 64 else None
    if not await asyncio.to_thread(_verify, client.secret_hash if client else _DUMMY_HASH, secret):
        return None
    if client is None or client.revoked_at is not None:
        return None
    return client


def _verify(secret_hash: str, secret: str) -> bool:
    """Whether ``secret`` matches ``secret_hash`` (argon2 compares in constant time)."""
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


async def active_client(session: AsyncSession, *, client_id: str) -> Client | None:
    """The client unless it is unknown or revoked."""
    client = await repository.get_client(session, client_id)
    return client if client is not None and client.revoked_at is None else None


def _stored_admin_credentials(data_dir: Path) -> tuple[str, str]:
    """The generated admin credentials in the data directory, created on first use."""
    path = data_dir / "admin-credentials.json"
    created = not path.exists()
    stored = json.loads(
        load_or_create(
            path,
            lambda: json.dumps(
                {"client_id": "admin_" + secrets.token_urlsafe(9), "client_secret": new_secret()}
            ).encode(),
        )
    )
    client_id, secret = stored["client_id"], stored["client_secret"]
    if created:
        # Printed once, to the operator's terminal only; never logged.
        print(
            f"Generated admin credentials (stored in {path}, mode 0600):\n"
            f"  client_id:     {client_id}\n  client_secret: {secret}",
            file=sys.stderr,
            flush=True,
        )
    return client_id, secret


async def bootstrap_admin(
    session: AsyncSession, *, client_id: str | None, secret: str | None, data_dir: Path
) -> None:
    """Make sure the operator's admin client exists: from the environment, or generated once.

    A revoked one stays revoked (with a warning in the log).
    """
    if not (client_id and secret):
        client_id, secret = _stored_admin_credentials(data_dir)
    existing = await repository.get_client(session, client_id)
    if existing is None:
        await repository.add_client(
            session,
            Client(
                client_id=client_id,
                name="bootstrap admin",
                role=Role.admin.value,
                state=None,
                secret_hash=_hasher.hash(secret),
                created_at=datetime.now(UTC),
                revoked_at=None,
            ),
        )
    elif existing.revoked_at is not None:
        # A revocation is an operator's decision: a restart never undoes it.
        log.warning(
            "the configured bootstrap admin client is revoked and stays revoked; "
            "configure another admin client to administer the platform"
        )
    else:
        if not _verify(existing.secret_hash, secret):
            existing.secret_hash = _hasher.hash(secret)  # the operator rotated the secret
        existing.role = Role.admin.value
