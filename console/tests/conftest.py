"""The console's browser tests: one platform (the e2e harness), one console process and one
Chromium for the whole session.

Chromium is Debian's (``/usr/bin/chromium``; ``.ci/run`` installs it): Playwright's own browser
download cannot work here. Without it the browser tests skip, saying so; with ``CI=true`` they
fail instead, as the PostgreSQL tests do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from agora_common.nats_server import free_port
from agora_platform.testing.e2e import Agora, Platform, start_platform

CHROMIUM = Path(os.environ.get("AGORA_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "console"


def require_chromium() -> None:
    """Skip with the reason on a machine without Chromium; fail in CI."""
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the console's browser tests")
    pytest.skip(f"{reason}; install it to run the console's browser tests")


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    require_chromium()
    running = start_platform(tmp_path_factory.mktemp("console-platform"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
async def agora(platform: Platform) -> AsyncIterator[Agora]:
    outside = Agora(platform)
    await outside.start()
    yield outside
    await outside.close()


@dataclass
class Console:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="session")
def console(platform: Platform, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """``python -m agora_console`` pointing at the platform's gateway."""
    fresh_screenshot_dir()
    port = free_port()
    log = tmp_path_factory.mktemp("console") / "console.log"
    env = {
        **os.environ,
        "AGORA_CONSOLE_GATEWAY_URL": platform.gateway_url,
        "AGORA_CONSOLE_HOST": "127.0.0.1",
        "AGORA_CONSOLE_PORT": str(port),
        "AGORA_ENV": "development",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "agora_console"], env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}/console/"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "login", timeout=2):  # noqa: S310
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"the console did not start: {log.read_text()[-2000:]}"
                ) from None
            time.sleep(0.2)
    yield Console(url, process, log)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass
class Traffic:
    """Every request the pages made, and every document response's headers."""

    requests: list[str] = field(default_factory=list)
    documents: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@pytest.fixture(scope="session")
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture(scope="session")
async def browser(platform: Platform) -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


def screenshots_wanted() -> bool:
    return os.environ.get("AGORA_CONSOLE_SCREENSHOTS") == "1"


def fresh_screenshot_dir() -> None:
    """Old screenshots go, so a page that is gone leaves no picture behind."""
    if screenshots_wanted():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink(missing_ok=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests share one platform, console and browser: one xdist worker runs them."""
    for item in items:
        if {"agora", "platform", "console", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("console"))
