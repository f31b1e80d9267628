"""HTTP endpoints of the actor registry.

Fixed paths (``/permits/expiring``, ``/statistics``) are declared before ``/{actor_id}`` so the
path parameter never captures them. Responses that carry or change personal data name it in
``X-Agora-Audit``, which the gateway turns into audit records and strips.
"""

from __future__ import annotations

from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.identity import Identity, require_role
from agora_common.pagination import Cursor, Limit
from agora_common.problems import Unprocessable
from fastapi import APIRouter, Header, Path, Query, Request, Response
from starlette.background import BackgroundTask

from actors.registry import service
from actors.registry.repository import ActorFilters
from actors.registry.schemas import (
    Activity,
    ActorDocument,
    ActorKind,
    ActorOut,
    ActorPage,
    CountryCode,
    GrantIn,
    GrantOut,
    GrantPage,
    PermitIn,
    PermitOut,
    PermitPage,
    RegionCode,
    Sector,
    StateCode,
    Statistics,
    VettingIn,
    VettingOut,
)
from actors.registry.service import ActorView, etag
from actors.registry.vault import Vault

router = APIRouter(prefix="/v1/actors", tags=["Actors"])

AUDIT_HEADER = "X-Agora-Audit"
ActorId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="The actor's opaque id.")
]
IfMatch = Annotated[
    str | None, Header(description="The ETag of the version you changed; required.")
]


def vault_of(request: Request) -> Vault:
    vault: Vault = request.app.state.vault
    return vault


def _audit(response: Response, action: str, ids: list[str]) -> None:
    if ids:
        response.headers[AUDIT_HEADER] = " ".join([action, *ids])
        # Personal data must not rest in any cache on the way (browsers, proxies).
        response.headers["Cache-Control"] = "no-store"


def _actor_out(view: ActorView) -> ActorOut:
    actor = view.actor
    audience = None
    if (
        actor.audience_monthly_active_users is not None
        or actor.audience_inside_russia_share is not None
    ):
        audience = {
            "monthly_active_users": actor.audience_monthly_active_users,
            "inside_russia_share": actor.audience_inside_russia_share,
        }
    fields: dict[str, Any] = {
        "id": actor.id,
        "kind": actor.kind,
        "public_name": actor.public_name,
        "sectors": actor.sectors,
        "activities": actor.activities,
        "host_country": actor.host_country,
        "origin_region": actor.origin_region,
        "relocated_on": actor.relocated_on,
        "established_on": actor.established_on,
        "risk_level": view.risk_level,
        "audience": audience,
        "custodian_state": actor.custodian_state,
        "version": actor.version,
        "created_at": actor.created_at,
        "updated_at": actor.updated_at,
    }
    if view.personal is not None:
        # Only callers who may see personal data get these members at all (not even null).
        fields.update(view.personal)
    return ActorOut.model_validate(fields)


def _one_actor(view: ActorView, response: Response, action: str | None = None) -> ActorOut:
    response.headers["ETag"] = etag(view.actor.version)
    if view.personal is not None:
        _audit(response, action or "actor.personal_data.read", [view.actor.id])
    return _actor_out(view)


_ACTOR_RESPONSE: dict[str, Any] = {
    "response_model": ActorOut,
    "response_model_exclude_unset": True,
}


@router.post("", status_code=201, summary="Register an actor", **_ACTOR_RESPONSE)
async def register_actor(
    body: ActorDocument,
    session: DbSession,
    response: Response,
    request: Request,
    caller: Identity = require_role("agency"),
) -> ActorOut:
    """Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest."""
    view = await service.register_actor(session, caller=caller, data=body, vault=vault_of(request))
    response.headers["Location"] = f"/v1/actors/{view.actor.id}"
    return _one_actor(view, response, "actor.personal_data.write")


