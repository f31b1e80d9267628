"""Rules of the actor registry: who may see and change what, and what each change publishes."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from agora_common.db import Database
from agora_common.identity import Identity
from agora_common.outbox import enqueue
from agora_common.pagination import decode_cursor, encode_cursor
from agora_common.problems import (
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Problem,
    Unprocessable,
)
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from actors.events import published
from actors.registry import repository, rules
from actors.registry.models import Actor, ActorKey, ErasedActor, Grant, Permit, Vetting
from actors.registry.repository import ActorFilters
from actors.registry.schemas import (
    COUNTRIES,
    PERSONAL_FIELDS,
    READ_ONLY_FIELDS,
    RUSSIAN_REGIONS,
    Activity,
    ActorDocument,
    ActorKind,
    Gender,
    GrantIn,
    PermitIn,
    RepresentationShares,
    Sector,
    Statistics,
    VettingIn,
    utc_today,
)
from actors.registry.vault import Vault

log = logging.getLogger("agora.actors")


class MissingState(Problem):
    status = 403
    title = "No state"


@dataclass
class ActorView:
    """An actor as one caller may see it: ``personal`` is None when it may not see it."""

    actor: Actor
    risk_level: str
    personal: dict[str, Any] | None


@dataclass
class Opened:
    """An actor's decrypted fields; only the caller's rights decide which of them it gets."""

    data_key: bytes
    risk_level: str
    personal: dict[str, Any]


def _open(vault: Vault, actor: Actor, wrapped_key: bytes, *, personal: bool) -> Opened:
    data_key = vault.unwrap(wrapped_key, actor_id=actor.id)
    attributes = vault.open(
        actor.attributes, data_key=data_key, actor_id=actor.id, purpose="attributes"
    )
    opened = {}
    if personal:
        opened = vault.open(actor.personal, data_key=data_key, actor_id=actor.id)
    return Opened(data_key, str(attributes["risk_level"]), opened)


def new_id(prefix: str) -> str:
    """A random, opaque id (never sequential)."""
    return f"{prefix}_{secrets.token_urlsafe(16)}"


def _state_of(caller: Identity) -> str:
    if caller.role != "agency" or not caller.state:
        raise MissingState("Only an agency with a state may do this.")
    return caller.state


def _invalid(errors: list[dict[str, Any]]) -> Unprocessable:
    return Unprocessable("The request is not valid; see errors.", errors=errors)


async def _live_actor(session: AsyncSession, actor_id: str) -> Actor:
    """The actor, 410 if it was erased, 404 if it never existed."""
    actor = await repository.get_actor(session, actor_id)
    if actor is not None:
        return actor
    if await repository.get_erased(session, actor_id) is not None:
        raise Gone("This actor was erased.")
    raise NotFound("No such actor.")


def _require_custodian(caller: Identity, actor: Actor) -> str:
    state = _state_of(caller)
    if state != actor.custodian_state:
        raise Forbidden("Only the custodian state may do this.")
    return state


def _check_if_match(if_match: str | None, version: int) -> None:
    """RFC 9110 If-Match with strong comparison: missing → 428, no current tag → 412."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("This change requires an If-Match header with the ETag.")
    tags = [t.strip() for t in if_match.split(",")]
    if "*" not in tags and etag(version) not in tags:
        raise PreconditionFailed("The actor has changed since that ETag; fetch it again.")


def etag(version: int) -> str:
    return f'"{version}"'


def _personal_of(document: ActorDocument) -> dict[str, Any]:
    dumped = document.model_dump(mode="json", include=set(PERSONAL_FIELDS))
    return {k: dumped.get(k) for k in PERSONAL_FIELDS}


def _columns_of(document: ActorDocument) -> dict[str, Any]:
    audience = document.audience
    return {
        "kind": document.kind.value,
        "public_name": document.public_name,
        "sectors": [s.value for s in document.sectors],
        "activities": [a.value for a in document.activities],
        "host_country": document.host_country,
        "origin_region": document.origin_region,
        "relocated_on": document.relocated_on,
        "established_on": document.established_on,
        "audience_monthly_active_users": audience.monthly_active_users if audience else None,
        "audience_inside_russia_share": audience.inside_russia_share if audience else None,
    }


