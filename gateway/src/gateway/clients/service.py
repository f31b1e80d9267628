"""Clients: registration (with the two-person rule), approval, revocation, listing,
authentication by secret, the configured admins."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from agora_common.keys import load_or_create
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import service as audit
from gateway.auth.principal import Principal
from gateway.clients import repository
from gateway.clients.models import Client
from gateway.clients.schemas import (
    STATE_ROLES,
    TWO_PERSON_ROLES,
    ApprovedClient,
    ClientCreate,
    ClientCreated,
    ClientOut,
    PendingClient,
    Role,
    Status,
)
from gateway.clients.sealing import SecretSealer

log = logging.getLogger("agora.gateway.clients")
_hasher = PasswordHasher()
# Verifying against this keeps an unknown (or pending) client id as slow as a wrong secret.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(32))

AGENCY_BY_STEWARD = (
    "Agency clients are enrolled by their state's steward (POST /v1/stewardship/clients), "
    "not by an admin."
)
OWN_APPROVAL = "A second admin must approve this client; its creator cannot."


def new_client_id() -> str:
    return "cl_" + secrets.token_urlsafe(12)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_secret_part() -> str:
    """One admin's half of a two-person client's secret (the secret is two of them joined)."""
    return secrets.token_urlsafe(24)


async def _hash(secret: str) -> str:
    # Hashing is deliberately slow: off the event loop, so other requests go on meanwhile.
    return await asyncio.to_thread(_hasher.hash, secret)


def subject_state(client: Client) -> str | None:
    """The state whose stewards see this client's audit records (agency and steward clients)."""
    return client.state if client.role in STATE_ROLES else None


def _entry(by: Principal, action: str, client: Client, outcome: str = "success") -> audit.Entry:
    return audit.Entry.by(by, action, client.client_id, outcome, subject=subject_state(client))


def _out(client: Client) -> dict[str, object]:
    return ClientOut.model_validate(client, from_attributes=True).model_dump()


def _new_client(
    *, name: str, role: Role, state: str | None, by: Principal | None, status: Status
) -> Client:
    return Client(
        client_id=new_client_id(),
        name=name,
        role=role.value,
        state=state,
        status=status.value,
        secret_hash=None,
        sealed_part=None,
        created_at=datetime.now(UTC),
        created_by=by.client_id if by else None,
        approved_by=None,
        approved_at=None,
        revoked_at=None,
    )


async def create_client(
    session: AsyncSession,
    *,
    data: ClientCreate,
    by: Principal,
    sealer: SecretSealer,
    bootstrap_allowed: bool,
) -> ClientCreated | PendingClient:
    """Register a client and audit it: at once with its secret, or pending a second admin.

    ``bootstrap_allowed`` (development only): while just one active admin exists, it may create
    one more admin alone, so that ``make run`` can reach the two-person rule at all.
    """
    if data.role is Role.agency:
        raise Forbidden(AGENCY_BY_STEWARD)
    if data.role in TWO_PERSON_ROLES and not (
        data.role is Role.admin
        and bootstrap_allowed
        and await repository.count_active_admins(session) == 1
    ):
        return await _create_pending(session, data=data, by=by, sealer=sealer)
    action = "client.created" if data.role not in TWO_PERSON_ROLES else "client.bootstrap_created"
    return await enrol(session, data=data, by=by, action=action)


async def enrol(
    session: AsyncSession, *, data: ClientCreate, by: Principal, action: str
) -> ClientCreated:
    """Register an active client at once and audit it as ``action``; its secret is only here."""
    client = _new_client(
        name=data.name, role=data.role, state=data.state, by=by, status=Status.active
    )
    secret = new_secret()
    client.secret_hash = await _hash(secret)
    await repository.add_client(session, client)
    await audit.append(session, [_entry(by, action, client)])
    return ClientCreated(**_out(client), client_secret=secret)


async def _create_pending(
    session: AsyncSession, *, data: ClientCreate, by: Principal, sealer: SecretSealer
) -> PendingClient:
    """A client waiting for a second admin; the creator's half is returned, and kept sealed."""
    client = _new_client(
        name=data.name, role=data.role, state=data.state, by=by, status=Status.pending_approval
    )
    part = new_secret_part()
    client.sealed_part = sealer.seal(part, client_id=client.client_id)
    await repository.add_client(session, client)
    await audit.append(session, [_entry(by, "client.pending_approval", client)])
    return PendingClient(**_out(client), secret_part=part)


@dataclass(frozen=True, slots=True)
class ApprovalRefused:
    """A refused approval: answered 403, and its audit record is kept (the request commits)."""

    detail: str


