"""OAuth 2.0 clients: registration, secrets (argon2 hashes only), revocation, bootstrap admin."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import pycountry
from agora_common.keys import load_or_create
from agora_common.problems import NotFound
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import Client

log = logging.getLogger("agora.gateway.clients")
_hasher = PasswordHasher()
# Verifying against this keeps an unknown client id as slow as a wrong secret.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(32))


class Role(StrEnum):
    admin = "admin"
    agency = "agency"
    evaluator = "evaluator"
    auditor = "auditor"


def valid_state(code: str) -> bool:
    """An ISO 3166-1 alpha-2 country, or a donor code of 3–16 capitals (a foundation)."""
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code) is not None
    return 3 <= len(code) <= 16 and code.isascii() and code.isalpha() and code.isupper()


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    role: Role
    state: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 state, or a donor code of 3–16 capitals for a foundation. "
        "Required for `agency`, optional affiliation for `evaluator`.",
        examples=["DE"],
    )

    @model_validator(mode="after")
    def _state_rules(self) -> ClientCreate:
        if self.state is not None and not valid_state(self.state):
            raise ValueError("state must be an ISO 3166-1 alpha-2 code or a donor code (3–16 A–Z)")
        if self.role is Role.agency and self.state is None:
            raise ValueError("an agency client needs a state")
        if self.role in (Role.admin, Role.auditor) and self.state is not None:
            raise ValueError("admin and auditor clients belong to no state")
        return self


class ClientOut(BaseModel):
    client_id: str
    name: str
    role: Role
    state: str | None
    created_at: datetime
    revoked_at: datetime | None


class ClientCreated(ClientOut):
    client_secret: str = Field(description="Shown only in this response; store it safely.")


def new_client_id() -> str:
    return "cl_" + secrets.token_urlsafe(12)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def create_client(session: AsyncSession, *, data: ClientCreate) -> ClientCreated:
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
    session.add(client)
    await session.flush()
    return ClientCreated(
        **ClientOut.model_validate(client, from_attributes=True).model_dump(),
        client_secret=secret,
    )


async def revoke_client(session: AsyncSession, *, client_id: str) -> None:
    client = await session.get(Client, client_id)
    if client is None:
        raise NotFound("No such client.")
    if client.revoked_at is None:
        client.revoked_at = datetime.now(UTC)


async def list_clients(session: AsyncSession, *, after: str | None, limit: int) -> list[Client]:
    query = select(Client).order_by(Client.client_id).limit(limit)
    if after is not None:
        query = query.where(Client.client_id > after)
    return list((await session.scalars(query)).all())


async def authenticate(session: AsyncSession, *, client_id: str, secret: str) -> Client | None:
    """The active client whose secret this is, else None (in the same time either way)."""
    client = await session.get(Client, client_id) if len(client_id) <= 64 else None
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


async def active_client(session: AsyncSession, client_id: str) -> Client | None:
    client = await session.get(Client, client_id)
    return client if client is not None and client.revoked_at is None else None


async def bootstrap_admin(
    session: AsyncSession, *, client_id: str | None, secret: str | None, data_dir: Path
) -> None:
    """Make sure the operator's admin client exists: from the environment, or generated once.

    A revoked one stays revoked (with a warning in the log).
    """
    if not (client_id and secret):
        path = data_dir / "admin-credentials.json"
        created = not path.exists()
        stored = json.loads(
            load_or_create(
                path,
                lambda: json.dumps(
                    {
                        "client_id": "admin_" + secrets.token_urlsafe(9),
                        "client_secret": new_secret(),
                    }
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
    assert client_id
    assert secret
    existing = await session.get(Client, client_id)
    if existing is None:
        session.add(
            Client(
                client_id=client_id,
                name="bootstrap admin",
                role=Role.admin.value,
                state=None,
                secret_hash=_hasher.hash(secret),
                created_at=datetime.now(UTC),
                revoked_at=None,
            )
        )
    elif existing.revoked_at is not None:
        # A revocation is an operator's decision: a restart never undoes it.
        log.warning(
            "the configured bootstrap admin client is revoked and stays revoked; "
            "configure another admin client to administer the platform"
        )
    else:
        try:
            _hasher.verify(existing.secret_hash, secret)
        except (VerificationError, InvalidHashError):
            existing.secret_hash = _hasher.hash(secret)  # the operator rotated the secret
        existing.role = Role.admin.value