def _document_of(actor: Actor, risk_level: str, personal: dict[str, Any]) -> dict[str, Any]:
    """The actor as the JSON document a merge patch applies to (nulls are absent members)."""
    audience = {
        "monthly_active_users": actor.audience_monthly_active_users,
        "inside_russia_share": actor.audience_inside_russia_share,
    }
    document: dict[str, Any] = {
        "kind": actor.kind,
        "public_name": actor.public_name,
        "sectors": list(actor.sectors),
        "activities": list(actor.activities),
        "host_country": actor.host_country,
        "origin_region": actor.origin_region,
        "relocated_on": actor.relocated_on.isoformat() if actor.relocated_on else None,
        "established_on": actor.established_on.isoformat() if actor.established_on else None,
        "risk_level": risk_level,
        "audience": {k: v for k, v in audience.items() if v is not None} or None,
        **personal,
    }
    return _drop_nulls(document)


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    return value


async def _may_see_personal(session: AsyncSession, caller: Identity, actor: Actor) -> bool:
    if caller.role != "agency" or not caller.state:
        return False  # operators and evaluators never see personal data
    if caller.state == actor.custodian_state:
        return True
    return await repository.get_grant(session, actor.id, caller.state) is not None


async def _open_actor(
    session: AsyncSession, vault: Vault, actor: Actor, *, personal: bool
) -> Opened:
    key = await repository.get_key(session, actor.id)
    if key is None:
        raise RuntimeError("an actor without a data key")
    return _open(vault, actor, key.wrapped_key, personal=personal)


async def register_actor(
    session: AsyncSession, *, caller: Identity, data: ActorDocument, vault: Vault
) -> ActorView:
    """Register an actor with the caller's state as its custodian; personal data sealed."""
    state = _state_of(caller)
    if errors := rules.document_errors(data):
        raise _invalid(errors)
    now = datetime.now(UTC)
    actor_id = new_id("act")
    data_key = vault.new_data_key()
    personal = _personal_of(data)
    actor = Actor(
        id=actor_id,
        **_columns_of(data),
        custodian_state=state,
        personal=vault.seal(personal, data_key=data_key, actor_id=actor_id),
        attributes=_seal_attributes(vault, data, data_key, actor_id),
        version=1,
        statistics_changes=1,
        created_at=now,
        updated_at=now,
    )
    key = ActorKey(
        actor_id=actor_id,
        wrapped_key=vault.wrap(data_key, actor_id=actor_id),
        master_key_id=vault.master_key_id,
    )
    await repository.add_actor(session, actor, key)
    await enqueue(session, *published.registered(actor))
    return ActorView(actor, data.risk_level.value, personal)


def _seal_attributes(
    vault: Vault, document: ActorDocument, data_key: bytes, actor_id: str
) -> bytes:
    return vault.seal(
        {"risk_level": document.risk_level.value},
        data_key=data_key,
        actor_id=actor_id,
        purpose="attributes",
    )


async def get_actor(
    session: AsyncSession, *, caller: Identity, actor_id: str, vault: Vault
) -> ActorView:
    """One actor; personal data only for its custodian and the states it granted access."""
    actor = await _live_actor(session, actor_id)
    visible = await _may_see_personal(session, caller, actor)
    opened = await _open_actor(session, vault, actor, personal=visible)
    return ActorView(actor, opened.risk_level, opened.personal if visible else None)


def _actor_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    position = decode_cursor(cursor, 2)
    if position is None:
        return None
    try:
        created_at = datetime.fromisoformat(str(position[0]))
    except ValueError:
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.") from None
    if created_at.tzinfo is None:
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    return created_at, str(position[1])


async def list_actors(
    session: AsyncSession,
    *,
    caller: Identity,
    filters: ActorFilters,
    cursor: str | None,
    limit: int,
    vault: Vault,
) -> tuple[list[ActorView], str | None]:
    """A page of actors in registration order; personal data where the caller may see it."""
    after = _actor_cursor(cursor)
    actors = await repository.list_actors(session, filters, after=after, limit=limit + 1)
    page, more = actors[:limit], len(actors) > limit
    visible: set[str] = set()
    if caller.role == "agency" and caller.state:
        visible = {a.id for a in page if a.custodian_state == caller.state}
        visible |= await repository.granted_actor_ids(
            session, [a.id for a in page if a.id not in visible], caller.state
        )
    keys = await repository.keys_of(session, [a.id for a in page])
    views = []
    for actor in page:
        shown = actor.id in visible
        opened = _open(vault, actor, keys[actor.id].wrapped_key, personal=shown)
        views.append(ActorView(actor, opened.risk_level, opened.personal if shown else None))
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor([last.created_at.isoformat(), last.id])
    return views, next_cursor


