"""The gateway's settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agora_common.settings import CommonSettings
from pydantic import Field


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_GATEWAY_DATABASE_URL")
    admin_client_id: str | None = None
    admin_client_secret: str | None = None
    # Secret that signs access tokens (HMAC); generated into the data directory when unset.
    token_key: str | None = Field(default=None, validation_alias="AGORA_GATEWAY_TOKEN_KEY")
    token_ttl_seconds: int = Field(default=900, validation_alias="AGORA_GATEWAY_TOKEN_TTL_SECONDS")
    # PEM of the Ed25519 key that signs the internal identity passed to services.
    internal_signing_key: str | None = None
    actors_url: str = "http://127.0.0.1:8101"
    funding_url: str = "http://127.0.0.1:8102"
    evaluation_url: str = "http://127.0.0.1:8103"
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
