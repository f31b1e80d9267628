"""The platform under test: started by ``agora_platform.Platform`` in a temporary data
directory, on SQLite (default) or on fresh PostgreSQL databases (``AGORA_BENCH_DB=postgres``)."""

from __future__ import annotations

import asyncio
import os
import secrets
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from agora_common.keys import dev_identity_private_key
from agora_common.nats_server import free_port, wait_for_port
from agora_platform import SERVICES, Platform, uvicorn_command

ROOT = Path(__file__).resolve().parent.parent  # the bench package's parent: where ``bench`` imports

ADMIN_ID = "bench_admin"
DATABASES = [*SERVICES, "gateway"]


@dataclass
class Backend:
    """Where the services keep their data; creates and drops PostgreSQL databases itself."""

    kind: str  # "sqlite" | "postgres"
    admin_url: str = "postgresql://postgres@127.0.0.1:5432/postgres"
    created: list[str] = field(default_factory=list)

    @classmethod
    def from_env(cls, kind: str | None = None) -> Backend:
        """``kind`` (``sqlite`` or ``postgres``), else ``AGORA_BENCH_DB``; PostgreSQL at
        ``AGORA_BENCH_POSTGRES_URL``."""
        chosen = (kind or os.environ.get("AGORA_BENCH_DB") or "sqlite").strip().lower()
        if chosen not in {"sqlite", "postgres", "postgresql"}:
            raise ValueError("AGORA_BENCH_DB must be sqlite or postgres")
        return cls(
            "sqlite" if chosen == "sqlite" else "postgres",
            admin_url=os.environ.get("AGORA_BENCH_POSTGRES_URL", cls.admin_url),
        )

    def _base(self) -> str:
        return self.admin_url.rpartition("/")[0].replace(
            "postgresql://", "postgresql+asyncpg://", 1
        )

    def urls(self) -> dict[str, str]:
        if self.kind == "sqlite":
            return {}
        prefix = f"agora_bench_{uuid.uuid4().hex[:8]}"
        names = {name: f"{prefix}_{name}" for name in DATABASES}
        asyncio.run(self._create(list(names.values())))
        return {
            f"AGORA_{n.upper()}_DATABASE_URL": f"{self._base()}/{db}" for n, db in names.items()
        }

    def database(self, name: str, directory: Path) -> str:
        """One fresh, empty database: a SQLite file in ``directory``, or a PostgreSQL database
        (dropped by :meth:`drop`). Call it outside a running event loop."""
        if self.kind == "sqlite":
            return f"sqlite+aiosqlite:///{(directory / f'{name}.db').resolve()}"
        created = f"agora_bench_{uuid.uuid4().hex[:8]}_{name}"
        asyncio.run(self._create([created]))
        return f"{self._base()}/{created}"

    async def _create(self, names: list[str]) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.admin_url, timeout=5)
        try:
            for name in names:
                await conn.execute(f'CREATE DATABASE "{name}"')
                self.created.append(name)
        finally:
            await conn.close()

    def drop(self) -> None:
        if self.created:
            asyncio.run(self._drop())

    async def _drop(self) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.admin_url, timeout=5)
        try:
            for name in self.created:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()
        self.created.clear()

    def describe(self) -> str:
        if self.kind == "sqlite":
            return f"SQLite {sqlite3.sqlite_version} (aiosqlite, WAL, one file per service)"
        return f"PostgreSQL {asyncio.run(self._server_version())} (asyncpg, 127.0.0.1)"

    async def _server_version(self) -> str:
        import asyncpg

        conn = await asyncpg.connect(self.admin_url, timeout=5)
        try:
            return str(await conn.fetchval("SHOW server_version"))
        finally:
            await conn.close()


@dataclass
class Running:
    platform: Platform
    backend: Backend
    admin_secret: str
    identity_key: bytes
    bare_port: int
    bare: subprocess.Popen[bytes] | None = None

    @property
    def gateway_port(self) -> int:
        return self.platform.gateway_port

    def service_port(self, name: str) -> int:
        return self.platform.service_ports[name]

    def pids(self, *, with_bare: bool = False) -> dict[str, int]:
        """Every process of the platform (and the bare app if asked), by name."""
        found = {name: p.pid for name, p in self.platform.processes.items()}
        if self.platform.nats and self.platform.nats.process:
            found["nats"] = self.platform.nats.process.pid
        if self.bare and with_bare:
            found["bare"] = self.bare.pid
        return found

    def stop(self) -> None:
        if self.bare and self.bare.poll() is None:
            self.bare.terminate()
            try:
                self.bare.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.bare.kill()
        self.platform.stop()
        self.backend.drop()


def start(data_dir: Path, backend: Backend, *, token_ttl_seconds: int = 4 * 3600) -> Running:
    """Start NATS, the services, the gateway and the bare reference app."""
    admin_secret = secrets.token_urlsafe(24)
    env = {
        "AGORA_ADMIN_CLIENT_ID": ADMIN_ID,
        "AGORA_ADMIN_CLIENT_SECRET": admin_secret,
        # The benchmark is one client sending far more than any agency would.
        "AGORA_GATEWAY_RATE_LIMIT_PER_MINUTE": "100000000",
        "AGORA_GATEWAY_TOKEN_TTL_SECONDS": str(token_ttl_seconds),
        "AGORA_LOG_LEVEL": "WARNING",
    }
    platform = Platform(
        data_dir=data_dir,
        gateway_port=free_port(),
        env=env,
        log_dir=data_dir / "logs",
    )
    try:
        platform.env.update(backend.urls())
        platform.start()
    except BaseException:
        platform.stop()
        backend.drop()
        raise
    running = Running(
        platform=platform,
        backend=backend,
        admin_secret=admin_secret,
        identity_key=dev_identity_private_key(data_dir),
        bare_port=free_port(),
    )
    running.bare = start_bare(running.bare_port, data_dir / "logs")
    return running


def start_bare(port: int, log_dir: Path) -> subprocess.Popen[bytes]:
    log_dir.mkdir(parents=True, exist_ok=True)
    out = (log_dir / "bare.log").open("ab")
    process = subprocess.Popen(
        uvicorn_command("bench.bare:create_app", port), cwd=ROOT, stdout=out, stderr=out
    )
    wait_for_port(port, timeout=30)
    return process
