"""Response bodies of the token endpoint."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int


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
