"""RFC 9457 problem details: the one error format of every endpoint."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Send

from agora_common import db_faults

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("agora.problems")

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    410: "Gone",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


class Problem(Exception):
    """An error that becomes a problem+json response. Subclass it for domain errors."""

    status: ClassVar[int] = 400
    title: ClassVar[str | None] = None
    type: ClassVar[str] = "about:blank"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(detail or "")
        self.detail = detail
        self.errors = errors
        self.headers = headers
        if status is not None:
            self.status = status  # type: ignore[misc]

    def body(self) -> dict[str, Any]:
        return problem_body(
            self.status, self.detail, title=self.title, type_=self.type, errors=self.errors
        )


def problem_body(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The RFC 9457 body: ``type``, ``title``, ``status``, ``detail`` and any field errors."""
    title = title or _TITLES.get(status, "Error")
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail or title,
    }
    if errors is not None:
        body["errors"] = errors
    return body


class Unauthorized(Problem):
    status = 401


class Forbidden(Problem):
    status = 403


class NotFound(Problem):
    status = 404


class Conflict(Problem):
    status = 409


class Gone(Problem):
    status = 410


class PreconditionFailed(Problem):
    status = 412


class PreconditionRequired(Problem):
    status = 428


class Unprocessable(Problem):
    status = 422

    @classmethod
    def field(cls, loc: list[str | int], msg: str, type_: str = "value_error") -> Unprocessable:
        """A 422 about one field, shaped like the request-validation errors."""
        return cls(msg, errors=[{"loc": loc, "msg": msg, "type": type_}])


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(status, detail, title=title, errors=errors)
    return JSONResponse(
        body, status_code=status, media_type=PROBLEM_JSON, headers=_retry_later(status, headers)
    )


def _retry_later(status: int, headers: Mapping[str, str] | None) -> Mapping[str, str] | None:
    """A 503 always says when to come back (``Retry-After``), unless it says so already."""
    if status != 503 or any(k.lower() == "retry-after" for k in headers or {}):
        return headers
    return {**(headers or {}), **db_faults.unavailable_headers()}


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> None:
    """Answer with a problem straight from ASGI middleware (no response object)."""
    raw = orjson.dumps(problem_body(status, detail, errors=errors))
    raw_headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(raw)).encode()),
    ]
    headers = _retry_later(status, headers)
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": raw})


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Field errors without the submitted values: those may be personal data."""
    out = []
    for err in exc.errors():
        out.append(
            {
                "loc": [str(p) if not isinstance(p, int) else p for p in err.get("loc", ())],
                "msg": str(err.get("msg", "invalid")),
                "type": str(err.get("type", "value_error")),
            }
        )
    return out


def install_problem_handlers(app: FastAPI) -> None:
    """Map every error to problem+json; nothing else ever reaches a caller."""

    @app.exception_handler(Problem)
    async def _problem(_: Request, exc: Problem) -> JSONResponse:
        return JSONResponse(
            exc.body(),
            status_code=exc.status,
            media_type=PROBLEM_JSON,
            headers=_retry_later(exc.status, exc.headers),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            422, "The request is not valid; see errors.", errors=validation_errors(exc)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 400:
            # FastAPI's "error parsing the body" (e.g. not UTF-8): bad input is a 422 here.
            errors = [{"loc": ["body"], "msg": "Not a readable JSON body.", "type": "json_invalid"}]
            return problem_response(422, "The request is not valid; see errors.", errors=errors)
        return problem_response(exc.status_code, detail, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Only the exception type and the route template: the message and the path itself
        # could carry submitted values.
        route = getattr(request.scope.get("route"), "path", "unmatched")
        if db_faults.is_database_unavailable(exc):
            db_faults.log_unavailable(exc, route)
            return problem_response(
                503, db_faults.UNAVAILABLE_DETAIL, headers=db_faults.unavailable_headers()
            )
        log.error("unhandled error", extra={"error_type": type(exc).__name__, "route": route})
        return problem_response(500, "An unexpected error occurred.")

    # The database errors themselves too, so that a 503 is answered without the error being
    # re-raised to the server (Starlette re-raises what reaches the handler of Exception).
    app.add_exception_handler(sa_exc.DBAPIError, _unexpected)
    app.add_exception_handler(sa_exc.TimeoutError, _unexpected)
    app.add_exception_handler(ConnectionError, _unexpected)