async def patch_actor(
    session: AsyncSession,
    *,
    caller: Identity,
    actor_id: str,
    if_match: str | None,
    body: bytes,
    vault: Vault,
) -> tuple[ActorView, bool]:
    """Apply a JSON Merge Patch (RFC 7396) for the custodian; returns the view and whether
    personal data was written."""
    actor = await _live_actor(session, actor_id)
    _require_custodian(caller, actor)
    _check_if_match(if_match, actor.version)
    patch = _parse_patch(body)
    opened = await _open_actor(session, vault, actor, personal=True)
    data_key, personal = opened.data_key, opened.personal
    current = _document_of(actor, opened.risk_level, personal)
    merged = rules.merge_patch(current, patch)
    try:
        encoded = orjson.dumps(merged)
    except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        raise Unprocessable.field(["body"], "cannot be applied", "json_invalid") from None
    try:
        document = ActorDocument.model_validate_json(encoded)
    except ValidationError as exc:
        raise _invalid(rules.field_errors(exc)) from None
    if errors := rules.document_errors(document):
        raise _invalid(errors)
    new_personal = _personal_of(document)
    values = {
        column: value
        for column, value in _columns_of(document).items()
        if getattr(actor, column) != value
    }
    personal_changed = new_personal != personal
    risk_changed = document.risk_level.value != opened.risk_level
    if not values and not personal_changed and not risk_changed:
        return ActorView(actor, opened.risk_level, personal), False
    if _counted_change(values, personal, new_personal):
        values["statistics_changes"] = actor.statistics_changes + 1
    if personal_changed:
        values["personal"] = vault.seal(new_personal, data_key=data_key, actor_id=actor.id)
    if risk_changed:
        values["attributes"] = _seal_attributes(vault, document, data_key, actor.id)
    if "sectors" in values or "activities" in values:
        values["sectors"] = [s.value for s in document.sectors]
        values["activities"] = [a.value for a in document.activities]
    values["updated_at"] = datetime.now(UTC)
    updated = await repository.update_actor(
        session, actor.id, expected_version=actor.version, values=values
    )
    if updated is None:
        raise PreconditionFailed("The actor has changed since that ETag; fetch it again.")
    await enqueue(session, *published.updated(updated))
    return ActorView(updated, document.risk_level.value, new_personal), personal_changed


# What the statistics count: an update touching any of these is a counted change.
COUNTED_COLUMNS = ("kind", "sectors", "activities", "host_country", "origin_region")
COUNTED_PERSONAL = ("representation", "consent")


def _counted_change(
    values: dict[str, Any], personal: dict[str, Any], new_personal: dict[str, Any]
) -> bool:
    return any(column in values for column in COUNTED_COLUMNS) or any(
        personal.get(name) != new_personal.get(name) for name in COUNTED_PERSONAL
    )


# An actor document nests 3 levels deep (representation → vulnerable_groups → item); deeper
# patches are refused before they reach the merge or the encoder.
MAX_PATCH_DEPTH = 8


def _parse_patch(body: bytes) -> dict[str, Any]:
    try:
        patch = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise Unprocessable.field(["body"], "must be a JSON object", "json_invalid") from None
    if not isinstance(patch, dict):
        raise Unprocessable.field(["body"], "must be a JSON object", "type_error")
    if rules.nesting_depth(patch, limit=MAX_PATCH_DEPTH) > MAX_PATCH_DEPTH:
        raise Unprocessable.field(
            ["body"], f"is nested deeper than {MAX_PATCH_DEPTH} levels", "too_deep"
        )
    read_only = [
        {"loc": ["body", name], "msg": "is read-only", "type": "read_only"}
        for name in READ_ONLY_FIELDS
        if name in patch
    ]
    if read_only:
        raise _invalid(read_only)
    return patch


