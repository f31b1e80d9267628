"""Split knowledge for clients that need two admins: the creator's half of the secret, sealed.

A steward or admin client's secret is ``part1 ‖ part2``: the creating admin receives ``part1``,
the approving admin ``part2``, and neither learns the other's. The gateway stores only the
argon2 hash of the whole secret, and it can compute it only when both halves exist, at approval.
Until then ``part1`` waits in the clients row sealed (AES-256-GCM) under a key derived from the
gateway's token key, bound to the client id, so the database alone never holds it in clear (a
copy of the database, a backup, an admin reading the table). Approval opens it, hashes
``part1 ‖ part2``, returns ``part2`` and deletes the sealed ``part1``; a revocation deletes it too.

Whoever holds the token key can already mint any client's token, so sealing under it adds no
new power to that key.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"agora-gateway/pending-secret-part/v1"
_NONCE = 12


class SecretSealer:
    """Seals and opens the creator's half of a pending client's secret."""

    def __init__(self, gateway_key: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(gateway_key)
        self._aead = AESGCM(key)

    def seal(self, part: str, *, client_id: str) -> str:
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, part.encode(), client_id.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, sealed: str, *, client_id: str) -> str | None:
        """The part, or None when it was not sealed for this client under this key."""
        try:
            raw = base64.urlsafe_b64decode(sealed.encode())
            return self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], client_id.encode()).decode()
        except (InvalidTag, ValueError):
            return None
