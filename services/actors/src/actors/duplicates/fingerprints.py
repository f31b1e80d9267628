"""Keyed fingerprints of an actor's identity: HMAC-SHA256 of each normalised form.

Only the hashes are stored (``identity_fingerprints``), never the normalised text: without the
key, a copy of the database cannot test a guessed name against them. The key is derived from the
current master key: after a new one, actors fingerprinted under the old key no longer match those
fingerprinted under the new one until they are fingerprinted again (docs/actors.md).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from actors.duplicates.normalise import email_form, name_forms, phone_form

# What a fingerprint is of; ``matched_on`` names these.
LEGAL_NAME, EMAIL, PHONE = "legal_name", "email", "phone"
KINDS = (LEGAL_NAME, EMAIL, PHONE)
INFO = b"agora-actors-identity-fingerprints"


class IdentityKey:
    """The HMAC key of identity fingerprints."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("an identity key must be 32 bytes")
        self._key = key

    @classmethod
    def of_master_key(cls, master_key: bytes) -> IdentityKey:
        """The key derived (HKDF-SHA256) from the current master key."""
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO)
        return cls(hkdf.derive(master_key))

    def _hash(self, kind: str, form: str) -> str:
        message = kind.encode() + b"\x00" + form.encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def fingerprints(self, personal: dict[str, Any]) -> set[tuple[str, str]]:
        """(kind, hash) of every normalised form of the legal name, email and phone."""
        forms: set[tuple[str, str]] = set()
        if legal_name := personal.get("legal_name"):
            forms |= {(LEGAL_NAME, form) for form in name_forms(legal_name)}
        contact = personal.get("contact") or {}
        if (email := contact.get("email")) and (form := email_form(email)):
            forms.add((EMAIL, form))
        if (phone := contact.get("phone")) and (form := phone_form(phone)):
            forms.add((PHONE, form))
        return {(kind, self._hash(kind, form)) for kind, form in forms}

    def match_id(self, actor_id: str, other_actor_id: str) -> str:
        """A stable id of a match between two actors that reveals neither of them."""
        pair = "\x00".join(sorted((actor_id, other_actor_id)))
        return "dup_" + self._hash("match", pair)[:32]
