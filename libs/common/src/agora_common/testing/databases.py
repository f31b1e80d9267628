"""Databases built by a service's real migrations, one fresh copy per test.

Each service's migrations run once per session into a template (a SQLite file, or a PostgreSQL
template database); every test then gets its own copy, so tests are isolated and fast.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path

import asyncpg

from agora_common.migrations import upgrade

POSTGRES_ADMIN_URL = os.environ.get(
    "AGORA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


async def postgres_available() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable ({type(exc).__name__})"
    await conn.close()
    return None


def _with_database(admin_url: str, name: str, driver: str = "postgresql+asyncpg") -> str:
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}".replace("postgresql://", f"{driver}://", 1)


class TestDatabases:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.prefix = f"agora_t{uuid.uuid4().hex[:8]}"
        self._sqlite_templates: dict[Path, Path] = {}
        self._pg_templates: dict[Path, str] = {}
        self._pg_created: list[str] = []

    def sqlite(self, service_dir: Path) -> str:
        template = self._sqlite_templates.get(service_dir)
        if template is None:
            template = self.workdir / f"template-{service_dir.name}-{uuid.uuid4().hex[:6]}.db"
            upgrade(service_dir, f"sqlite+aiosqlite:///{template}")
            self._sqlite_templates[service_dir] = template
        copy = self.workdir / f"{service_dir.name}-{uuid.uuid4().hex}.db"
        shutil.copyfile(template, copy)
        return f"sqlite+aiosqlite:///{copy}"

    async def postgres(self, service_dir: Path) -> str:
        template = self._pg_templates.get(service_dir)
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        try:
            if template is None:
                template = f"{self.prefix}_{service_dir.name}_tmpl"
                await conn.execute(f'CREATE DATABASE "{template}"')
                self._pg_created.append(template)
                await asyncio.to_thread(
                    upgrade, service_dir, _with_database(POSTGRES_ADMIN_URL, template)
                )
                self._pg_templates[service_dir] = template
            name = f"{self.prefix}_{service_dir.name}_{uuid.uuid4().hex[:10]}"
            await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            self._pg_created.append(name)
        finally:
            await conn.close()
        return _with_database(POSTGRES_ADMIN_URL, name)

    async def drop_all(self) -> None:
        """Drop every database this session created, several at a time.

        Each DROP DATABASE waits for a checkpoint; concurrent drops share checkpoints.
        """
        names = list(reversed(self._pg_created))
        self._pg_created.clear()

        async def drop(batch: list[str]) -> None:
            if not batch:
                return  # nothing to drop: do not need PostgreSQL (it may be down)
            conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
            try:
                for name in batch:
                    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await conn.close()

        # Clones first (in parallel), then the templates they were made from.
        templates = set(self._pg_templates.values())
        clones = [n for n in names if n not in templates]
        await asyncio.gather(*(drop(clones[i::8]) for i in range(8)))
        await drop([n for n in names if n in templates])
