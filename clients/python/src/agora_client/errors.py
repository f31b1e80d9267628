"""What goes wrong, said in one line (the CLI prints exactly that)."""

from __future__ import annotations

from typing import Any

import httpx

# The problem type of a 409 for an Idempotency-Key whose write a service had applied already.
ALREADY_APPLIED = "https://agora.example/problems/idempotency-key-applied"


class AgoraError(Exception):
    """A failure the caller can act on; ``str()`` is one line with no secret in it."""


class FileRefused(AgoraError):
    """A file as a whole cannot be read as what a command expects (one line, no cell values)."""


class ProblemError(AgoraError):
    """The platform answered with an error (problem+json per RFC 9457, or OAuth's ``error``)."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        errors: Any = None,
        type_: str | None = None,
    ):
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors if isinstance(errors, list) else []
        self.type = type_
        super().__init__(self.one_line())

    @property
    def already_applied(self) -> bool:
        """A retried write the service had applied before (its first answer was lost)."""
        return self.status == 409 and self.type == ALREADY_APPLIED

    def one_line(self) -> str:
        text = f"{self.status} {self.title}"
        if self.detail and self.detail != self.title:
            text += f": {self.detail}"
        fields = [
            described
            for error in self.errors[:5]
            if isinstance(error, dict) and str(error.get("msg")) not in text
            for described in [field_error(error)]
        ]
        if fields:
            text += f" ({'; '.join(fields)})"
        return " ".join(text.split())

    @classmethod
    def of(cls, response: httpx.Response) -> ProblemError:
        """The error a non-2xx response describes (the platform never echoes submitted values)."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return cls(response.status_code, response.reason_phrase or "error")
        if "error" in body and "title" not in body:  # RFC 6749 §5.2, the token endpoint
            return cls(response.status_code, str(body["error"]))
        return cls(
            response.status_code,
            str(body.get("title") or response.reason_phrase or "error"),
            str(body["detail"]) if body.get("detail") else None,
            body.get("errors"),
            str(body["type"]) if body.get("type") else None,
        )


def field_error(error: dict[str, Any]) -> str:
    """``body.sectors.0: Input should be …`` from one entry of a problem's ``errors``."""
    location = ".".join(str(part) for part in error.get("loc", []) if part != "body")
    message = str(error.get("msg", "invalid"))
    return f"{location}: {message}" if location else message