async def erase_actor(
    session: AsyncSession, *, caller: Identity, actor_id: str, if_match: str | None
) -> None:
    """Erase an actor: its data key is destroyed, so its ciphertext can never be read again."""
    actor = await _live_actor(session, actor_id)
    _require_custodian(caller, actor)
    _check_if_match(if_match, actor.version)
    version = actor.version + 1
    tombstone = ErasedActor(
        id=actor.id,
        custodian_state=actor.custodian_state,
        version=version,
        statistics_changes=actor.statistics_changes + 1,
        erased_at=datetime.now(UTC),
    )
    session.expunge(actor)
    erased = await repository.erase_actor(
        session, actor_id, expected_version=actor.version, erased=tombstone
    )
    if not erased:
        raise PreconditionFailed("The actor has changed since that ETag; fetch it again.")
    await enqueue(session, *published.erased(actor_id, version))


async def clear_erased_leftovers(*, db: Database) -> None:
    """Flush erased rows out of the database's write-ahead files (runs after the commit)."""
    try:
        await repository.checkpoint_after_erasure(db)
    except Exception as exc:  # hygiene only: the erasure itself is already committed
        log.warning("checkpoint after erasure failed", extra={"error_type": type(exc).__name__})


# Grants


async def grant_access(
    session: AsyncSession, *, caller: Identity, actor_id: str, data: GrantIn
) -> Grant:
    """Share the actor's personal data with another state (custodian only)."""
    actor = await _live_actor(session, actor_id)
    state = _require_custodian(caller, actor)
    if data.state == state:
        raise Unprocessable.field(["body", "state"], "the custodian already has access")
    if await repository.get_grant(session, actor.id, data.state) is not None:
        raise Conflict("This state already has access.")
    grant = Grant(actor_id=actor.id, state=data.state, granted_at=datetime.now(UTC))
    if not await repository.add_grant(session, grant):
        raise Conflict("This state already has access.")
    return grant


async def withdraw_access(
    session: AsyncSession, *, caller: Identity, actor_id: str, state: str
) -> None:
    """Withdraw a state's access (custodian only); 404 if it had none."""
    actor = await _live_actor(session, actor_id)
    _require_custodian(caller, actor)
    grant = await repository.get_grant(session, actor.id, state)
    if grant is None:
        raise NotFound("This state has no access to withdraw.")
    await repository.delete_grant(session, grant)


async def list_grants(
    session: AsyncSession, *, caller: Identity, actor_id: str, cursor: str | None, limit: int
) -> tuple[list[Grant], str | None]:
    """The states the custodian shares the actor with."""
    actor = await _live_actor(session, actor_id)
    _require_custodian(caller, actor)
    position = decode_cursor(cursor, 1)
    grants = await repository.list_grants(
        session, actor.id, after=str(position[0]) if position else None, limit=limit + 1
    )
    next_cursor = encode_cursor([grants[limit - 1].state]) if len(grants) > limit else None
    return grants[:limit], next_cursor


# Permits


async def issue_permit(
    session: AsyncSession, *, caller: Identity, actor_id: str, data: PermitIn
) -> Permit:
    """Record a residence or work permit issued by the caller's state."""
    state = _state_of(caller)
    actor = await _live_actor(session, actor_id)
    if errors := rules.permit_period_errors(data.valid_from, data.valid_until):
        raise _invalid(errors)
    permit = Permit(
        id=new_id("pmt"),
        actor_id=actor.id,
        type=data.type.value,
        issuing_state=state,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        family_members=data.family_members,
        created_at=datetime.now(UTC),
    )
    await repository.add_permit(session, permit)
    return permit


def _permit_cursor(cursor: str | None) -> tuple[date, str] | None:
    position = decode_cursor(cursor, 2)
    if position is None:
        return None
    try:
        return date.fromisoformat(str(position[0])), str(position[1])
    except ValueError:
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.") from None


def _permit_next(permits: list[Permit], limit: int) -> str | None:
    if len(permits) <= limit:
        return None
    last = permits[limit - 1]
    return encode_cursor([last.valid_until.isoformat(), last.id])


async def list_actor_permits(
    session: AsyncSession, *, caller: Identity, actor_id: str, cursor: str | None, limit: int
) -> tuple[list[Permit], str | None]:
    """An actor's permits that the caller's state may see (custodian, grantee or issuer)."""
    state = _state_of(caller)
    actor = await _live_actor(session, actor_id)
    permits = await repository.list_actor_permits(
        session, actor.id, state=state, after=_permit_cursor(cursor), limit=limit + 1
    )
    return permits[:limit], _permit_next(permits, limit)


