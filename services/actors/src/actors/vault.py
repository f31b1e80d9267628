"""Envelope encryption of actors' personal data (crypto-shredding on erasure).

Each actor has its own random AES-256-GCM data key. The data key is stored only wrapped (AES-GCM
under the service's master key); the personal fields are stored only as one AES-GCM ciphertext
under the data key. Both are bound to the actor id as associated data, so a ciphertext or a
wrapped key copied onto another actor's row does not open. Destroying the wrapped key makes the
ciphertext unreadable for good, including copies of it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
PADDING = 256
FORMAT = b"\x01"  # a version byte in front of every ciphertext, for future key or format changes


class UnreadablePersonalData(Exception):
    """A ciphertext or wrapped key that does not open with the keys we hold."""


def master_key_id(master_key: bytes) -> str:
    """Names a master key without revealing it: recorded beside every data key it wraps."""
    return hashlib.sha256(b"agora-actors-master-key-id" + master_key).hexdigest()[:16]


class Vault:
    """Wraps data keys with the master key and seals personal data with a data key.

    ``previous`` master keys (during a rotation) only unwrap: every new wrap uses the current
    key, so the service keeps reading and writing while the data keys are re-wrapped."""

    def __init__(self, master_key: bytes, *, previous: Sequence[bytes] = ()) -> None:
        keys = [master_key, *previous]
        if any(len(key) != 32 for key in keys):
            raise ValueError("a master key must be 32 bytes")
        self._master = AESGCM(master_key)
        self._all = [AESGCM(key) for key in keys]
        self.master_key_id = master_key_id(master_key)
        self.previous_key_ids = [master_key_id(key) for key in previous]

    @classmethod
    def of_key_ring(cls, keys: Sequence[bytes]) -> Vault:
        """The vault of a configured key ring: the current key first, then previous ones."""
        return cls(keys[0], previous=keys[1:])

    @staticmethod
    def new_data_key() -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def wrap(self, data_key: bytes, *, actor_id: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        aad = b"agora-actors-data-key:" + actor_id.encode()
        return FORMAT + nonce + self._master.encrypt(nonce, data_key, aad)

    def unwrap(self, wrapped: bytes, *, actor_id: str) -> bytes:
        """The data key, unwrapped by whichever master key wrapped it (current one first)."""
        aad = b"agora-actors-data-key:" + actor_id.encode()
        for cipher in self._all[:-1]:
            try:
                return _open(cipher, wrapped, aad)
            except UnreadablePersonalData:
                continue
        return _open(self._all[-1], wrapped, aad)

    def rewrap(self, wrapped: bytes, *, actor_id: str) -> bytes:
        """A wrapped data key wrapped anew by the current master key."""
        return self.wrap(self.unwrap(wrapped, actor_id=actor_id), actor_id=actor_id)

    @staticmethod
    def seal(
        values: dict[str, Any], *, data_key: bytes, actor_id: str, purpose: str = "personal"
    ) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        aad = f"agora-actors-{purpose}:{actor_id}".encode()
        plaintext = orjson.dumps(values)
        # Padded (JSON allows trailing blanks) so that the length says little about the content.
        plaintext += b" " * (-len(plaintext) % PADDING)
        return FORMAT + nonce + AESGCM(data_key).encrypt(nonce, plaintext, aad)

    @staticmethod
    def open(
        ciphertext: bytes, *, data_key: bytes, actor_id: str, purpose: str = "personal"
    ) -> dict[str, Any]:
        aad = f"agora-actors-{purpose}:{actor_id}".encode()
        value = orjson.loads(_open(AESGCM(data_key), ciphertext, aad))
        if not isinstance(value, dict):
            raise UnreadablePersonalData("personal data is not an object")
        return value


def _open(cipher: AESGCM, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
        raise UnreadablePersonalData("not a ciphertext of this format")
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return cipher.decrypt(nonce, body, aad)
    except InvalidTag:
        raise UnreadablePersonalData("the key does not open this ciphertext") from None
