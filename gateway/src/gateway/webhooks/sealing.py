"""Webhook signing secrets: made here, shown once, stored only sealed.

The gateway must sign every delivery, so it keeps each endpoint's secret, but never in clear:
AES-256-GCM under a key derived (HKDF, its own label) from the gateway's token key, bound to the
endpoint id, as ``gateway.clients.sealing`` keeps a pending client's secret half. A copy of the
database alone cannot sign a webhook. Changing the token key makes the sealed secrets unusable
(the endpoints must then be registered again).
"""

from __future__ import annotations

import base64
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"agora-gateway/webhook-secret/v1"
_NONCE = 12
SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, no secret)
SECRET_BYTES = 32


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


class WebhookSecrets:
    """Seals and opens endpoints' signing secrets."""

    def __init__(self, gateway_key: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(gateway_key)
        self._aead = AESGCM(key)

    def seal(self, secret: str, *, endpoint_id: str) -> str:
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, secret.encode(), endpoint_id.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, sealed: str, *, endpoint_id: str) -> str | None:
        """The secret, or None when it was not sealed for this endpoint under this key."""
        try:
            raw = base64.urlsafe_b64decode(sealed.encode())
            return self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], endpoint_id.encode()).decode()
        except (InvalidTag, ValueError):
            return None
