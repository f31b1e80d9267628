"""Master-key rotation: every data key re-wrapped to the new master key, in batches, while the
service reads and writes; an interrupted run is finished by the next (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import base64
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from actors.config import Settings
from actors.main import create_app
from actors.registry.repository import wrapped_keys
from actors.rotate_master_key import run
from actors.rotation import repository
from actors.rotation.service import RotationReport, rotate_master_key
from actors.vault import UnreadablePersonalData, Vault, master_key_id
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.nats import NatsServer

from ..conftest import DE, PERSON, actors_settings, db_of, register, vault_of

OLD = os.urandom(32)
NEW = os.urandom(32)


def encoded(*keys: bytes) -> str:
    return ",".join(base64.urlsafe_b64encode(key).decode() for key in keys)


class Environment:
    def __init__(
        self, db_url: str, nats: NatsServer, keys: tuple[bytes, bytes], signer: IdentitySigner
    ) -> None:
        self.db_url, self.nats, self.keys, self.signer = db_url, nats, keys, signer

    @asynccontextmanager
    async def service(self, ring: str, data_dir: Path) -> AsyncIterator[ServiceClient]:
        settings = actors_settings(self.db_url, self.nats.url, self.keys[1], data_dir, ring)
        async with running(create_app(settings), self.signer) as client:
            yield client


@pytest.fixture
def environment(
    actors_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
) -> Environment:
    return Environment(actors_db_url, nats_server, identity_keys, signer)


async def _key_counts(db_url: str) -> dict[str, int]:
    db = Database(db_url)
    try:
        async with db.transaction(readonly=True) as session:
            return await repository.data_keys_by_master_key(session)
    finally:
        await db.dispose()


async def _legal_names(client: ServiceClient, ids: list[str]) -> list[Any]:
    answers = [await client.get(f"/v1/actors/{actor_id}", caller=DE) for actor_id in ids]
    assert all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
    return [a.json()["legal_name"] for a in answers]


class CrashingVault(Vault):
    """Fails (as a killed process would) in the middle of the batch after ``survive`` keys."""

    def __init__(self, survive: int) -> None:
        super().__init__(NEW, previous=[OLD])
        self.survive = survive

    def rewrap(self, wrapped: bytes, *, actor_id: str) -> bytes:
        if self.survive == 0:
            raise KeyboardInterrupt("killed mid-batch")
        self.survive -= 1
        return super().rewrap(wrapped, actor_id=actor_id)


async def test_an_online_rotation_interrupted_then_finished(
    environment: Environment, tmp_path: Path
) -> None:
    async with environment.service(encoded(OLD), tmp_path) as before:
        ids = [
            (await register(before, **{**PERSON, "legal_name": f"Person {n}"}))["id"]
            for n in range(9)
        ]
    names = [f"Person {n}" for n in range(9)]
    assert await _key_counts(environment.db_url) == {master_key_id(OLD): 9}

    # The service now runs with the new key first and the old one behind it.
    async with environment.service(encoded(NEW, OLD), tmp_path) as during:
        db = Database(environment.db_url)
        try:
            # First run: one batch of 3 commits, then the process dies in the second batch.
            with pytest.raises(KeyboardInterrupt):
                await rotate_master_key(db=db, vault=CrashingVault(survive=4), batch_size=3)
            counts = await _key_counts(environment.db_url)
            assert counts == {master_key_id(NEW): 3, master_key_id(OLD): 6}
            # Half rotated, the service reads every actor and writes new ones (new key).
            assert await _legal_names(during, ids) == names
            ids.append((await register(during, **{**PERSON, "legal_name": "Person 9"}))["id"])
            names.append("Person 9")

            # Second run, with reads and writes between its batches: it finishes.
            async def busy_service(report: RotationReport) -> None:
                assert await _legal_names(during, ids) == names
                patched = await during.patch(
                    f"/v1/actors/{ids[0]}",
                    caller=DE,
                    json={"public_name": f"Renamed {report.rewrapped}"},
                    headers={
                        "If-Match": (await during.get(f"/v1/actors/{ids[0]}", caller=DE)).headers[
                            "etag"
                        ]
                    },
                )
                assert patched.status_code == 200, patched.text

            report = await rotate_master_key(
                db=db, vault=vault_of(during), batch_size=2, after_batch=busy_service
            )
            assert report.rewrapped == 6
            assert report.finished
            assert report.unreadable == 0
            # A third run finds nothing left to do.
            again = await rotate_master_key(db=db, vault=vault_of(during), batch_size=2)
            assert (again.rewrapped, again.finished) == (0, True)
        finally:
            await db.dispose()
    assert await _key_counts(environment.db_url) == {master_key_id(NEW): 10}

    # The old key is retired: the new one alone reads everyone; the old one alone nobody.
    async with environment.service(encoded(NEW), tmp_path) as after:
        assert await _legal_names(after, ids) == names
        db = db_of(after)
        async with db.transaction(readonly=True) as session:
            wrapped = await wrapped_keys(session, ids)
    for actor_id, key in wrapped.items():
        with pytest.raises(UnreadablePersonalData):
            Vault(OLD).unwrap(key, actor_id=actor_id)


async def _cli(db_url: str, ring: str, *args: str) -> tuple[int, str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AGORA_")},
        "AGORA_ACTORS_DATABASE_URL": db_url,
        "AGORA_ACTORS_MASTER_KEY": ring,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "actors.rotate_master_key",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_the_rotation_command(
    environment: Environment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with environment.service(encoded(OLD), tmp_path) as before:
        for _ in range(3):
            await register(before, **PERSON)
    old_id, new_id = master_key_id(OLD), master_key_id(NEW)

    def settings(ring: str) -> Settings:
        return actors_settings(environment.db_url, "", environment.keys[1], tmp_path, ring)

    status = await run(settings=settings(encoded(NEW, OLD)), batch_size=2, status_only=True)
    assert status == 1
    assert f"3 data keys still wrapped by previous master key {old_id}" in capsys.readouterr().err
    # Without the old key nothing can be re-wrapped: nothing changes, and it says so.
    assert await run(settings=settings(encoded(NEW)), batch_size=2, status_only=False) == 1
    err = capsys.readouterr().err
    assert "3 data keys open with no key of AGORA_ACTORS_MASTER_KEY" in err
    assert f"3 data keys still wrapped by unknown master key {old_id}" in err
    assert await _key_counts(environment.db_url) == {old_id: 3}

    # As the operator runs it: a process of its own.
    returncode, out, err = await _cli(environment.db_url, encoded(NEW, OLD), "--batch-size", "2")
    assert returncode == 0, err
    assert "re-wrapped 2 data keys so far" in out
    assert "re-wrapped 3 data keys\n" in out
    assert "every data key is wrapped by the current master key" in out
    assert await _key_counts(environment.db_url) == {new_id: 3}
    assert await run(settings=settings(encoded(NEW)), batch_size=2, status_only=True) == 0
