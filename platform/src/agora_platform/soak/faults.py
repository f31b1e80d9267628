"""The fault schedule: what breaks, when, and when the platform was ready again.

Processes are killed with SIGKILL and brought back by the supervisor (``Platform.supervise``,
the same code as ``make run``), as Kubernetes would; NATS, the NATS cluster's nodes and the
PostgreSQL servers are restarted by the schedule itself.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from agora_platform.soak.nats import NatsCluster
from agora_platform.soak.postgres import PgServer
from agora_platform.supervisor import SERVICES, Platform

KILLED = (*SERVICES, "gateway")


@dataclass(frozen=True)
class Fault:
    kind: str  # nats_restart, process_kill, postgres_restart, nats_node_kill, ...
    target: str


@dataclass
class Window:
    """One fault: when it began, when its action ended, when ``/readyz`` was green again."""

    fault: Fault
    began: float
    acted: float
    ready: float | None

    def covers(self, moment: float, grace: float) -> bool:
        end = self.ready if self.ready is not None else float("inf")
        return self.began - 1.0 <= moment <= end + grace


@dataclass
class Plan:
    """How many faults of each kind a mode runs."""

    nats_restarts: int = 0
    kills_per_process: int = 0
    postgres_restarts: int = 0
    nats_node_kills: int = 0
    nats_node_hangs: int = 0
    failovers: int = 0
    killed: tuple[str, ...] = KILLED

    def faults(self, seed: int = 16) -> list[Fault]:
        faults = [Fault("nats_restart", "nats") for _ in range(self.nats_restarts)]
        faults += [Fault("process_kill", name) for name in self.killed] * self.kills_per_process
        faults += [Fault("postgres_restart", "postgres")] * self.postgres_restarts
        faults += [Fault("nats_node_kill", f"n{i % 3 + 1}") for i in range(self.nats_node_kills)]
        faults += [Fault("nats_node_hang", f"n{i % 3 + 1}") for i in range(self.nats_node_hangs)]
        random.Random(seed).shuffle(faults)
        # A failover happens once, in the middle of the run, with the load at full speed.
        for _ in range(self.failovers):
            faults.insert(len(faults) // 2, Fault("pg_failover", "postgres"))
        return faults


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Faults:
    """Runs a plan against a platform while the load runs; keeps the windows."""

    platform: Platform
    plan: Plan
    cluster: NatsCluster | None = None
    postgres: list[PgServer] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    log: Callable[[str], None] = print
    _supervising: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(w.fault.kind for w in self.windows))

    # -- the supervisor, as make run has it ---------------------------------------------

    def supervise_forever(self) -> None:
        while self._supervising:
            with self.lock:
                for line in self.platform.supervise():
                    self.log(f"supervisor: {line}")
            time.sleep(0.2)

    def start_supervising(self) -> threading.Thread:
        self._supervising = True
        thread = threading.Thread(target=self.supervise_forever, name="soak-supervisor")
        thread.start()
        return thread

    def stop_supervising(self) -> None:
        self._supervising = False

    # -- the schedule --------------------------------------------------------------------

    async def run(self, seconds: float) -> None:
        faults = self.plan.faults()
        if not faults:
            return
        gap = seconds / len(faults)
        start = time.monotonic()
        for n, fault in enumerate(faults):
            # In the middle of its slot: a lone fault (the failover) half-way through the run.
            await asyncio.sleep(max(0.0, start + (n + 0.5) * gap - time.monotonic()))
            began = time.monotonic()
            await asyncio.to_thread(self.inflict, fault)
            acted = time.monotonic()
            became_ready = await self.wait_ready(timeout=90)
            self.windows.append(Window(fault, began, acted, became_ready))
            took = f"{became_ready - acted:.1f} s" if became_ready else "not within 90 s"
            self.log(f"fault {n + 1}/{len(faults)} {fault.kind} {fault.target}: ready after {took}")

    async def wait_ready(self, timeout: float) -> float | None:  # noqa: ASYNC109 (a bound)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await asyncio.to_thread(ready, self.platform.gateway_url):
                return time.monotonic()
            await asyncio.sleep(0.2)
        return None

    def inflict(self, fault: Fault) -> None:
        if fault.kind == "process_kill":
            with self.lock:
                process = self.platform.processes.get(fault.target)
                if process is not None and process.poll() is None:
                    os.kill(process.pid, signal.SIGKILL)
                    process.wait()
            # The supervisor notices and starts it again after its backoff.
        elif fault.kind == "nats_restart":
            assert self.platform.nats is not None
            with self.lock:  # not restarted twice: the supervisor also watches it
                nats = self.platform.nats
                if nats.process is not None and len(self.windows) % 2:
                    nats.process.kill()  # every other restart is a crash
                    nats.process.wait()
                nats.stop()
                time.sleep(1.0)  # down for a moment, with the load going on
                nats.start()
        elif fault.kind == "postgres_restart":
            self.postgres[0].stop("fast")
            time.sleep(1.0)
            self.postgres[0].start()
        elif fault.kind in ("nats_node_kill", "nats_node_hang"):
            assert self.cluster is not None
            node = next(n for n in self.cluster.nodes if n.name == fault.target)
            if fault.kind == "nats_node_kill":
                node.kill()
                time.sleep(3.0)
                node.start()
            else:
                # Connections stay open and nothing answers: a client must notice by its pings
                # (every 5 s, 3 outstanding: agora_common.bus) and move to another node.
                node.hang()
                time.sleep(30.0)
                node.resume()
        elif fault.kind == "pg_failover":
            primary, standby = self.postgres
            primary.stop("immediate")  # the primary crashes
            standby.promote()  # the synchronous standby takes over, every commit on it
            self.postgres.reverse()
        else:
            raise ValueError(f"unknown fault {fault.kind}")