@router.get("", response_model=ActorPage, response_model_exclude_unset=True, summary="List actors")
async def list_actors(
    session: DbSession,
    response: Response,
    request: Request,
    kind: ActorKind | None = None,
    sector: Sector | None = None,
    activity: Activity | None = None,
    host_country: Annotated[CountryCode | None, Query()] = None,
    origin_region: Annotated[RegionCode | None, Query()] = None,
    custodian_state: Annotated[StateCode | None, Query()] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("agency", "evaluator", "admin"),
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
    views, next_cursor = await service.list_actors(
        session,
        caller=caller,
        filters=filters,
        cursor=cursor,
        limit=limit,
        vault=vault_of(request),
    )
    _audit(
        response,
        "actor.personal_data.read",
        [v.actor.id for v in views if v.personal is not None],
    )
    return ActorPage.model_validate(
        {"items": [_actor_out(v) for v in views], "next_cursor": next_cursor}
    )


@router.get(
    "/permits/expiring",
    response_model=PermitPage,
    summary="Permits ending soon that the caller may see",
)
async def expiring_permits(
    session: DbSession,
    within_days: Annotated[int, Query(ge=0, le=3650, description="Days from today, 0–3650.")],
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("agency"),
) -> PermitPage:
    """Permits whose `valid_until` is between today and today + `within_days`, soonest first,
    of actors the caller's state holds, was granted, or issued the permit for."""
    permits, next_cursor = await service.expiring_permits(
        session, caller=caller, within_days=within_days, cursor=cursor, limit=limit
    )
    return PermitPage.model_validate(
        {"items": permits, "next_cursor": next_cursor}, from_attributes=True
    )


@router.get("/statistics", response_model=Statistics, summary="Registry statistics")
async def statistics(
    request: Request,
    caller: Identity = require_role("agency", "admin"),
) -> Statistics:
    """Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    The figures are a snapshot, taken anew only after at least 5 registrations, updates of
    counted attributes (kind, sectors, activities, host country, origin region, representation,
    consent) or erasures since the last one, so a difference between two snapshots never rests
    on fewer than 5 changes (one new registration does not show). Every published count is
    rounded to a multiple of 5, and shares are computed from the rounded counts, to 2
    decimals."""
    if request.query_params:
        raise Unprocessable(
            "Statistics take no filters.",
            errors=[
                {"loc": ["query", name], "msg": "not accepted", "type": "extra_forbidden"}
                for name in sorted(set(request.query_params.keys()))[:10]
            ],
        )
    # No request transaction: the service opens its own, one connection at a time.
    return await service.statistics(
        db=request.app.state.db,
        vault=vault_of(request),
        guard=request.app.state.statistics_guard,
    )


@router.get("/{actor_id}", summary="Get one actor", **_ACTOR_RESPONSE)
async def get_actor(
    actor_id: ActorId,
    session: DbSession,
    response: Response,
    request: Request,
    caller: Identity = require_role("agency", "evaluator", "admin"),
) -> ActorOut:
    """One actor; personal data only for the custodian and the states it granted access.
    An erased actor is `410 Gone`."""
    view = await service.get_actor(
        session, caller=caller, actor_id=actor_id, vault=vault_of(request)
    )
    return _one_actor(view, response)


@router.patch(
    "/{actor_id}",
    summary="Change an actor (JSON Merge Patch)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/merge-patch+json": {"schema": {"type": "object"}},
                "application/json": {"schema": {"type": "object"}},
            },
        }
    },
    **_ACTOR_RESPONSE,
)
async def patch_actor(
    actor_id: ActorId,
    session: DbSession,
    response: Response,
    request: Request,
    if_match: IfMatch = None,
    caller: Identity = require_role("agency"),
) -> ActorOut:
    """RFC 7396 merge patch by the custodian; `If-Match` is required (missing → 428, stale →
    412). `null` removes a member; the result must be a valid actor."""
    view, wrote_personal = await service.patch_actor(
        session,
        caller=caller,
        actor_id=actor_id,
        if_match=if_match,
        body=await request.body(),
        vault=vault_of(request),
    )
    action = "actor.personal_data.write" if wrote_personal else "actor.personal_data.read"
    return _one_actor(view, response, action)


@router.delete("/{actor_id}", status_code=204, summary="Erase an actor")
async def erase_actor(
    actor_id: ActorId,
    session: DbSession,
    request: Request,
    if_match: IfMatch = None,
    caller: Identity = require_role("agency"),
) -> Response:
    """Erasure by the custodian (`If-Match` required): the actor's data key is destroyed, so
    its personal data can never be decrypted again; afterwards `GET` answers 410."""
    await service.erase_actor(session, caller=caller, actor_id=actor_id, if_match=if_match)
    return Response(
        status_code=204,
        headers={AUDIT_HEADER: f"actor.erased {actor_id}"},
        # After the commit: hygiene of the SQLite files, not part of the erasure's outcome.
        background=BackgroundTask(service.clear_erased_leftovers, db=request.app.state.db),
    )


