"""The one mapping of an actor's shape: row ↔ document ↔ response ↔ published attributes.

Plain columns hold the non-personal members (``audience`` flattened into two columns); the risk
level and the personal fields are sealed (see ``actors.vault``) and joined in by the caller.
The risk level is personal: shown, like the personal fields, only to the custodian and the
states it granted access.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from agora_contracts.events import ActorPublic

from actors.models import Actor
from actors.registry.schemas import ActorDocument, ActorOut

# Document members stored as they are, one column each.
PLAIN_MEMBERS = (
    "kind",
    "public_name",
    "sectors",
    "activities",
    "host_country",
    "origin_region",
    "relocated_on",
    "established_on",
)
# ``audience`` members, each in an ``audience_<member>`` column.
AUDIENCE_MEMBERS = ("monthly_active_users", "inside_russia_share")
# Set by the registry, never by a document.
SERVER_MEMBERS = ("custodian_state", "version", "created_at", "updated_at")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def columns_of(document: ActorDocument) -> dict[str, Any]:
    """The document's plain members as column values."""
    audience = document.audience
    return {
        **{member: _plain(getattr(document, member)) for member in PLAIN_MEMBERS},
        **{
            f"audience_{member}": getattr(audience, member) if audience else None
            for member in AUDIENCE_MEMBERS
        },
        "leadership": document.leadership.model_dump() if document.leadership else None,
    }


class ActorRecord(Protocol):
    """What a view reads of an actor: a loaded ``Actor``, or a row of the ``actors`` columns
    (``repository.actor_for_reader``), whose members are read by name (``row_members``)."""

    @property
    def id(self) -> str: ...
    @property
    def custodian_state(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def personal(self) -> bytes: ...
    @property
    def attributes(self) -> bytes: ...
    @property
    def leadership(self) -> dict[str, bool] | None: ...


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    return value


def row_members(actor: ActorRecord) -> dict[str, Any]:
    """The members an actor's row holds in plain columns (no risk level, nothing personal)."""
    audience = {m: getattr(actor, f"audience_{m}") for m in AUDIENCE_MEMBERS}
    return {
        "id": actor.id,
        **{member: getattr(actor, member) for member in PLAIN_MEMBERS},
        "audience": audience if any(v is not None for v in audience.values()) else None,
        "leadership": actor.leadership,
        **{member: getattr(actor, member) for member in SERVER_MEMBERS},
    }


def public_of(actor: Actor) -> ActorPublic:
    """What other services may know of an actor: ``ActorPublic`` is the allow-list."""
    return ActorPublic.model_validate({"actor_id": actor.id, **row_members(actor)})


@dataclass
class Sealed:
    """An actor's sealed members, opened: its risk level and its personal fields."""

    risk_level: str
    personal: dict[str, Any]


@dataclass
class ActorView:
    """An actor as one caller may see it: ``sealed`` is None when it may not see them."""

    actor: ActorRecord
    sealed: Sealed | None

    @property
    def personal(self) -> dict[str, Any] | None:
        return self.sealed.personal if self.sealed else None

    def members(self) -> dict[str, Any]:
        """Every member the caller may see."""
        if self.sealed is None:
            return row_members(self.actor)
        # Only callers who may see personal data get these members at all (not even null).
        return {
            **row_members(self.actor),
            "risk_level": self.sealed.risk_level,
            **self.sealed.personal,
        }

    def out(self) -> ActorOut:
        """The response body."""
        return ActorOut.model_validate(self.members())

    def document(self) -> dict[str, Any]:
        """The actor as the JSON document a merge patch applies to (nulls are absent members)."""
        members = self.members()
        return _drop_nulls({k: members[k] for k in ActorDocument.model_fields if k in members})
