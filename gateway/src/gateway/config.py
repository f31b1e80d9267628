"""The gateway's settings."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from agora_common.settings import CommonSettings
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import Field, field_validator

# HS256 with a shorter key is guessable offline from one token (RFC 7518 §3.2 asks for ≥ 256 bits).
MIN_SYMMETRIC_KEY_BYTES = 32


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_GATEWAY_DATABASE_URL")
    admin_client_id: str | None = None
    admin_client_secret: str | None = None
    # The second admin, held by another person: in production no admin creates another alone.
    second_admin_client_id: str | None = None
    second_admin_client_secret: str | None = None
    # Secret that signs access tokens (HMAC); generated into the data directory when unset.
    token_key: str | None = Field(default=None, validation_alias="AGORA_GATEWAY_TOKEN_KEY")
    token_ttl_seconds: int = Field(default=900, validation_alias="AGORA_GATEWAY_TOKEN_TTL_SECONDS")
    # How long a replica trusts the active client it read without reading it again (the floor
    # behind the revocation broadcast, gateway.auth.cache); 0 reads it on every request.
    auth_cache_seconds: float = Field(
        default=5.0, ge=0, le=60, validation_alias="AGORA_GATEWAY_AUTH_CACHE_SECONDS"
    )
    # PEM of the Ed25519 key that signs the internal identity passed to services.
    internal_signing_key: str | None = None
    actors_url: str = "http://127.0.0.1:8101"
    funding_url: str = "http://127.0.0.1:8102"
    evaluation_url: str = "http://127.0.0.1:8103"
    # The web console's process (agora_console): /console/… is forwarded there; unset, 404.
    console_url: str | None = Field(default=None, validation_alias="AGORA_CONSOLE_URL")
    upstream_timeout_seconds: float = Field(
        default=10.0, validation_alias="AGORA_GATEWAY_UPSTREAM_TIMEOUT_SECONDS"
    )
    # mTLS towards the services (docs/deploy.md): the gateway's client certificate and key, and
    # the internal CA that signed the services' certificates (their URLs are then https://).
    gateway_client_cert_file: Path | None = Field(
        default=None, validation_alias="AGORA_GATEWAY_CLIENT_CERT_FILE"
    )
    gateway_client_key_file: Path | None = Field(
        default=None, validation_alias="AGORA_GATEWAY_CLIENT_KEY_FILE"
    )
    internal_ca_file: Path | None = None

    rate_limit_per_minute: int = Field(
        default=6000, ge=1, validation_alias="AGORA_GATEWAY_RATE_LIMIT_PER_MINUTE"
    )
    # Token requests per client id: bounds guessing a secret and the argon2 work it costs.
    token_attempts_per_minute: int = Field(
        default=60, ge=1, validation_alias="AGORA_GATEWAY_TOKEN_ATTEMPTS_PER_MINUTE"
    )
    # Per client address, whatever client ids it submits: each token request costs one argon2id
    # verification (64 MiB), so this bounds the argon2 work one address can cause.
    token_requests_per_address_per_minute: int = Field(
        default=60, ge=1, validation_alias="AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE"
    )
    # Requests without a valid token (other than to the token endpoint), per client address.
    anonymous_requests_per_address_per_minute: int = Field(
        default=600,
        ge=1,
        validation_alias="AGORA_GATEWAY_ANONYMOUS_REQUESTS_PER_ADDRESS_PER_MINUTE",
    )
    # Comma-separated addresses or networks of the proxies in front of the gateway (the ingress
    # controller's pods): only a peer among them is believed about X-Forwarded-For. Empty: none.
    trusted_proxies: str = Field(default="", validation_alias="AGORA_GATEWAY_TRUSTED_PROXIES")

    # PEM of the Ed25519 key that signs the audit checkpoints published to NATS (stream AUDIT);
    # generated into the data directory when unset (development). The database never holds it.
    audit_signing_key: str | None = Field(default=None, validation_alias="AGORA_AUDIT_SIGNING_KEY")
    # A checkpoint of the chain head is due after this many new records …
    audit_checkpoint_every_records: int = Field(
        default=1000, ge=1, validation_alias="AGORA_AUDIT_CHECKPOINT_EVERY_RECORDS"
    )
    # … or when the last one is this old and records were added since.
    audit_checkpoint_interval_seconds: float = Field(
        default=300.0, gt=0, validation_alias="AGORA_AUDIT_CHECKPOINT_INTERVAL_SECONDS"
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for entry in filter(None, (part.strip() for part in value.split(","))):
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"not an address or network: {entry!r}") from None
        return value

    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [
            ipaddress.ip_network(entry, strict=False)
            for entry in filter(None, (part.strip() for part in self.trusted_proxies.split(",")))
        ]

    def check_keys(self) -> None:
        """Refuse keys too weak to protect anything, naming the setting but never the value."""
        if self.token_key is not None and len(self.token_key.encode()) < MIN_SYMMETRIC_KEY_BYTES:
            raise RuntimeError(
                f"AGORA_GATEWAY_TOKEN_KEY must be at least {MIN_SYMMETRIC_KEY_BYTES} bytes "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        for variable, pem in (
            ("AGORA_INTERNAL_SIGNING_KEY", self.internal_signing_key),
            ("AGORA_AUDIT_SIGNING_KEY", self.audit_signing_key),
        ):
            if pem is not None and not _is_ed25519_private_pem(pem):
                raise RuntimeError(f"{variable} must be an Ed25519 private key in PEM (PKCS#8)")

    def resolved_database_url(self) -> str:
        return self.database_url_for("gateway", self.database_url)

    def services(self) -> dict[str, str]:
        """Service name → base URL; the name is also the first path segment after /v1."""
        return {
            "actors": self.actors_url.rstrip("/"),
            "funding": self.funding_url.rstrip("/"),
            "evaluation": self.evaluation_url.rstrip("/"),
        }

    def upstream_tls(self) -> UpstreamTLS | None:
        """The client certificate, key and CA for calling the services over mTLS, or None.

        Production refuses plain http:// services unless a mesh does mTLS between the pods
        (``AGORA_TLS_TERMINATED_BY_MESH``), as the services do (CommonSettings.server_tls).
        """
        cert, key, ca = (
            self.gateway_client_cert_file,
            self.gateway_client_key_file,
            self.internal_ca_file,
        )
        plain = sorted(name for name, url in self.services().items() if url.startswith("http:"))
        if cert and key and ca:
            if plain:
                raise RuntimeError(
                    "with a client certificate the services' URLs must be https://: "
                    + ", ".join(f"AGORA_{name.upper()}_URL" for name in plain)
                )
            return UpstreamTLS(cert, key, ca)
        if cert or key or ca:
            raise RuntimeError(
                "AGORA_GATEWAY_CLIENT_CERT_FILE, AGORA_GATEWAY_CLIENT_KEY_FILE and "
                "AGORA_INTERNAL_CA_FILE are set together or not at all"
            )
        if self.production and not self.tls_terminated_by_mesh:
            raise RuntimeError(
                "the gateway calls the services over mTLS in production: set "
                "AGORA_GATEWAY_CLIENT_CERT_FILE, AGORA_GATEWAY_CLIENT_KEY_FILE, "
                "AGORA_INTERNAL_CA_FILE and https:// service URLs "
                "(or AGORA_TLS_TERMINATED_BY_MESH=true behind a mesh doing mTLS)"
            )
        return None


@dataclass(frozen=True, slots=True)
class UpstreamTLS:
    """What the gateway presents to the services, and the CA it checks their certificates with."""

    cert_file: Path
    key_file: Path
    ca_file: Path


def _is_ed25519_private_pem(pem: str) -> bool:
    try:
        key = serialization.load_pem_private_key(pem.encode(), None)
    except (ValueError, TypeError):
        return False
    return isinstance(key, Ed25519PrivateKey)