@router.post(
    "/{actor_id}/grants", status_code=201, response_model=GrantOut, summary="Share with a state"
)
async def grant_access(
    actor_id: ActorId,
    body: GrantIn,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> GrantOut:
    """The custodian shares the actor's personal data with another state."""
    grant = await service.grant_access(session, caller=caller, actor_id=actor_id, data=body)
    response.headers["Location"] = f"/v1/actors/{actor_id}/grants/{grant.state}"
    _audit(response, "actor.grant.created", [actor_id])
    return GrantOut.model_validate(grant, from_attributes=True)


@router.get("/{actor_id}/grants", response_model=GrantPage, summary="States with access")
async def list_grants(
    actor_id: ActorId,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("agency"),
) -> GrantPage:
    """The states the custodian shares the actor with (custodian only)."""
    grants, next_cursor = await service.list_grants(
        session, caller=caller, actor_id=actor_id, cursor=cursor, limit=limit
    )
    return GrantPage.model_validate(
        {"items": grants, "next_cursor": next_cursor}, from_attributes=True
    )


@router.delete("/{actor_id}/grants/{state}", status_code=204, summary="Withdraw a state's access")
async def withdraw_access(
    actor_id: ActorId,
    state: Annotated[str, Path(pattern=r"^[A-Z]{2,16}$")],
    session: DbSession,
    caller: Identity = require_role("agency"),
) -> Response:
    """The custodian withdraws a state's access; its agencies stop seeing personal data."""
    await service.withdraw_access(session, caller=caller, actor_id=actor_id, state=state)
    return Response(status_code=204, headers={AUDIT_HEADER: f"actor.grant.withdrawn {actor_id}"})


@router.post(
    "/{actor_id}/permits", status_code=201, response_model=PermitOut, summary="Record a permit"
)
async def issue_permit(
    actor_id: ActorId,
    body: PermitIn,
    session: DbSession,
    caller: Identity = require_role("agency"),
) -> PermitOut:
    """A residence or work permit; the issuing state is the caller's. Visible to the
    custodian, the states it granted access, and the issuing state."""
    permit = await service.issue_permit(session, caller=caller, actor_id=actor_id, data=body)
    return PermitOut.model_validate(permit, from_attributes=True)


@router.get("/{actor_id}/permits", response_model=PermitPage, summary="An actor's permits")
async def list_actor_permits(
    actor_id: ActorId,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("agency"),
) -> PermitPage:
    """The actor's permits that the caller's state may see, by `valid_until`."""
    permits, next_cursor = await service.list_actor_permits(
        session, caller=caller, actor_id=actor_id, cursor=cursor, limit=limit
    )
    return PermitPage.model_validate(
        {"items": permits, "next_cursor": next_cursor}, from_attributes=True
    )


@router.put("/{actor_id}/vetting", response_model=VettingOut, summary="Record your vetting")
async def record_vetting(
    actor_id: ActorId,
    body: VettingIn,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> VettingOut:
    """The caller's own state's vetting decision (`pending`, `approved`, `declined`) → 201
    when first recorded, 200 when replaced. No other state ever sees it."""
    vetting, created = await service.record_vetting(
        session, caller=caller, actor_id=actor_id, data=body
    )
    response.status_code = 201 if created else 200
    _audit(response, "actor.vetting.recorded", [actor_id])
    return VettingOut.model_validate(vetting, from_attributes=True)


@router.get("/{actor_id}/vetting", response_model=VettingOut, summary="Your vetting decision")
async def get_vetting(
    actor_id: ActorId,
    session: DbSession,
    caller: Identity = require_role("agency"),
) -> VettingOut:
    """The caller's own state's decision on the actor; 404 if it recorded none."""
    vetting = await service.get_vetting(session, caller=caller, actor_id=actor_id)
    return VettingOut.model_validate(vetting, from_attributes=True)
