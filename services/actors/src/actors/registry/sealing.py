"""An actor's sealed fields: the risk level and the personal data, under its own data key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import Actor
from actors.registry import repository
from actors.registry.schemas import PERSONAL_FIELDS, ActorDocument
from actors.registry.shape import ActorRecord, Sealed
from actors.vault import Vault


@dataclass
class Opened:
    """An actor's data key and its decrypted members; open only for a caller who may see them."""

    data_key: bytes
    sealed: Sealed


def open_sealed(vault: Vault, actor: ActorRecord, wrapped_key: bytes) -> Opened:
    """Unwrap the actor's data key and open its risk level and personal data."""
    data_key = vault.unwrap(wrapped_key, actor_id=actor.id)
    attributes = vault.open(
        actor.attributes, data_key=data_key, actor_id=actor.id, purpose="attributes"
    )
    personal = vault.open(actor.personal, data_key=data_key, actor_id=actor.id)
    return Opened(data_key, Sealed(str(attributes["risk_level"]), personal))


async def open_actor(session: AsyncSession, vault: Vault, actor: Actor) -> Opened:
    """``open_sealed`` with the actor's wrapped key read from the database."""
    wrapped = await repository.wrapped_key(session, actor.id)
    return open_sealed(vault, actor, wrapped)


def personal_of(document: ActorDocument) -> dict[str, Any]:
    """The document's personal fields, every one of them present (absent ones as None)."""
    dumped = document.model_dump(mode="json", include=set(PERSONAL_FIELDS))
    return {k: dumped.get(k) for k in PERSONAL_FIELDS}


def seal_attributes(vault: Vault, document: ActorDocument, data_key: bytes, actor_id: str) -> bytes:
    return vault.seal(
        {"risk_level": document.risk_level.value},
        data_key=data_key,
        actor_id=actor_id,
        purpose="attributes",
    )
