"""A checkpoint of the audit chain and its Ed25519 signature, checkable offline.

The signed text is ``agora-audit-checkpoint\\n<seq>\\n<hash>\\n<at>`` in UTF-8, where ``at`` is
the time in UTC to the second as the checkpoint states it (``2026-01-31T12:00:00Z``). With the public key (PEM, listed by
``GET /v1/audit/checkpoints``) an auditor checks a checkpoint with any Ed25519 implementation.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIGNED_TEXT = "agora-audit-checkpoint\\n<seq>\\n<hash>\\n<at>"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The chain's head at one moment: its last record's ``seq`` and ``hash``."""

    seq: int
    hash: str
    at: datetime

    def signed_text(self) -> bytes:
        return f"agora-audit-checkpoint\n{self.seq}\n{self.hash}\n{rfc3339(self.at)}".encode()


def rfc3339(moment: datetime) -> str:
    """``2026-01-31T12:00:00Z``: whole seconds in UTC, as the checkpoint's JSON writes it."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    key_id: str
    signature: str
    """Base64 of the Ed25519 signature of ``checkpoint.signed_text()``."""


class CheckpointKey:
    """The signing key of the checkpoints, its public half and a short id of that half."""

    def __init__(self, private_pem: bytes) -> None:
        key = serialization.load_pem_private_key(private_pem, None)
        if not isinstance(key, Ed25519PrivateKey):
            raise RuntimeError("the audit signing key must be an Ed25519 private key")
        self._private = key
        self._public = key.public_key()
        raw = self._public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id = hashlib.sha256(raw).hexdigest()[:16]
        self.public_pem = self._public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    def sign(self, checkpoint: Checkpoint) -> SignedCheckpoint:
        signature = self._private.sign(checkpoint.signed_text())
        return SignedCheckpoint(checkpoint, self.key_id, base64.b64encode(signature).decode())

    def verifies(self, signed: SignedCheckpoint) -> bool:
        """Whether ``signed`` carries a valid signature by this key."""
        if signed.key_id != self.key_id:
            return False
        try:
            signature = base64.b64decode(signed.signature, validate=True)
            self._public.verify(signature, signed.checkpoint.signed_text())
        except (InvalidSignature, binascii.Error, ValueError):
            return False
        return True


def encode(signed: SignedCheckpoint) -> bytes:
    """The message published for a checkpoint."""
    checkpoint = signed.checkpoint
    return orjson.dumps(
        {
            "seq": checkpoint.seq,
            "hash": checkpoint.hash,
            "at": rfc3339(checkpoint.at),
            "key_id": signed.key_id,
            "signature": signed.signature,
        }
    )


def decode(data: bytes) -> SignedCheckpoint | None:
    """The checkpoint of a message, or None if it is not one."""
    try:
        fields = orjson.loads(data)
        at = datetime.fromisoformat(fields["at"])
        if at.tzinfo is None:
            return None  # every checkpoint this gateway signs is in UTC
        checkpoint = Checkpoint(seq=int(fields["seq"]), hash=str(fields["hash"]), at=at)
        return SignedCheckpoint(checkpoint, str(fields["key_id"]), str(fields["signature"]))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
