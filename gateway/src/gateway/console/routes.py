"""``/console/…``: the web console's pages and assets, answered by the console's process."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gateway.console import service
from gateway.console.paths import PREFIX
from gateway.deps import ConsoleHttpDep, SettingsDep

router = APIRouter()
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@router.api_route(PREFIX, methods=_METHODS, include_in_schema=False)
@router.api_route(PREFIX + "/{rest:path}", methods=_METHODS, include_in_schema=False)
async def to_console(
    request: Request, http: ConsoleHttpDep, settings: SettingsDep, rest: str = ""
) -> Response:
    return await service.forward(
        request,
        console_url=settings.console_url,
        http=http,
        client_address=request.scope.get("state", {}).get("forwarded_for"),
    )
