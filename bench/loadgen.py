"""Load generators, each run in a process of its own.

Two shapes:
- closed loop: ``concurrency`` workers, each sending its next request when the last one returned
  (throughput at a fixed concurrency);
- open loop: requests scheduled at a fixed ``rate``; a request's latency counts from the moment it
  was *scheduled*, so a server that falls behind is charged for the queue it builds (no
  coordinated omission).
"""

from __future__ import annotations

import asyncio
import itertools
import math
import pickle
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.rawhttp import Connection, build_request


@dataclass(frozen=True)
class Target:
    """One request the generator sends (cycled through, or each once when ``unique``)."""

    method: str
    path: str
    body: bytes = b""


@dataclass(frozen=True)
class Auth:
    """How requests prove who sends them: a gateway bearer token, or a signed internal identity."""

    bearer: str | None = None
    identity_key_pem: bytes | None = None
    client_id: str = "bench"
    role: str = "agency"
    state: str | None = None


@dataclass(frozen=True)
class LoadSpec:
    host: str
    port: int
    targets: list[Target]
    auth: Auth | None = None
    concurrency: int = 16
    duration: float = 5.0
    warmup: float = 0.5
    rate: float | None = None  # requests per second: open loop; None: closed loop
    max_requests: int | None = None
    unique: bool = False  # send each target at most once


@dataclass
class LoadResult:
    sent: int = 0
    ok: int = 0
    failed: int = 0  # transport errors
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0  # of the measured window
    latencies: list[float] = field(default_factory=list)  # seconds, measured window only
    behind: float = 0.0  # open loop: how far the generator itself fell behind schedule (s)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed > 0 else 0.0


class _Requests:
    """Raw request bytes per target; requests with an internal identity are signed one by one."""

    def __init__(self, spec: LoadSpec) -> None:
        self.spec = spec
        self._signer = None
        self._cache: dict[int, tuple[float, bytes]] = {}
        if spec.auth and spec.auth.identity_key_pem:
            from agora_common.identity import IdentitySigner

            self._signer = IdentitySigner(spec.auth.identity_key_pem)

    def raw(self, index: int) -> bytes:
        now = time.monotonic()
        cached = self._cache.get(index)
        if cached:
            return cached[1]
        target = self.spec.targets[index]
        headers = {"accept": "application/json"}
        if target.body:
            headers["content-type"] = "application/json"
        auth = self.spec.auth
        if auth and auth.bearer:
            headers["authorization"] = f"Bearer {auth.bearer}"
        if auth and self._signer is not None:
            from agora_common.identity import IDENTITY_HEADER

            path, _, query = target.path.partition("?")
            headers[IDENTITY_HEADER] = self._signer.sign(
                client_id=auth.client_id,
                role=auth.role,
                state=auth.state,
                request_id=str(uuid.uuid4()),
                method=target.method,
                path=path,
                query=query,
                body=target.body,
            )
        raw = build_request(
            target.method,
            self.spec.host,
            self.spec.port,
            target.path,
            headers=headers,
            body=target.body,
        )
        # A signed identity is good for one request only (services refuse a replay): sign each.
        if not self.spec.unique and self._signer is None:
            self._cache[index] = (now, raw)
        return raw


async def _run(spec: LoadSpec) -> LoadResult:
    result = LoadResult()
    requests = _Requests(spec)
    connections = [Connection(spec.host, spec.port) for _ in range(spec.concurrency)]
    await asyncio.gather(*(c.connect() for c in connections))
    counter = itertools.count()
    limit = spec.max_requests
    if spec.unique:
        limit = min(limit or len(spec.targets), len(spec.targets))
    start = time.perf_counter()
    measure_from = start + spec.warmup
    end = measure_from + spec.duration
    first_done: list[float] = []
    last_done: list[float] = []

    def next_index() -> int | None:
        i = next(counter)
        if limit is not None and i >= limit:
            return None
        return i

    async def one(connection: Connection, i: int, scheduled: float) -> None:
        raw = requests.raw(i % len(spec.targets))
        result.sent += 1
        try:
            reply = await connection.send(raw)
        except (OSError, asyncio.IncompleteReadError, Exception):
            result.failed += 1
            return
        done = time.perf_counter()
        result.statuses[reply.status] = result.statuses.get(reply.status, 0) + 1
        if 200 <= reply.status < 300:
            result.ok += 1
        if scheduled >= measure_from:
            if not first_done:
                first_done.append(scheduled)
            result.latencies.append(done - scheduled)
            last_done[:] = [done]

    async def closed_worker(connection: Connection) -> None:
        try:
            while (now := time.perf_counter()) < end:
                i = next_index()
                if i is None:
                    return
                await one(connection, i, now)
        finally:
            connection.close()

    async def open_worker(connection: Connection) -> None:
        assert spec.rate
        try:
            while True:
                i = next_index()
                if i is None:
                    return
                scheduled = start + i / spec.rate
                if scheduled >= end:
                    return
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                else:
                    result.behind = max(result.behind, -delay)
                await one(connection, i, scheduled)
        finally:
            connection.close()

    worker = open_worker if spec.rate else closed_worker
    await asyncio.gather(*(worker(connection) for connection in connections))
    if first_done and last_done:
        result.elapsed = max(last_done[0] - first_done[0], 1e-9)
    return result


def run_load(spec: LoadSpec) -> LoadResult:
    """Run one load in this process (on uvloop)."""
    try:
        import uvloop

        return uvloop.run(_run(spec))
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        return asyncio.run(_run(spec))


def run_in_process(spec: LoadSpec) -> LoadResult:
    """Run one load in a fresh interpreter of its own, so that it does not share the bench's CPU.

    The child starts in the directory that holds ``bench`` (so it imports it as ``python -m bench``
    does); the spec goes in on stdin and the result comes back on stdout, pickled: both ends are
    this module.
    """
    done = subprocess.run(
        [sys.executable, "-c", "from bench.loadgen import _child; _child()"],
        input=pickle.dumps(spec),
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed:\n{done.stderr.decode(errors='replace')}")
    result: LoadResult = pickle.loads(done.stdout)  # noqa: S301 (written by _child below)
    return result


def _child() -> None:
    """The load generator's process: a pickled ``LoadSpec`` on stdin, its ``LoadResult`` out."""
    spec = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 (written by run_in_process)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever the load prints must not end up in the result
    out.write(pickle.dumps(run_load(spec)))
    out.flush()


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0–100) of ``values``; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]
