"""End-to-end fixtures: the whole platform as real processes, called over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from agora_platform.testing.e2e import Agora, Platform, start_platform


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """The whole platform on SQLite with its own nats-server, for the test session."""
    running = start_platform(tmp_path_factory.mktemp("platform"))
    yield running
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
