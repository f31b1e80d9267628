"""PostgreSQL servers of the soak's own (Debian's binaries), in directories it makes and removes.

Restarting the machine's shared PostgreSQL would disturb everyone; the soak restarts, crashes and
fails over only these. Each listens on 127.0.0.1 at a port of its own with trust
authentication, its unix socket inside its directory. Run as root, the server commands run as the
``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import asyncpg
from agora_common.nats_server import free_port

PARTS = ("actors", "funding", "evaluation", "gateway")


def binaries() -> Path:
    """The newest Debian PostgreSQL ``bin`` directory."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return found[-1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], timeout: float = 120) -> None:
    done = subprocess.run(  # noqa: S603 (Debian's PostgreSQL binaries, fixed arguments)
        _as_server_user(command),
        check=False,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed: {done.stderr.decode()[-500:]}")


def server_root() -> Path:
    """A new directory for the soak's servers that the ``postgres`` user may enter."""
    root = Path(tempfile.mkdtemp(prefix="agora-soak-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    return root


class PgServer:
    """One PostgreSQL server: ``initdb`` (or a base backup of another), start, stop, promote."""

    def __init__(self, directory: Path, name: str = "primary") -> None:
        self.directory = directory
        self.name = name
        self.port = free_port()
        self.bin = binaries()
        self.settings: dict[str, str] = {}

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def _own_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.directory.chmod(0o700)

    def init(self) -> PgServer:
        self._own_directory()
        _run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--no-sync"]
        )  # fmt: skip
        return self

    def base_backup_of(self, primary: PgServer) -> PgServer:
        """A streaming standby of ``primary`` (``pg_basebackup -R``), named for synchronous
        replication by its ``application_name``."""
        self._own_directory()
        conninfo = f"host=127.0.0.1 port={primary.port} user=postgres application_name={self.name}"
        _run(
            [str(self.bin / "pg_basebackup"), "-d", conninfo, "-D", str(self.data),
             "-R", "-X", "stream", "-c", "fast", "--no-sync"]
        )  # fmt: skip
        return self

    def _options(self) -> str:
        options = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.directory),
            "max_connections": "300",
            "wal_level": "replica",
            "hot_standby": "on",
            **self.settings,
        }
        return " ".join(f"-c {k}={v}" for k, v in options.items())

    def start(self) -> None:
        _run(
            [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "log"),
             "-o", self._options(), "-w", "-t", "60", "start"]
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """``fast``: a clean shutdown that ends every session; ``immediate``: a crash."""
        if (self.data / "postmaster.pid").exists():
            _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def restart(self) -> None:
        self.stop("fast")
        self.start()

    def promote(self) -> None:
        _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "promote"])

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def service_urls(hosts: list[PgServer], prefix: str = "agora") -> dict[str, str]:
    """``AGORA_<PART>_DATABASE_URL`` of every part on these servers: one host, or several with
    ``target_session_attrs=read-write`` (the client picks whichever is the primary)."""
    if len(hosts) == 1:
        base = f"postgresql+asyncpg://postgres@127.0.0.1:{hosts[0].port}"
        return {p: f"{base}/{prefix}_{p}" for p in PARTS}
    query = "&".join(f"host=127.0.0.1:{h.port}" for h in hosts)
    return {
        p: f"postgresql+asyncpg://postgres@/{prefix}_{p}?{query}&target_session_attrs=read-write"
        for p in PARTS
    }


async def create_databases(server: PgServer, prefix: str = "agora") -> None:
    conn = await asyncpg.connect(server.admin_dsn)
    try:
        for part in PARTS:
            await conn.execute(f'CREATE DATABASE "{prefix}_{part}"')
    finally:
        await conn.close()
