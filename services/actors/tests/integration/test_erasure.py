"""Erasure: the data key is destroyed, the ciphertext can never be read again, a tombstone
answers 410, and the erasure is published without personal data."""

import orjson
import pytest
from actors.models import Actor, ActorKey, ErasedActor
from actors.vault import UnreadablePersonalData
from agora_common.tables import outbox
from agora_common.testing.client import ServiceClient
from sqlalchemy import select

from ..conftest import ADMIN, DE, FR, PERSON, db_of, register, sqlite_files, vault_of


async def test_erasure_shreds_the_key_and_leaves_a_tombstone(actors: ServiceClient) -> None:
    actor = await register(actors, **PERSON)
    other = await register(actors, **PERSON)
    db, vault = db_of(actors), vault_of(actors)
    # What a backup taken before the erasure would hold: the ciphertext.
    async with db.transaction(readonly=True) as session:
        backup = await session.scalar(select(Actor.personal).where(Actor.id == actor["id"]))
        key = await session.get(ActorKey, actor["id"])
        assert key is not None
        wrapped = key.wrapped_key
    assert backup is not None
    assert (
        vault.open(
            backup, data_key=vault.unwrap(wrapped, actor_id=actor["id"]), actor_id=actor["id"]
        )["legal_name"]
        == PERSON["legal_name"]
    )

    url = f"/v1/actors/{actor['id']}"
    assert (await actors.delete(url, caller=DE)).status_code == 428
    assert (await actors.delete(url, caller=DE, headers={"If-Match": '"9"'})).status_code == 412
    assert (await actors.delete(url, caller=FR, headers={"If-Match": '"1"'})).status_code == 403
    assert (await actors.delete(url, caller=ADMIN, headers={"If-Match": '"1"'})).status_code == 403
    erased = await actors.delete(url, caller=DE, headers={"If-Match": '"1"'})
    assert erased.status_code == 204
    assert (
        erased.headers["x-agora-audit"] == f"actor.erased {actor['id']}@{actor['custodian_state']}"
    )

    async with db.transaction(readonly=True) as session:
        assert await session.get(ActorKey, actor["id"]) is None
        assert await session.get(Actor, actor["id"]) is None
        tombstone = await session.get(ErasedActor, actor["id"])
        remaining_keys = list(await session.scalars(select(ActorKey)))
        events = (await session.execute(select(outbox.c.subject, outbox.c.payload))).all()
    assert tombstone is not None
    assert tombstone.version == 2
    # No key left in the database opens the backed-up ciphertext.
    assert [k.actor_id for k in remaining_keys] == [other["id"]]
    for remaining in remaining_keys:
        data_key = vault.unwrap(remaining.wrapped_key, actor_id=remaining.actor_id)
        with pytest.raises(UnreadablePersonalData):
            vault.open(backup, data_key=data_key, actor_id=actor["id"])

    erasures = [orjson.loads(e.payload) for e in events if e.subject == "agora.actors.erased"]
    assert [e["data"] for e in erasures] == [{"actor_id": actor["id"], "version": 2}]

    assert (await actors.get(url, caller=DE)).status_code == 410
    assert (await actors.delete(url, caller=DE, headers={"If-Match": '"2"'})).status_code == 410
    patch = await actors.patch(
        url, caller=DE, json={"public_name": "x"}, headers={"If-Match": '"2"'}
    )
    assert patch.status_code == 410
    assert (await actors.post(f"{url}/grants", caller=DE, json={"state": "FR"})).status_code == 410
    listed = await actors.get("/v1/actors", caller=DE)
    assert [i["id"] for i in listed.json()["items"]] == [other["id"]]


async def test_erasure_removes_the_key_bytes_from_the_sqlite_files(
    sqlite_actors: ServiceClient,
) -> None:
    actor = await register(sqlite_actors, **PERSON)
    async with db_of(sqlite_actors).transaction(readonly=True) as session:
        key = await session.get(ActorKey, actor["id"])
        assert key is not None
        wrapped = key.wrapped_key
        sealed = await session.scalar(select(Actor.personal).where(Actor.id == actor["id"]))
    assert sealed is not None
    assert wrapped in sqlite_files(sqlite_actors)
    erased = await sqlite_actors.delete(
        f"/v1/actors/{actor['id']}", caller=DE, headers={"If-Match": '"1"'}
    )
    assert erased.status_code == 204
    files = sqlite_files(sqlite_actors)
    assert wrapped not in files  # overwritten, not merely unlinked from the b-tree
    assert sealed not in files
