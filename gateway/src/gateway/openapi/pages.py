"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) from assets the gateway serves itself.

The JavaScript and CSS ship in the ``fastapi-offline`` package; the one script of our own
(``static/swagger-init.js``) starts Swagger UI, so that no page holds an inline script. No page
names a third-party host, and the Content-Security-Policy forbids one: the docs work on a
network that cannot reach a CDN, and a browser loads nothing from elsewhere.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files

from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_PATH = "/docs/assets"

# Swagger UI and ReDoc set inline styles (ReDoc's styled-components add <style> elements), and
# ReDoc's search runs in a Web Worker built from a blob: URL; scripts come only from the gateway.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

_SWAGGER = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — API reference (Swagger UI)</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""

_REDOC = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — API reference (ReDoc)</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
</head>
<body>
<redoc spec-url="{openapi}"></redoc>
<script src="{assets}/redoc.standalone.js"></script>
</body>
</html>
"""


# ReDoc 2's side menu always shows its logo from this address (no option turns it off): the
# bundle is served with it emptied, so the image fails at once and ReDoc hides it; no browser
# tries the CDN, and the CSP reports no violation.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
REDOC_BUNDLE = "redoc.standalone.js"


@cache
def _redoc_bundle() -> bytes:
    packaged = files("fastapi_offline").joinpath("static", REDOC_BUNDLE).read_text("utf-8")
    return packaged.replace(REDOC_LOGO, "").encode()


def redoc_bundle() -> Response:
    """ReDoc's JavaScript without the one address it would fetch from a CDN."""
    return Response(
        _redoc_bundle(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )


def assets() -> StaticFiles:
    """Swagger UI's and ReDoc's files from fastapi-offline, and our own start-up script."""
    return StaticFiles(packages=[("fastapi_offline", "static"), ("gateway.openapi", "static")])


def _page(template: str, *, title: str, root_path: str) -> HTMLResponse:
    html = template.format(
        title=escape(title),
        assets=escape(f"{root_path}{ASSETS_PATH}"),
        openapi=escape(f"{root_path}/openapi.json"),
    )
    return HTMLResponse(html, headers=HEADERS)


def swagger_ui(*, title: str, root_path: str = "") -> HTMLResponse:
    """The Swagger UI page: try the operations with a token from ``POST /v1/auth/token``."""
    return _page(_SWAGGER, title=title, root_path=root_path)


def redoc(*, title: str, root_path: str = "") -> HTMLResponse:
    """The ReDoc page: the whole reference on one page, with the examples beside each body."""
    return _page(_REDOC, title=title, root_path=root_path)
