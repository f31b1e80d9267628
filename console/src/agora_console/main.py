"""The console as its own ASGI app, served under ``/console/`` and configured with the gateway's
base URL (``AGORA_CONSOLE_GATEWAY_URL``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from agora_common.logs import configure_logging
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from agora_console.config import Settings
from agora_console.gateway import Gateway, SignedOut
from agora_console.pages import (
    actors,
    admin,
    audit,
    auth,
    evaluation,
    funding,
    overlaps,
    overview,
    permits,
    stewardship,
)
from agora_console.security import SecurityHeaders
from agora_console.sessions import COOKIE, SessionStore
from agora_console.web import (
    FormExpired,
    NeedsLogin,
    NotForRole,
    coming_from,
    login_redirect,
    render,
    store_of,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging("console", settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.gateway = Gateway(settings.gateway_url, timeout=settings.gateway_timeout_seconds)
        try:
            yield
        finally:
            await app.state.gateway.aclose()

    app = FastAPI(
        title="Agora console",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.sessions = SessionStore(
        max_seconds=settings.session_max_seconds, max_sessions=settings.sessions_max
    )
    for module in (
        auth,
        overview,
        actors,
        overlaps,
        funding,
        permits,
        evaluation,
        audit,
        admin,
        stewardship,
    ):
        app.include_router(module.router)
    app.mount(
        "/console/static",
        StaticFiles(directory=str(files("agora_console") / "static")),
        name="static",
    )

    @app.get("/console/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        """For probes: the process answers (it keeps no connection that could be down)."""
        return PlainTextResponse("ok")

    _install_error_pages(app)
    app.add_middleware(SecurityHeaders, production=settings.production)
    return app


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NeedsLogin)
    async def needs_login(request: Request, exc: NeedsLogin) -> Response:
        return login_redirect(exc.next_path)

    @app.exception_handler(SignedOut)
    async def signed_out(request: Request, exc: SignedOut) -> Response:
        # The gateway refused the token (expired or revoked): the session ends with it.
        store_of(request).end(request.cookies.get(COOKIE))
        response = login_redirect(coming_from(request))
        response.delete_cookie(COOKIE, path="/console/")
        return response

    @app.exception_handler(NotForRole)
    async def not_for_role(request: Request, exc: NotForRole) -> Response:
        session = store_of(request).get(request.cookies.get(COOKIE))
        return render(
            request,
            "error.html",
            session,
            status=403,
            title="Not for your role",
            detail="Your role does not use this page.",
        )

    @app.exception_handler(FormExpired)
    async def form_expired(request: Request, exc: FormExpired) -> Response:
        session = store_of(request).get(request.cookies.get(COOKIE))
        return render(
            request,
            "error.html",
            session,
            status=403,
            title="The form expired",
            detail="This form is no longer valid. Go back, reload the page and submit it again.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        session = store_of(request).get(request.cookies.get(COOKIE))
        words = {404: "There is no such page.", 405: "This page does not take that request."}
        return render(
            request,
            "error.html",
            session,
            status=exc.status_code,
            title="Not found" if exc.status_code == 404 else "Not possible",
            detail=words.get(exc.status_code, "The request could not be served."),
        )
