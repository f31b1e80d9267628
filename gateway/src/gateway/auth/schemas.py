"""Response bodies of the token endpoint."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gateway.auth.principal import Principal


class TokenResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhZ29yYS1nYXR"
                    "ld2F5IiwiYXVkIjoiYWdvcmEiLCJzdWIiOiJjbF9RbTd2VHpLMnBYYTliUjR"
                    "3IiwiaWF0IjoxNzcyNDQyOTAwLCJleHAiOjE3NzI0NDM4MDAsImp0aSI6Imh"
                    "WM2tQOXNMdzJRbVp4N1QifQ.EqZ0iG_55muhUPor9QeOOG6LzVJmkfbDfdUkZ33KkTA",
                    "token_type": "Bearer",
                    "expires_in": 900,
                }
            ]
        }
    )

    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int


class Me(BaseModel):
    """The caller behind the bearer token: no secret, nothing of the token itself."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": "cl_Qm7vTzK2pXa9bR4w",
                    "role": "agency",
                    "state": "DE",
                    "expires_at": "2026-03-02T09:30:00Z",
                }
            ]
        }
    )

    client_id: str
    role: str = Field(examples=["agency"])
    state: str | None = Field(description="The client's state (agency, steward), else null.")
    expires_at: datetime = Field(description="When the presented token expires (UTC).")

    @classmethod
    def of(cls, principal: Principal) -> Me:
        # The pipeline always knows the token's expiry; a principal made without one expires now.
        expires_at = principal.expires_at or datetime.now(UTC)
        return cls(
            client_id=principal.client_id,
            role=principal.role,
            state=principal.state,
            expires_at=expires_at,
        )


# RFC 6749 §5.2 error bodies, as OAuth client libraries expect them.
OAUTH_ERROR: dict[str, Any] = {
    "application/json": {
        "schema": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        }
    }
}
