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
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
PADDING = 256
FORMAT = b"\x01"  # a version byte in front of every ciphertext, for future key or format changes


class UnreadablePersonalData(Exception):
    """A ciphertext or wrapped key that does not open with the keys we hold."""


class Vault:
    """Wraps data keys with the master key and seals personal data with a data key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes")
        self._master = AESGCM(master_key)
        # Identifies the master key without revealing it (for rotation and clear errors).
        self.master_key_id = hashlib.sha256(b"agora-actors-master-key-id" + master_key).hexdigest()[
            :16
        ]

    @staticmethod
    def new_data_key() -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def wrap(self, data_key: bytes, *, actor_id: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        aad = b"agora-actors-data-key:" + actor_id.encode()
        return FORMAT + nonce + self._master.encrypt(nonce, data_key, aad)

    def unwrap(self, wrapped: bytes, *, actor_id: str) -> bytes:
        aad = b"agora-actors-data-key:" + actor_id.encode()
        return _open(self._master, wrapped, aad)

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
