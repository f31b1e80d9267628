"""``/docs`` and ``/redoc`` in a real browser (Chromium): the pages render under their CSP, make
no request to another origin, log no error, and show the examples of a body.

Chromium is Debian's (``/usr/bin/chromium``, or ``AGORA_TEST_CHROMIUM``), driven by Playwright
as in the console's browser tests. Without it the test skips with the reason; in CI it fails.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from agora_platform.testing.e2e import Agora

CHROMIUM = Path(os.environ.get("AGORA_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
# Shown in the example of POST /v1/actors (services/actors/.../registry/schemas.py).
EXAMPLE_TEXT = "act_4fR9zQ2mXkL8pV3nT6yWaA"


def require_chromium() -> None:
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must check the API docs in a browser")
    pytest.skip(f"{reason}; install it to check the API docs in a browser")


@pytest.fixture(scope="module")
async def browser(agora: Agora) -> AsyncIterator[Any]:
    require_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


async def _visit(browser: Any, url: str, *, expand: str | None = None) -> tuple[str, list, list]:
    """The page's text once rendered, every URL it requested, and its console errors."""
    page = await browser.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        await page.goto(url, wait_until="networkidle", timeout=60_000)
        if expand is not None:
            await page.click(expand, timeout=30_000)
        await page.get_by_text(EXAMPLE_TEXT).first.wait_for(timeout=30_000)
        return await page.inner_text("body"), requested, errors
    finally:
        await page.close()


def _elsewhere(requested: list[str], origin: str) -> list[str]:
    """Requests to any origin but the gateway's (a ``blob:`` of the gateway's own is its own)."""
    return [
        url
        for url in requested
        if f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin
        and not url.startswith(f"blob:{origin}/")
    ]


@pytest.mark.parametrize(
    ("path", "expand"),
    [("/docs", "#operations-Actors-register_actor_v1_actors_post"), ("/redoc", None)],
)
async def test_the_docs_render_offline_with_their_examples(
    agora: Agora, browser: Any, path: str, expand: str | None
) -> None:
    text, requested, errors = await _visit(browser, agora.url + path, expand=expand)
    assert "Agora" in text
    assert EXAMPLE_TEXT in text
    assert _elsewhere(requested, agora.url) == []
    assert errors == []  # a CSP violation is a console error
    assert f"{agora.url}/openapi.json" in requested


def test_requests_elsewhere_are_told_apart() -> None:
    origin = "http://127.0.0.1:8000"
    requested = [
        f"{origin}/docs",
        f"blob:{origin}/8f68bed2",
        "https://cdn.redoc.ly/redoc/logo-mini.svg",
        "http://127.0.0.1:8001/x",
    ]
    assert _elsewhere(requested, origin) == requested[2:]
