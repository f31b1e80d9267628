"""HTTP endpoints of actors themselves: register, read, list, merge-patch, erase.

Responses that carry or change personal data name it in the audit header (``actors.audit``).
"""

from __future__ import annotations

from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.identity import ReaderCaller
from agora_common.ids import id_path
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Header, Query, Request, Response
from starlette.background import BackgroundTask

from actors.audit import audit, audit_headers, named
from actors.dependencies import (
    CallerState,
    CustodianActor,
    DatabaseDep,
    ErasureListDep,
    VaultDep,
)
from actors.duplicates.dependencies import IdentityKeyDep
from actors.registry import patch, service
from actors.registry.repository import ActorFilters
from actors.registry.rules import etag
from actors.registry.schemas import (
    MERGE_PATCH_EXAMPLE,
    Activity,
    ActorDocument,
    ActorKind,
    ActorOut,
    ActorPage,
    RegisteredActorOut,
    Sector,
)
from actors.registry.shape import ActorView
from actors.types import CountryCode, RegionCode, StateCode

router = APIRouter(prefix="/v1/actors", tags=["Actors"])

IfMatch = Annotated[
    str | None, Header(description="The ETag of the version you changed; required.")
]
READ = "actor.personal_data.read"
WRITE = "actor.personal_data.write"


def _one_actor(view: ActorView, response: Response, action: str = READ) -> ActorOut:
    response.headers["ETag"] = etag(view.actor.version)
    if view.personal is not None:
        audit(response, action, [named(view.actor)])
    return view.out()


_ACTOR_RESPONSE: dict[str, Any] = {
    "response_model": ActorOut,
    "response_model_exclude_unset": True,
}


@router.post(
    "",
    status_code=201,
    summary="Register an actor",
    response_model=RegisteredActorOut,
    response_model_exclude_unset=True,
)
async def register_actor(
    state: CallerState,
    body: ActorDocument,
    session: DbSession,
    response: Response,
    vault: VaultDep,
    identity_key: IdentityKeyDep,
) -> RegisteredActorOut:
    """Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest.
    `possible_duplicates` names each other state that registered an actor with the same legal
    name (after normalising case, diacritics, word order and Cyrillic/Latin transliteration),
    email or phone, and what matched; never that actor's id or data."""
    view, possible = await service.register_actor(
        session, state=state, data=body, vault=vault, identity_key=identity_key
    )
    response.headers["Location"] = f"/v1/actors/{view.actor.id}"
    registered = _one_actor(view, response, WRITE)
    return RegisteredActorOut(
        **registered.model_dump(exclude_unset=True), possible_duplicates=possible
    )


@router.get("", response_model=ActorPage, response_model_exclude_unset=True, summary="List actors")
async def list_actors(
    caller: ReaderCaller,
    session: DbSession,
    response: Response,
    vault: VaultDep,
    kind: ActorKind | None = None,
    sector: Sector | None = None,
    activity: Activity | None = None,
    host_country: Annotated[CountryCode | None, Query()] = None,
    origin_region: Annotated[RegionCode | None, Query()] = None,
    custodian_state: Annotated[StateCode | None, Query()] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ActorPage:
    """Actors in registration order, filtered; personal data only where the caller may see it."""
    filters = ActorFilters(
        kind=kind.value if kind else None,
        sector=sector.value if sector else None,
        activity=activity.value if activity else None,
        host_country=host_country,
        origin_region=origin_region,
        custodian_state=custodian_state,
    )
    page = await service.list_actors(
        session, caller=caller, filters=filters, cursor=cursor, limit=limit, vault=vault
    )
    audit(response, READ, [named(v.actor) for v in page.items if v.personal is not None])
    return ActorPage(items=[v.out() for v in page.items], next_cursor=page.next_cursor)


@router.get("/{actor_id}", summary="Get one actor", **_ACTOR_RESPONSE)
async def get_actor(
    actor_id: Annotated[str, id_path("actor")],
    caller: ReaderCaller,
    session: DbSession,
    response: Response,
    vault: VaultDep,
) -> ActorOut:
    """One actor; personal data only for the custodian and the states it granted access.
    An erased actor is `410 Gone`."""
    view = await service.read_actor(session, caller=caller, actor_id=actor_id, vault=vault)
    return _one_actor(view, response)


@router.patch(
    "/{actor_id}",
    summary="Change an actor (JSON Merge Patch)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/merge-patch+json": {
                    "schema": {"type": "object"},
                    "example": MERGE_PATCH_EXAMPLE,
                },
                "application/json": {"schema": {"type": "object"}, "example": MERGE_PATCH_EXAMPLE},
            },
        }
    },
    **_ACTOR_RESPONSE,
)
async def patch_actor(
    actor: CustodianActor,
    session: DbSession,
    response: Response,
    request: Request,
    vault: VaultDep,
    identity_key: IdentityKeyDep,
    if_match: IfMatch = None,
) -> ActorOut:
    """RFC 7396 merge patch by the custodian; `If-Match` is required (missing → 428, stale →
    412). `null` removes a member; the result must be a valid actor."""
    view, wrote_personal = await patch.patch_actor(
        session,
        actor=actor,
        if_match=if_match,
        body=await request.body(),
        vault=vault,
        identity_key=identity_key,
    )
    return _one_actor(view, response, WRITE if wrote_personal else READ)


@router.delete("/{actor_id}", status_code=204, summary="Erase an actor")
async def erase_actor(
    actor: CustodianActor,
    session: DbSession,
    db: DatabaseDep,
    erasures: ErasureListDep,
    if_match: IfMatch = None,
) -> Response:
    """Erasure by the custodian (`If-Match` required): the actor's data key is destroyed, so
    its personal data can never be decrypted again; afterwards `GET` answers 410."""
    erased = named(actor)  # read before the erasure deletes the row
    clean_up = await service.erase_actor(
        session, actor=actor, if_match=if_match, db=db, erasures=erasures
    )
    return Response(
        status_code=204,
        headers=audit_headers("actor.erased", erased),
        # After the commit: hygiene of the SQLite files, not part of the erasure's outcome.
        background=BackgroundTask(clean_up),
    )