async def approve_client(
    session: AsyncSession, *, client_id: str, by: Principal, sealer: SecretSealer
) -> ApprovedClient | ApprovalRefused:
    """A second admin approves a pending client: the whole secret is hashed, its half returned."""
    client = await repository.lock_client(session, client_id)
    if client is None:
        raise NotFound("No such client.")
    if client.status != Status.pending_approval.value or client.revoked_at is not None:
        raise Conflict("This client is not waiting for approval.")
    if client.created_by == by.client_id:
        await audit.append(session, [_entry(by, "client.approval_refused", client, "denied")])
        return ApprovalRefused(OWN_APPROVAL)
    first = sealer.open(client.sealed_part or "", client_id=client.client_id)
    if first is None:
        raise Conflict(
            "The creator's part of this client's secret cannot be opened (the gateway key "
            "changed); revoke the client and create it again."
        )
    second = new_secret_part()
    client.secret_hash = await _hash(first + second)
    client.sealed_part = None  # from here on only the hash of the whole secret remains
    client.status = Status.active.value
    client.approved_by = by.client_id
    client.approved_at = datetime.now(UTC)
    await session.flush()
    await audit.append(session, [_entry(by, "client.approved", client)])
    return ApprovedClient(**_out(client), secret_part=second)


async def revoke(session: AsyncSession, *, client: Client, by: Principal) -> None:
    """Revoke ``client`` (its tokens stop working at once, a pending half is destroyed); audit it."""
    if client.revoked_at is None:
        client.revoked_at = datetime.now(UTC)
    client.status = Status.revoked.value
    client.sealed_part = None
    await session.flush()
    await audit.append(session, [_entry(by, "client.revoked", client)])


async def revoke_client(session: AsyncSession, *, client_id: str, by: Principal) -> None:
    """Revoke any client (an admin's power) and audit it."""
    client = await repository.get_client(session, client_id)
    if client is None:
        raise NotFound("No such client.")
    await revoke(session, client=client, by=by)


async def list_clients(session: AsyncSession, *, cursor: str | None, limit: int) -> Slice[Client]:
    """One page of every client, active or revoked, ordered by id."""
    after = decode_cursor(cursor, str)
    rows = await repository.list_clients(
        session, after=after[0] if after else None, limit=limit + 1
    )
    return page_of(rows, limit, key=lambda client: (client.client_id,))


async def authenticate(session: AsyncSession, *, client_id: str, secret: str) -> Client | None:
    """The active client whose secret this is, else None (in the same time either way).

    A client pending approval has no secret yet: it is refused like an unknown one.
    """
    client = await repository.get_client(session, client_id) if len(client_id) <= 64 else None
    stored = client.secret_hash if client is not None and client.secret_hash else _DUMMY_HASH
    if not await asyncio.to_thread(_verify, stored, secret):
        return None
    if client is None or not _usable(client):
        return None
    return client


def _verify(secret_hash: str, secret: str) -> bool:
    """Whether ``secret`` matches ``secret_hash`` (argon2 compares in constant time)."""
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def _usable(client: Client) -> bool:
    return (
        client.revoked_at is None
        and client.status == Status.active.value
        and client.secret_hash is not None
    )


async def active_client(session: AsyncSession, *, client_id: str) -> Client | None:
    """The client unless it is unknown, revoked or still pending approval."""
    client = await repository.get_client(session, client_id)
    return client if client is not None and _usable(client) else None


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
    session: AsyncSession,
    *,
    client_id: str | None,
    secret: str | None,
    data_dir: Path,
    second_client_id: str | None = None,
    second_secret: str | None = None,
    production: bool = False,
) -> None:
    """Make sure the operators' admin clients exist: the first from the environment or generated
    once (development), the second from the environment only.

    In production no admin creates another alone, so the first two admins, held by two people,
    both come from configuration. A revoked one stays revoked (with a warning in the log).
    """
    if not (client_id and secret):
        client_id, secret = _stored_admin_credentials(data_dir)
    await _configured_admin(session, client_id=client_id, secret=secret, name="bootstrap admin")
    if second_client_id and second_secret:
        await _configured_admin(
            session, client_id=second_client_id, secret=second_secret, name="second admin"
        )
    elif production:
        log.warning(
            "no second admin is configured (AGORA_SECOND_ADMIN_CLIENT_ID and "
            "AGORA_SECOND_ADMIN_CLIENT_SECRET): nothing that needs two admins can be approved"
        )


async def _configured_admin(
    session: AsyncSession, *, client_id: str, secret: str, name: str
) -> None:
    existing = await repository.get_client(session, client_id)
    if existing is None:
        client = _new_client(name=name, role=Role.admin, state=None, by=None, status=Status.active)
        client.client_id = client_id
        client.secret_hash = _hasher.hash(secret)
        await repository.add_client(session, client)
    elif existing.revoked_at is not None:
        # A revocation is an operator's decision: a restart never undoes it.
        log.warning(
            "a configured admin client is revoked and stays revoked; "
            "configure another admin client to administer the platform"
        )
    else:
        if existing.secret_hash is None or not _verify(existing.secret_hash, secret):
            existing.secret_hash = _hasher.hash(secret)  # the operator rotated the secret
        existing.role = Role.admin.value
        existing.status = Status.active.value
        existing.sealed_part = None