async def expiring_permits(
    session: AsyncSession, *, caller: Identity, within_days: int, cursor: str | None, limit: int
) -> tuple[list[Permit], str | None]:
    """Permits ending between today and ``within_days`` from now that the caller may see."""
    state = _state_of(caller)
    today = utc_today()
    permits = await repository.expiring_permits(
        session,
        state=state,
        start=today,
        end=today + timedelta(days=within_days),
        after=_permit_cursor(cursor),
        limit=limit + 1,
    )
    return permits[:limit], _permit_next(permits, limit)


# Vetting


async def record_vetting(
    session: AsyncSession, *, caller: Identity, actor_id: str, data: VettingIn
) -> tuple[Vetting, bool]:
    """Record the caller's own state's vetting decision; returns it and whether it is new."""
    state = _state_of(caller)
    actor = await _live_actor(session, actor_id)
    vetting = await repository.get_vetting(session, actor.id, state)
    created = vetting is None
    if vetting is None:
        vetting = Vetting(actor_id=actor.id, state=state)
    vetting.decision = data.decision.value
    vetting.decided_on = data.decided_on
    vetting.recorded_at = datetime.now(UTC)
    if not await repository.save_vetting(session, vetting):
        raise Conflict("Your state's decision was recorded concurrently; fetch it and retry.")
    return vetting, created


async def get_vetting(session: AsyncSession, *, caller: Identity, actor_id: str) -> Vetting:
    """The caller's own state's decision; no state ever sees another's (404 if none)."""
    state = _state_of(caller)
    actor = await _live_actor(session, actor_id)
    vetting = await repository.get_vetting(session, actor.id, state)
    if vetting is None:
        raise NotFound("Your state has recorded no vetting decision on this actor.")
    return vetting


# Statistics


# Self-declared origins counted as Russian when computing the non-Russian share.
RUSSIAN = {"russian", "russians", "русский", "русская", "русские", "russe", "russisch"}


# A new snapshot of the statistics is taken only after this many counted changes since the
# last one, so no difference between two snapshots rests on fewer people than a published cell.
SNAPSHOT_AFTER_CHANGES = 5


