"""End-to-end fixtures: the whole platform as real processes, called over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from agora_platform.testing.e2e import Agora, Platform, start_platform
from agora_platform.testing.events import asyncapi_document, invalid_events, published_events


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """The whole platform on SQLite with its own nats-server, for the test session."""
    running = start_platform(tmp_path_factory.mktemp("platform"))
    yield running
    try:  # every event the session's tests caused fits its message in /asyncapi.json
        assert invalid_events(asyncapi_document(running), published_events(running)) == []
    finally:
        running.stop()


@pytest.fixture(scope="session")
async def agora(platform: Platform) -> AsyncIterator[Agora]:
    outside = Agora(platform)
    await outside.start()
    yield outside
    await outside.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the shared platform run on one xdist worker, so one platform serves them all."""
    for item in items:
        if {"agora", "platform"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("platform"))
