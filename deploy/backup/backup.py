#!/usr/bin/env python3
"""Back up every Agora database, and the keys, to directories of their own.

    python deploy/backup/backup.py OUT_DIR [--keys-out KEYS_DIR]

Databases come from the services' settings (``AGORA_<PART>_DATABASE_URL``, else SQLite in
``AGORA_DATA_DIR``): PostgreSQL with ``pg_dump -Fc`` (one consistent snapshot per database),
SQLite with the online backup API (what ``sqlite3 .backup`` does). ``OUT_DIR/manifest.json`` names
each file. ``--keys-out`` copies the key files of the data directory (``keys/``: the development
master key, identity and audit keys, NATS passwords) and, when set, ``AGORA_ACTORS_MASTER_KEY``,
to a directory that must not be inside OUT_DIR: whoever holds a database backup *and* the master
key reads the personal data of every actor not yet erased, so the two are stored apart.

The erasure list (``AGORA_ACTORS_ERASURE_LIST``) is deliberately not copied with the databases: it
lives on its own storage and is re-applied after every restore (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

PARTS = ("actors", "funding", "evaluation", "gateway")


def database_url(part: str) -> str:
    configured = os.environ.get(f"AGORA_{part.upper()}_DATABASE_URL")
    if configured:
        return configured
    data_dir = Path(os.environ.get("AGORA_DATA_DIR", "var"))
    return f"sqlite+aiosqlite:///{(data_dir / f'{part}.db').resolve()}"


def libpq_url(url: str) -> str:
    """The URL as libpq tools take it (no SQLAlchemy driver name)."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgresql") else url


def tool(name: str) -> str:
    """The full path of a PostgreSQL client tool (pg_dump, pg_restore) on PATH."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not on PATH (Debian: apt-get install postgresql-client)")
    return found


def sqlite_path(url: str) -> Path:
    return Path(url.split(":///", 1)[1])


def backup_database(part: str, url: str, out: Path) -> dict[str, str]:
    if url.startswith("sqlite"):
        target = out / f"{part}.db"
        with sqlite3.connect(sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return {"part": part, "engine": "sqlite", "file": target.name}
    target = out / f"{part}.dump"
    subprocess.run(  # noqa: S603 (a PostgreSQL tool, the operator's own URL)
        [tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", libpq_url(url)],
        check=True,
    )
    return {"part": part, "engine": "postgresql", "file": target.name}


def backup_keys(keys_out: Path) -> list[str]:
    keys_out.mkdir(parents=True, exist_ok=True, mode=0o700)
    copied = []
    source = Path(os.environ.get("AGORA_DATA_DIR", "var")) / "keys"
    if source.is_dir():
        for key in sorted(p for p in source.iterdir() if p.is_file()):
            shutil.copy2(key, keys_out / key.name)
            copied.append(key.name)
    if master := os.environ.get("AGORA_ACTORS_MASTER_KEY"):
        fd = os.open(
            keys_out / "AGORA_ACTORS_MASTER_KEY", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
        )
        with os.fdopen(fd, "w") as out:
            out.write(master)
        copied.append("AGORA_ACTORS_MASTER_KEY")
    return copied


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--keys-out", type=Path, default=None)
    args = parser.parse_args()
    out: Path = args.out_dir.resolve()
    if args.keys_out is not None and args.keys_out.resolve().is_relative_to(out):
        print(
            "--keys-out must not be inside OUT_DIR: keys and data are stored apart", file=sys.stderr
        )
        return 2
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    parts = [backup_database(part, database_url(part), out) for part in PARTS]
    manifest = {"taken_at": datetime.now(UTC).isoformat(), "parts": parts}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"backed up {', '.join(p['part'] for p in parts)} to {out}")
    if args.keys_out is not None:
        print(f"copied keys: {', '.join(backup_keys(args.keys_out.resolve())) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
