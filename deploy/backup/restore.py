#!/usr/bin/env python3
"""Restore every Agora database from a backup, then re-apply the erasure list.

    python deploy/backup/restore.py IN_DIR [--keys-in KEYS_DIR] [--no-reapply]

Run it with the services stopped and the same settings as the services (``AGORA_*``). Each
PostgreSQL database is restored with ``pg_restore --clean --if-exists --single-transaction``;
each SQLite file is replaced by its copy (through the backup API, the old WAL files removed).
``--keys-in`` puts the key files back into the data directory (``AGORA_ACTORS_MASTER_KEY`` itself
goes back into the secret store by hand). Then ``python -m actors.reapply_erasures --downstream``
erases again every listed actor the backup brought back and announces every listed erasure again,
so funding and evaluation forget the actors' funding and assessments. Finally, with NATS up,
rebuild the read models (``make rebuild-read-models SERVICE=funding`` and ``SERVICE=evaluation``):
their consumers will not be sent again what they had acknowledged after the backup was taken.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backup import database_url, libpq_url, sqlite_path, tool


def restore_database(part: dict[str, str], source: Path) -> None:
    url = database_url(part["part"])
    engine = "sqlite" if url.startswith("sqlite") else "postgresql"
    if engine != part["engine"]:
        raise SystemExit(f"{part['part']}: the backup is {part['engine']}, the target {engine}")
    if engine == "sqlite":
        target = sqlite_path(url)
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        with sqlite3.connect(source) as copy, sqlite3.connect(target) as restored:
            copy.backup(restored)
        return
    subprocess.run(  # noqa: S603 (a PostgreSQL tool, the operator's own URL)
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={libpq_url(url)}",
            str(source),
        ],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("in_dir", type=Path)
    parser.add_argument("--keys-in", type=Path, default=None)
    parser.add_argument(
        "--no-reapply", action="store_true", help="restore only (the erasures are NOT re-applied)"
    )
    args = parser.parse_args()
    manifest = json.loads((args.in_dir / "manifest.json").read_text())
    for part in manifest["parts"]:
        restore_database(part, args.in_dir / part["file"])
        print(f"restored {part['part']} ({part['engine']})")
    if args.keys_in is not None:
        keys = Path(os.environ.get("AGORA_DATA_DIR", "var")) / "keys"
        keys.mkdir(parents=True, exist_ok=True, mode=0o700)
        for key in sorted(p for p in args.keys_in.iterdir() if p.is_file()):
            if key.name != "AGORA_ACTORS_MASTER_KEY":
                shutil.copy2(key, keys / key.name)
    if args.no_reapply:
        print("erasures NOT re-applied: run python -m actors.reapply_erasures --downstream")
        return 0
    subprocess.run([sys.executable, "-m", "actors.reapply_erasures", "--downstream"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
