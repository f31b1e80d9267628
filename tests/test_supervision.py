"""Supervision (issue 16, item 4): ``make run`` restarts a process that dies, with backoff, and
says so; SIGTERM drains a service — its in-flight request finishes and its outbox is published.

Everything is real: the supervisor as ``make run`` starts it, processes killed with SIGKILL, a
request held in flight by a SQLite write lock the test takes on the service's own database.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
import nats
import pytest
from agora_common.nats_server import free_port
from agora_platform.supervisor import Restarts
from agora_platform.testing.e2e import ADMIN_ID, ADMIN_SECRET, Agora, start_platform

ORG = {
    "kind": "initiative",
    "public_name": "Drained initiative",
    "sectors": ["civil_society"],
    "host_country": "LT",
}


def test_backoff_doubles_and_resets_once_a_process_stayed_up() -> None:
    restarts = Restarts(first_delay=1.0, max_delay=8.0, stable_after=30.0)
    delays = []
    for moment in (0.0, 2.0, 5.0, 10.0, 20.0):
        delays.append(restarts.died(moment))
        restarts.started(moment + delays[-1])
    assert delays == [1.0, 2.0, 4.0, 8.0, 8.0]  # doubling, up to the ceiling
    restarts.running(28.0 + 10.0)  # up for 10 s: not yet stable
    assert restarts.died(38.0) == 8.0
    restarts.started(46.0)
    restarts.running(46.0)
    restarts.running(76.0)  # up for 30 s: stable
    assert restarts.died(80.0) == 1.0
    assert restarts.count == 6


def _lines(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines() if log.exists() else []


def _wait_for(log: Path, pattern: str, timeout: float = 90) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in _lines(log):
            if found := re.search(pattern, line):
                return found
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} not in the supervisor's output:\n" + "\n".join(_lines(log)))


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except OSError:
        return False


def _wait_ready(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not _ready(url):
        assert time.monotonic() < deadline, "the platform did not become ready"
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_run_restarts_a_killed_service_and_stops_everything_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    log = tmp_path / "supervisor.log"
    env = {
        **os.environ,
        "AGORA_DATA_DIR": str(tmp_path / "data"),
        "AGORA_GATEWAY_PORT": str(port),
        "AGORA_ADMIN_CLIENT_ID": ADMIN_ID,
        "AGORA_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("wb") as out:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "agora_platform"], env=env, stdout=out, stderr=out
        )
    try:
        url = f"http://127.0.0.1:{port}"
        first = int(_wait_for(log, r"^actors started \(pid (\d+)\)").group(1))
        _wait_ready(url)

        os.kill(first, signal.SIGKILL)
        _wait_for(log, r"^actors exited with -9; restarting in 1\.0 s$")
        _wait_for(log, r"^actors restarted \(restart 1\)$")
        again = [
            int(m) for m in re.findall(r"^actors started \(pid (\d+)\)", log.read_text(), re.M)
        ]
        assert len(again) == 2, log.read_text()
        assert again[1] != first
        _wait_ready(url)  # back, without anyone restarting it by hand

        children = [int(p) for p in re.findall(r"started \(pid (\d+)\)", log.read_text())]
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=60) == 0
        assert not [pid for pid in children if pid != first and _alive(pid)]
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()


@pytest.fixture
def platform(tmp_path: Path):  # type: ignore[no-untyped-def]
    running = start_platform(tmp_path / "platform")
    yield running
    running.stop()


async def test_sigterm_lets_the_request_in_flight_finish_and_drains_the_outbox(platform) -> None:  # type: ignore[no-untyped-def]
    agora = Agora(platform)
    await agora.start()
    agency = await agora.client("agency", "DE")
    database = platform.database_url("actors").removeprefix("sqlite+aiosqlite:///")
    actors = platform.processes["actors"]

    # The test holds the write lock of the actors database: a registration waits for it
    # (busy_timeout, 10 s) inside the service, in flight.
    lock = sqlite3.connect(database, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        registering = asyncio.create_task(agency.post("/v1/actors", json=ORG))
        await asyncio.sleep(1.5)
        assert not registering.done()
        actors.send_signal(signal.SIGTERM)
        await asyncio.sleep(1.5)
        assert actors.poll() is None, "the service exited with a request in flight"
    finally:
        lock.execute("COMMIT")
        lock.close()

    response: httpx.Response = await registering
    assert response.status_code == 201, response.text
    # uvicorn raises the signal again once it has shut down gracefully (its exit status says
    # SIGTERM); what shows the drain is the answer above and the outbox below.
    assert await asyncio.to_thread(actors.wait, 30) in (0, -signal.SIGTERM)

    with sqlite3.connect(database) as db:
        [(rows, unpublished)] = db.execute(
            "SELECT count(*), count(*) - count(published_at) FROM outbox"
        ).fetchall()
    assert rows >= 1
    assert unpublished == 0, "the relay stopped before publishing what was committed"
    nc = await nats.connect(platform.nats_url, **platform.nats_credentials("monitor"))  # type: ignore[arg-type]
    try:
        stream = await nc.jetstream().stream_info("ACTORS")
    finally:
        await nc.close()
    assert stream.state.messages == rows
    await agora.close()
