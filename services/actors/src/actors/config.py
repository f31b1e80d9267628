"""The actor registry's settings."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from agora_common.keys import load_or_create
from agora_common.settings import CommonSettings
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import Field

MASTER_KEY_BYTES = 32
GENERATE_HINT = (
    'generate one with: python -c "import base64, os; '
    'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
)


class MasterKeyError(ValueError):
    """A master key that is missing, not base64 or too short; the message never holds the key."""


def _new_master_key() -> bytes:
    return base64.urlsafe_b64encode(os.urandom(MASTER_KEY_BYTES))


def decode_master_key(text: str | bytes, *, position: int = 1) -> bytes:
    """The 32-byte AES key of one base64 (URL-safe or standard) master key of at least 32 bytes.

    A key of exactly 32 bytes is the AES key itself; a longer one is condensed with HKDF-SHA256.
    Anything shorter is refused: the service does not start on a key an attacker could guess.
    """
    name = "AGORA_ACTORS_MASTER_KEY" + (f" (key {position})" if position > 1 else "")
    raw = text.strip() if isinstance(text, bytes) else text.strip().encode()
    try:
        key = base64.urlsafe_b64decode(raw.replace(b"+", b"-").replace(b"/", b"_"))
    except (binascii.Error, ValueError):
        raise MasterKeyError(f"{name} is not base64; {GENERATE_HINT}") from None
    if len(key) < MASTER_KEY_BYTES:
        raise MasterKeyError(
            f"{name} must decode to at least {MASTER_KEY_BYTES} bytes (it decodes to "
            f"{len(key)}); {GENERATE_HINT}"
        )
    if len(key) == MASTER_KEY_BYTES:
        return key
    return HKDF(
        algorithm=hashes.SHA256(), length=MASTER_KEY_BYTES, salt=None, info=b"agora-actors-master"
    ).derive(key)


def decode_master_keys(text: str | bytes) -> list[bytes]:
    """The key ring of ``AGORA_ACTORS_MASTER_KEY``: comma-separated keys, the current one first.

    The current key wraps every new data key; the others (previous keys, during a rotation) only
    unwrap data keys not yet re-wrapped (``python -m actors.rotate_master_key``)."""
    raw = text.decode() if isinstance(text, bytes) else text
    parts = [part.strip() for part in raw.split(",")]
    if not parts or any(not part for part in parts):
        raise MasterKeyError("AGORA_ACTORS_MASTER_KEY holds an empty key; " + GENERATE_HINT)
    keys = [decode_master_key(part, position=n) for n, part in enumerate(parts, start=1)]
    if len(set(keys)) != len(keys):
        raise MasterKeyError("AGORA_ACTORS_MASTER_KEY names the same key twice")
    return keys


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_ACTORS_DATABASE_URL")
    # Base64 of at least 32 random bytes; wraps every actor's data key. During a rotation: the
    # new key, a comma, and the previous key. Keep it out of the database and its backups:
    # whoever holds both can read the personal data of actors not yet erased.
    master_key: str | None = Field(
        default=None, validation_alias="AGORA_ACTORS_MASTER_KEY", repr=False
    )

    # The ids of erased actors, appended before each erasure commits: keep it on storage that
    # is not the database nor its backups (agora_common.erasure_list, docs/deploy.md).
    erasure_list: Path | None = Field(default=None, validation_alias="AGORA_ACTORS_ERASURE_LIST")

    def resolved_database_url(self) -> str:
        return self.database_url_for("actors", self.database_url)

    def resolved_erasure_list(self) -> Path:
        return self.erasure_list or self.data_dir / "erasures" / "actors.list"

    def resolved_master_keys(self) -> list[bytes]:
        """The configured key ring (current key first); in development one key generated once
        into the data directory."""
        if self.master_key:
            return decode_master_keys(self.master_key)
        if self.production:
            raise MasterKeyError("AGORA_ACTORS_MASTER_KEY is required in production")
        path = self.data_dir / "keys" / "actors-master.key"
        return [decode_master_key(load_or_create(path, _new_master_key))]

    def resolved_master_key(self) -> bytes:
        """The current master key: the one that wraps new data keys."""
        return self.resolved_master_keys()[0]
