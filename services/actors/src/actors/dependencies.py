"""What the registry's routes depend on, declared once: its state, the caller's state, and the
actor named in the path (loaded, or 404 / 410 / 403)."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state
from agora_common.db import Database, DbSession
from agora_common.erasure_list import ErasureList
from agora_common.identity import AgencyCaller, Identity
from agora_common.ids import id_path
from agora_common.problems import Forbidden, Problem
from fastapi import Depends

from actors.config import Settings
from actors.models import Actor
from actors.registry import repository, service
from actors.vault import Vault

VaultDep = Annotated[Vault, from_app_state("vault")]
SettingsDep = Annotated[Settings, from_app_state("settings")]
DatabaseDep = Annotated[Database, from_app_state("db")]
ErasureListDep = Annotated[ErasureList, from_app_state("erasure_list")]
"""The erasure list, outside the database (agora_common.erasure_list)."""
"""The database itself, for work outside the request's transaction."""


class MissingState(Problem):
    status = 403
    title = "No state"


def state_of(caller: Identity) -> str:
    """The caller's state; 403 for a caller without one."""
    if caller.role != "agency" or not caller.state:
        raise MissingState("Only an agency with a state may do this.")
    return caller.state


async def caller_state(caller: AgencyCaller) -> str:
    return state_of(caller)


CallerState = Annotated[str, Depends(caller_state)]
"""The state of the calling agency (403 for any other caller)."""


async def live_actor(actor_id: Annotated[str, id_path("actor")], session: DbSession) -> Actor:
    """The actor in the path: 410 if it was erased, 404 if it never existed."""
    actor = await repository.get_actor(session, actor_id)
    if actor is None:
        raise await service.missing_actor(session, actor_id)
    return actor


LiveActor = Annotated[Actor, Depends(live_actor)]


async def custodian_actor(caller: AgencyCaller, actor: LiveActor) -> Actor:
    """The actor in the path, for its custodian state only (403 for anyone else)."""
    if state_of(caller) != actor.custodian_state:
        raise Forbidden("Only the custodian state may do this.")
    return actor


CustodianActor = Annotated[Actor, Depends(custodian_actor)]
