"""A steward's powers, all within its own state: enrol and revoke agency clients, list the
state's clients, read who touched the state's actors' personal data and how its clients changed.

What a steward sees is selected by the audit record's ``subject_state``: the custodian of the
actor (named by the actors service in its audit header, so a grantee's reads count too), or the
state of the client created, approved or revoked.
"""

from __future__ import annotations

from datetime import datetime

from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Forbidden, NotFound
from agora_common.types import query_moments
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit.models import AuditRecord
from gateway.audit.reported import SERVICE_ACTIONS
from gateway.auth.principal import Principal
from gateway.clients import repository as clients_repository
from gateway.clients import service as clients
from gateway.clients.models import Client
from gateway.clients.schemas import ClientCreate, ClientCreated, Role
from gateway.stewardship import repository
from gateway.stewardship.schemas import AgencyEnrolment

# The clients a steward sees and may revoke: its state's agencies and stewards.
STATE_CLIENT_ROLES = (Role.agency.value, Role.steward.value)
# Reads and writes of actors' personal data (and the changes of who may read it).
ACCESS_ACTIONS = SERVICE_ACTIONS
# Every step in the life of a state's clients.
CLIENT_ACTIONS = frozenset(
    {
        "client.created",
        "client.pending_approval",
        "client.approved",
        "client.approval_refused",
        "client.enrolled",
        "client.revoked",
    }
)


def _state_of(steward: Principal) -> str:
    if steward.state is None:  # a steward is created with a state; never without one
        raise Forbidden("This steward belongs to no state.")
    return steward.state


async def enrol_agency(
    session: AsyncSession, *, data: AgencyEnrolment, by: Principal
) -> ClientCreated:
    """Enrol an agency client of the steward's own state; its secret is returned only here."""
    state = _state_of(by)
    created = ClientCreate(name=data.name, role=Role.agency, state=state)
    return await clients.enrol(session, data=created, by=by, action="client.enrolled")


async def list_state_clients(
    session: AsyncSession, *, steward: Principal, cursor: str | None, limit: int
) -> Slice[Client]:
    """One page of the state's agency and steward clients (any status), ordered by id."""
    after = decode_cursor(cursor, str)
    rows = await clients_repository.list_state_clients(
        session,
        state=_state_of(steward),
        roles=STATE_CLIENT_ROLES,
        after=after[0] if after else None,
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda client: (client.client_id,))


async def revoke_state_client(session: AsyncSession, *, client_id: str, by: Principal) -> None:
    """Revoke one of the state's agency or steward clients; any other client is not found."""
    client = await clients_repository.get_client(session, client_id)
    if client is None or client.state != _state_of(by) or client.role not in STATE_CLIENT_ROLES:
        raise NotFound("No such client.")
    await clients.revoke(session, client=client, by=by)


async def state_records(
    session: AsyncSession,
    *,
    steward: Principal,
    actions: frozenset[str],
    cursor: str | None,
    limit: int,
    since: datetime | None,
    until: datetime | None,
) -> Slice[AuditRecord]:
    """One page of the audit records about the steward's state with one of ``actions``."""
    window = query_moments(since=since, until=until)
    since, until = window["since"], window["until"]
    after = decode_cursor(cursor, int)
    rows = await repository.list_state_records(
        session,
        state=_state_of(steward),
        actions=actions,
        after=after[0] if after else None,
        limit=limit + 1,
        since=since,
        until=until,
    )
    return page_of(rows, limit, key=lambda record: (record.seq,))
