"""The actor registry's settings."""

from __future__ import annotations

import base64
import binascii
import os

from agora_common.keys import load_or_create
from agora_common.settings import CommonSettings
from pydantic import Field

MASTER_KEY_BYTES = 32


def _new_master_key() -> bytes:
    return base64.urlsafe_b64encode(os.urandom(MASTER_KEY_BYTES))


def decode_master_key(text: str | bytes) -> bytes:
    """The 32 raw bytes of a base64 (URL-safe or standard) master key; ValueError otherwise."""
    raw = text.strip() if isinstance(text, bytes) else text.strip().encode()
    try:
        key = base64.urlsafe_b64decode(raw.replace(b"+", b"-").replace(b"/", b"_"))
    except (binascii.Error, ValueError):
        raise ValueError("AGORA_ACTORS_MASTER_KEY is not base64") from None
    if len(key) != MASTER_KEY_BYTES:
        raise ValueError("AGORA_ACTORS_MASTER_KEY must encode exactly 32 bytes")
    return key


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_ACTORS_DATABASE_URL")
    # Base64 of 32 random bytes; wraps every actor's data key. Keep it out of the database and
    # its backups: whoever holds both can read the personal data of actors not yet erased.
    master_key: str | None = Field(
        default=None, validation_alias="AGORA_ACTORS_MASTER_KEY", repr=False
    )

    def resolved_database_url(self) -> str:
        return self.database_url_for("actors", self.database_url)

    def resolved_master_key(self) -> bytes:
        """The configured master key; in development generated once into the data directory."""
        if self.master_key:
            return decode_master_key(self.master_key)
        if self.production:
            raise RuntimeError("AGORA_ACTORS_MASTER_KEY is required in production")
        path = self.data_dir / "keys" / "actors-master.key"
        return decode_master_key(load_or_create(path, _new_master_key))
