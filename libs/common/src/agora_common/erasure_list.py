"""The erasure list: the ids of erased records, kept outside the database they were erased from.

A database backup taken before an erasure still holds the erased record (and, for the actor
registry, the data key that decrypts it). So that restoring such a backup never brings the record
back, every erasure appends the id to this list, a plain append-only file on storage that is not
part of the database or its backups, and a restore re-applies the erasure of every listed id
still present (``python -m actors.reapply_erasures``).

Ordering: the id is written and fsynced *before* the erasure's transaction commits. An erasure
that commits is therefore always listed; one whose commit then fails leaves an id whose erasure the
next restore applies — the custodian's request, carried out late, never an erasure missed.
Ids only: never a name or any other attribute.
"""

from __future__ import annotations

import asyncio
import glob
import os
import re
import socket
import threading
from pathlib import Path

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


# In a path, the name of the host (a pod's name in Kubernetes): each replica appends to a file of
# its own on a volume the replicas share, and the list is every such file.
REPLICA = "{replica}"


class ErasureList:
    """An append-only file of ids, one per line, each append fsynced before it returns.

    A ``path`` holding ``{replica}`` names one file per replica (``/erasures/{replica}.list``):
    this process appends to its own (the placeholder replaced by its host name), and ``ids`` reads
    them all, so replicas never append to one file over a network filesystem.
    """

    def __init__(self, path: Path) -> None:
        self.pattern = str(path)
        self.path = Path(self.pattern.replace(REPLICA, socket.gethostname()))
        self._lock = threading.Lock()

    def _append(self, record_id: str) -> None:
        if not _ID.fullmatch(record_id):
            raise ValueError("not an id")
        with self._lock:
            new = not self.path.exists()
            if new:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                # After a torn write (a crash mid-line) start a line of our own.
                torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
                os.write(fd, (("\n" if torn else "") + f"{record_id}\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            if new:  # the file's own entry in its directory must survive a crash too
                directory = os.open(self.path.parent, os.O_RDONLY)
                try:
                    os.fsync(directory)
                finally:
                    os.close(directory)

    async def record(self, record_id: str) -> None:
        """Append ``record_id`` durably (call before the erasure's transaction commits)."""
        await asyncio.to_thread(self._append, record_id)

    def files(self) -> list[Path]:
        """The list's files: this one, or with ``{replica}`` every replica's, by name."""
        if REPLICA not in self.pattern:
            return [self.path] if self.path.exists() else []
        return sorted(Path(p) for p in glob.glob(glob.escape(self.pattern).replace(REPLICA, "*")))

    def ids(self) -> list[str]:
        """Every listed id once, in the order first listed (file by file; a torn line skipped)."""
        seen: dict[str, None] = {}
        for path in self.files():
            for line in path.read_text(encoding="ascii", errors="replace").splitlines():
                if _ID.fullmatch(line):
                    seen.setdefault(line, None)
        return list(seen)
