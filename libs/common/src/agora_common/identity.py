"""The gateway's signed internal identity, and its verification in the services.

The gateway signs, per forwarded request, a short-lived Ed25519 JWT naming the caller (client,
role, state) and bound to that request (method, path, query, body hash, request id). Services hold
only the public key: a compromised service cannot mint identities for another.
"""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl

import jwt
import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import Depends, Request

from agora_common.problems import Forbidden, Unauthorized

IDENTITY_HEADER = "x-agora-identity"
ISSUER = "agora-gateway"
TTL_SECONDS = 30
LEEWAY_SECONDS = 5
_REQUIRED_CLAIMS = ("iss", "exp", "iat", "sub", "role", "jti", "rid", "req")
_TEXT_CLAIMS = ("iss", "sub", "role", "jti", "rid", "req")


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is calling, as the gateway established it."""

    client_id: str
    role: str
    state: str | None
    request_id: str


def request_binding(method: str, path: str, query: str, body: bytes) -> str:
    """A digest of what the identity is good for: this method, path, query and body only."""
    canonical_query = "&".join(
        f"{k}={v}" for k, v in sorted(parse_qsl(query, keep_blank_values=True))
    )
    digest = hashlib.sha256()
    for part in (method.upper(), path, canonical_query):
        digest.update(part.encode())
        digest.update(b"\n")
    digest.update(hashlib.sha256(body).digest())
    return digest.hexdigest()


class IdentitySigner:
    def __init__(self, private_key_pem: bytes, audience_prefix: str = "agora-") -> None:
        key = serialization.load_pem_private_key(private_key_pem, None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the internal identity key must be Ed25519")
        self._key = key
        self.public_key_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(
        self,
        *,
        client_id: str,
        role: str,
        state: str | None,
        request_id: str,
        method: str,
        path: str,
        query: str,
        body: bytes,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "sub": client_id,
            "role": role,
            "state": state,
            "jti": uuid.uuid4().hex,  # unique per identity, so that a replay is recognised
            "rid": request_id,
            "iat": now,
            "exp": now + TTL_SECONDS,
            "req": request_binding(method, path, query, body),
        }
        return jwt.encode(claims, self._key, algorithm="EdDSA")


class IdentityVerifier:
    def __init__(self, public_key_pem: bytes) -> None:
        key = serialization.load_pem_public_key(public_key_pem)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the internal identity key must be Ed25519")
        self._key = key
        # Identities (their signed ``jti``) seen while still valid: a captured identity cannot
        # be replayed to this process (TLS between gateway and services covers the other
        # replicas), however its text is re-encoded.
        self._seen: dict[str, float] = {}

    def _first_use(self, jti: str, expires: float) -> bool:
        now = time.time()
        if len(self._seen) > 50_000:
            self._seen = {seen: exp for seen, exp in self._seen.items() if exp >= now}
        if self._seen.get(jti, 0) >= now:
            return False
        self._seen[jti] = expires + LEEWAY_SECONDS
        return True

    def _claims(self, token: str) -> dict[str, Any]:
        """The claims of a compact JWS signed by the gateway's key (EdDSA), issued by the
        gateway, with every required claim, and neither expired nor issued in the future.

        What PyJWT's ``decode`` checks for these tokens, without its generic work: the signature
        is verified before anything in the token is parsed."""
        try:
            signed, _, signature = token.rpartition(".")
            header, _, payload = signed.partition(".")
            self._key.verify(_base64url(signature), signed.encode("ascii"))
            if orjson.loads(_base64url(header)).get("alg") != "EdDSA":
                raise ValueError("not EdDSA")
            claims = orjson.loads(_base64url(payload))
        except (ValueError, TypeError, AttributeError, InvalidSignature):
            raise Unauthorized("A valid gateway identity is required.") from None
        now = time.time()
        if (
            not isinstance(claims, dict)
            or any(claims.get(name) is None for name in _REQUIRED_CLAIMS)
            or any(not isinstance(claims[name], str) for name in _TEXT_CLAIMS)
            or not isinstance(claims.get("state"), str | None)
            or claims["iss"] != ISSUER
            or "aud" in claims  # meant for someone else
            or not _is_time(claims["exp"])
            or not _is_time(claims["iat"])
            or claims["exp"] <= now - LEEWAY_SECONDS
            or claims["iat"] > now + LEEWAY_SECONDS
            or (
                "nbf" in claims
                and not (_is_time(claims["nbf"]) and claims["nbf"] <= now + LEEWAY_SECONDS)
            )
        ):
            raise Unauthorized("A valid gateway identity is required.")
        return claims

    def verify(self, token: str, *, method: str, path: str, query: str, body: bytes) -> Identity:
        claims = self._claims(token)
        if claims["req"] != request_binding(method, path, query, body):
            raise Unauthorized("The gateway identity was issued for another request.")
        if not self._first_use(claims["jti"], float(claims["exp"])):
            raise Unauthorized("The gateway identity was already used.")
        return Identity(
            client_id=claims["sub"],
            role=claims["role"],
            state=claims.get("state"),
            request_id=claims["rid"],
        )


def _base64url(segment: str) -> bytes:
    """A base64url segment of a JWS (unpadded); ValueError for anything else."""
    return base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=True)


def _is_time(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


async def current_identity(request: Request) -> Identity:
    """The verified caller; 401 for anything that did not come through the gateway."""
    # Verified once per request: a second verification would be refused as a replay.
    verified: Identity | None = getattr(request.state, "identity", None)
    if verified is not None:
        return verified
    token = request.headers.get(IDENTITY_HEADER)
    if not token:
        raise Unauthorized("A valid gateway identity is required.")
    verifier: IdentityVerifier = request.app.state.identity_verifier
    body = await request.body()
    request.state.identity = verifier.verify(
        token,
        method=request.method,
        path=request.url.path,
        query=request.url.query,
        body=body,
    )
    return request.state.identity


CurrentIdentity = Annotated[Identity, Depends(current_identity)]


def require_role(*roles: str) -> Any:
    """A dependency that admits only callers with one of ``roles`` (403 otherwise)."""

    async def _check(identity: CurrentIdentity) -> Identity:
        if identity.role not in roles:
            raise Forbidden("Your role may not use this operation.")
        return identity

    return Depends(_check)


# The callers each operation admits, declared once: a route names one of these as a parameter.
AgencyCaller = Annotated[Identity, require_role("agency")]
AdminCaller = Annotated[Identity, require_role("admin")]
EvaluatorCaller = Annotated[Identity, require_role("evaluator")]
AgencyOrAdminCaller = Annotated[Identity, require_role("agency", "admin")]
AgencyOrStewardCaller = Annotated[Identity, require_role("agency", "steward")]
"""An agency or the steward of its state or donor: both act for that state (``state``)."""
EvaluatorOrAdminCaller = Annotated[Identity, require_role("evaluator", "admin")]
ReaderCaller = Annotated[Identity, require_role("agency", "evaluator", "admin")]
"""Agencies, evaluators and operators: who may read the public side of the registry."""
