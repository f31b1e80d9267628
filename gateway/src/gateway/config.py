"""The gateway's settings."""

from __future__ import annotations

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
