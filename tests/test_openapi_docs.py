"""``/docs`` and ``/redoc`` through the running gateway: no third-party host, a CSP, assets load.

The pages must work on a network that cannot reach a CDN: every script, stylesheet and icon the
HTML references is fetched through the gateway (200, non-empty), and the HTML names no host at
all (only paths of the gateway itself). The services' own ``/docs`` stay off: they listen on
internal ports, and the gateway's merged document is the one reference.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest
from agora_platform.testing.e2e import Agora

PAGES = ("/docs", "/redoc")
# An absolute or scheme-relative URL anywhere in the page: any host at all, even our own.
_ANY_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^\s\"'<>/]+", re.IGNORECASE)


class _References(HTMLParser):
    """Every URL the page makes a browser fetch: script src, link href, img src, spec-url."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src", "redoc": "spec-url"}.get(tag)
        for name, value in attrs:
            if value and (name == wanted or name == "data-openapi-url"):
                self.urls.append(value)


def references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


def test_the_reference_parser_sees_every_kind_of_reference() -> None:
    html = (
        '<link rel="stylesheet" href="/a.css"><script src="https://cdn.example/x.js"></script>'
        '<div data-openapi-url="/openapi.json"></div><redoc spec-url="/o.json"></redoc>'
    )
    assert references(html) == ["/a.css", "https://cdn.example/x.js", "/openapi.json", "/o.json"]
    assert _ANY_HOST.findall(html) == ["https://cdn.example"]


@pytest.mark.parametrize("page", PAGES)
async def test_the_docs_pages_name_no_other_host_and_their_assets_load(
    agora: Agora, page: str
) -> None:
    async with httpx.AsyncClient(base_url=agora.url, timeout=30) as anonymous:
        response = await anonymous.get(page)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        assert _ANY_HOST.findall(html) == [], "the page names a host"
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self';" in policy  # no host, no inline script, no eval
        assert "frame-ancestors 'none'" in policy
        assert "<script>" not in html, "an inline script (the CSP would block it)"

        urls = references(html)
        assert [u for u in urls if u.endswith(".js")], urls
        assert "/openapi.json" in urls, urls
        for url in urls:
            assert url.startswith("/"), url
            asset = await anonymous.get(url)
            assert asset.status_code == 200, url
            assert asset.content, url
            if url.endswith(".js"):
                assert "javascript" in asset.headers["content-type"], url
                assert "cdn.redoc.ly" not in asset.text, url  # ReDoc's logo (see pages.py)
            if url.endswith(".css"):
                assert asset.headers["content-type"].startswith("text/css"), url
        document = (await anonymous.get("/openapi.json")).json()
        assert document["openapi"].startswith("3.1")


async def test_a_missing_asset_is_a_404_not_a_500(agora: Agora) -> None:
    async with httpx.AsyncClient(base_url=agora.url, timeout=30) as anonymous:
        for url in ("/docs/assets/nothing.js", "/docs/assets/../pages.py", "/docs/assets/"):
            assert (await anonymous.get(url)).status_code == 404, url


async def test_the_services_serve_no_docs_of_their_own(agora: Agora) -> None:
    ports = agora.platform.service_ports
    assert set(ports) >= {"actors", "funding", "evaluation"}
    async with httpx.AsyncClient(timeout=30) as http:
        for port in ports.values():
            for page in PAGES:
                response = await http.get(f"http://127.0.0.1:{port}{page}")
                assert response.status_code == 404, (port, page)
