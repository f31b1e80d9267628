"""Where ``agora login`` keeps the credentials and the current token: one file, mode 0600.

``$AGORA_CONFIG_DIR`` if set, else ``$XDG_CONFIG_HOME/agora`` (``~/.config/agora``), or
``%APPDATA%\\agora`` on Windows. The directory is made 0700 and the file 0600 before anything
is written into it; a file others can read is refused rather than used.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agora_client.errors import AgoraError
from agora_client.transport import Token

FILE_NAME = "credentials.json"


def config_dir() -> Path:
    if explicit := os.environ.get("AGORA_CONFIG_DIR"):
        return Path(explicit)
    if sys.platform == "win32" and (appdata := os.environ.get("APPDATA")):
        return Path(appdata) / "agora"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "agora"


def credentials_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass(slots=True)
class Credentials:
    url: str
    client_id: str
    client_secret: str
    token: Token | None = None

    def __repr__(self) -> str:  # never the secret nor the token
        return f"Credentials(url={self.url!r}, client_id={self.client_id!r})"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        if self.token is not None and self.token.fresh(0):
            data["access_token"] = self.token.value
            data["expires_at"] = self.token.expires_at
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Credentials:
        token = None
        if isinstance(data.get("access_token"), str) and isinstance(
            data.get("expires_at"), int | float
        ):
            token = Token(data["access_token"], float(data["expires_at"]))
        return cls(str(data["url"]), str(data["client_id"]), str(data["client_secret"]), token)


def save(credentials: Credentials, path: Path | None = None) -> Path:
    """Write the file readable by its owner only (created 0600, replaced atomically)."""
    path = path or credentials_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform != "win32":
        path.parent.chmod(0o700)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(credentials.to_json(), handle)
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)
    return path


def load(path: Path | None = None) -> Credentials:
    """The stored credentials; AgoraError (one line) when there are none or they look unsafe."""
    path = path or credentials_path()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise AgoraError(f"not logged in (no {path}): run `agora login`") from None
    if sys.platform != "win32" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AgoraError(f"{path} is readable by others: run `chmod 600 {path}` or log in again")
    try:
        return Credentials.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        raise AgoraError(f"{path} is not a credentials file: run `agora login` again") from None


def forget(path: Path | None = None) -> bool:
    path = path or credentials_path()
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