class StatisticsGuard:
    """Lets one request at a time of this process take a new snapshot."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()


async def statistics(*, db: Database, vault: Vault, guard: StatisticsGuard) -> Statistics:
    """The statistics snapshot, taken anew only after at least 5 counted changes since the last.

    Between two snapshots at least 5 registrations, updates of counted attributes or erasures
    happened, so no difference between them can be pinned on one person; and the counts are
    rounded to multiples of 5 besides. Each step holds one connection at a time, and a request
    waiting for another's new snapshot holds none.
    """
    async with db.transaction(readonly=True) as reader:
        published = await _current_snapshot(reader)
    if published is not None:
        return published
    async with guard.lock:
        async with db.transaction(readonly=True) as reader:
            published = await _current_snapshot(reader)
            if published is not None:  # taken while this request waited
                return published
            snapshot = await repository.get_snapshot(reader)
            fresh = await _compute_statistics(reader, vault)
            # Counted after computing: the snapshot reflects at most this many changes, so
            # the next one (taken at least 5 later) differs from it by at least 5.
            taken_at_changes = await repository.registry_changes(reader)
        async with db.transaction() as writer:
            stored = await repository.replace_snapshot(
                writer,
                expected_changes=snapshot.changes,
                changes=taken_at_changes,
                body=_encode_snapshot(fresh),
                taken_at=datetime.now(UTC),
            )
            if stored:
                return fresh
            # Another instance stored a snapshot meanwhile: publish that one, never both.
            current = await repository.get_snapshot(writer)
    published = _decode_snapshot(current.body)
    if published is None:  # a snapshot, once taken, is never removed
        raise RuntimeError("the statistics snapshot vanished")
    return published


async def _current_snapshot(session: AsyncSession) -> Statistics | None:
    """The stored snapshot, unless there is none or 5 counted changes happened since."""
    snapshot = await repository.get_snapshot(session)
    published = _decode_snapshot(snapshot.body)
    if published is None:
        return None
    changes = await repository.registry_changes(session)
    if changes - snapshot.changes >= SNAPSHOT_AFTER_CHANGES:
        return None
    return published


def _layout() -> list[tuple[str, list[str] | None]]:
    """Which cell each stored number is: the snapshot stores numbers only, never names (some
    names, such as a gender, are personal data wherever else they would appear)."""
    return [
        ("total", None),
        ("by_kind", [k.value for k in ActorKind]),
        ("by_sector", [s.value for s in Sector]),
        ("by_activity", [a.value for a in Activity]),
        ("by_host_country", COUNTRIES),
        ("by_origin_region", RUSSIAN_REGIONS),
        ("representation", list(RepresentationShares.model_fields)),
    ]


def _layout_id() -> str:
    return hashlib.sha256(orjson.dumps(_layout())).hexdigest()


def _encode_snapshot(stats: Statistics) -> str:
    dumped = stats.model_dump()
    values = [
        dumped[name] if keys is None else [dumped[name][k] for k in keys]
        for name, keys in _layout()
    ]
    return orjson.dumps({"layout": _layout_id(), "values": values}).decode()


def _decode_snapshot(body: str | None) -> Statistics | None:
    """The stored statistics; None if there are none or they were stored by another layout
    (a new code list, say), which then takes a new snapshot."""
    if body is None:
        return None
    stored = orjson.loads(body)
    if stored.get("layout") != _layout_id():
        return None
    fields: dict[str, Any] = {
        name: value if keys is None else dict(zip(keys, value, strict=True))
        for (name, keys), value in zip(_layout(), stored["values"], strict=True)
    }
    return Statistics.model_validate(fields)


async def _compute_statistics(session: AsyncSession, vault: Vault) -> Statistics:
    """Counts and representation shares: cells under 5 people suppressed, the rest rounded to
    multiples of 5, shares computed from the rounded counts."""
    total = await repository.count_actors(session)
    population = rules.suppress_total(total)
    representation = await _representation_counts(session, vault)
    consented = representation.pop("consented")
    consented_shown = consented if rules.publishable(consented, population) else None
    genders = rules.suppress_partition(
        {g.value: representation[g.value] for g in Gender},
        consented_shown,
        keys=[g.value for g in Gender],
        strict=True,
    )
    return Statistics(
        total=rules.rounded(population),
        by_kind=rules.rounded_cells(
            rules.suppress_partition(
                await repository.count_by(session, Actor.kind),
                population,
                keys=[k.value for k in ActorKind],
            )
        ),
        by_sector=rules.rounded_cells(
            rules.suppress_overlapping(
                await repository.count_sectors(session),
                population,
                keys=[s.value for s in Sector],
            )
        ),
        by_activity=rules.rounded_cells(
            rules.suppress_overlapping(
                await repository.count_activities(session),
                population,
                keys=[a.value for a in Activity],
            )
        ),
        by_host_country=rules.rounded_cells(
            rules.suppress_partition(
                await repository.count_by(session, Actor.host_country),
                population,
                keys=COUNTRIES,
            )
        ),
        by_origin_region=rules.rounded_cells(
            rules.suppress_partition(
                await repository.count_by(session, Actor.origin_region),
                population,
                keys=RUSSIAN_REGIONS,
            )
        ),
        representation=RepresentationShares(
            consented=rules.rounded(consented_shown),
            **{
                g: rules.share_of(rules.rounded(n), rules.rounded(consented_shown))
                for g, n in genders.items()
            },
            **{
                name: rules.share(representation[name], consented_shown)
                for name in ("non_russian_ethnic_origin", "national_minority", "vulnerable_groups")
            },
        ),
    )


async def _representation_counts(session: AsyncSession, vault: Vault) -> dict[str, int]:
    """Counts over consented representation data, decrypted in memory and never stored."""
    counts = dict.fromkeys(
        [
            "consented",
            *(g.value for g in Gender),
            "non_russian_ethnic_origin",
            "national_minority",
            "vulnerable_groups",
        ],
        0,
    )
    async for batch in repository.sealed_personal_data(session):
        for actor_id, ciphertext, wrapped_key in batch:
            data_key = vault.unwrap(wrapped_key, actor_id=actor_id)
            personal = vault.open(ciphertext, data_key=data_key, actor_id=actor_id)
            representation = personal.get("representation")
            if not representation or not personal.get("consent"):
                continue  # shares rest on consented records only
            counts["consented"] += 1
            if representation.get("gender") in counts:
                counts[representation["gender"]] += 1
            origin = representation.get("ethnic_origin")
            if origin and origin.strip().casefold() not in RUSSIAN:
                counts["non_russian_ethnic_origin"] += 1
            if representation.get("national_minority"):
                counts["national_minority"] += 1
            if representation.get("vulnerable_groups"):
                counts["vulnerable_groups"] += 1
    return counts
