"""Start the whole platform on one machine: NATS (unless given), the three services, the gateway
and the web console (reached through the gateway at ``/console/``).

``make run`` supervises them: a process that dies is restarted after a delay that doubles with
each death (1 s to 60 s, back to 1 s once it stayed up 30 s), and each death and restart is
printed. SIGTERM or Ctrl-C stops every process with SIGTERM: each finishes its in-flight
requests, publishes its outbox and lets its consumers end their batch (``agora_common.app``).

Used by ``make run`` (``python -m agora_platform``), the end-to-end tests and the benchmark.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

from agora_common.keys import dev_identity_private_key
from agora_common.migrations import upgrade
from agora_common.nats_access import inbox_prefix
from agora_common.nats_server import NatsServer, free_port, wait_for_port

from agora_platform.nats_users import ACCESS, dev_authorization, dev_passwords


def project_dir(package: str) -> Path:
    """The workspace member that holds ``package`` (``<member>/src/<package>``): its
    ``alembic.ini`` and ``migrations/`` sit there, beside ``src/``."""
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"{package} is not installed: run make install")
    return Path(spec.origin).resolve().parents[2]


SERVICES = {
    "actors": ("actors.main:create_app", project_dir("actors")),
    "funding": ("funding.main:create_app", project_dir("funding")),
    "evaluation": ("evaluation.main:create_app", project_dir("evaluation")),
}
GATEWAY_DIR = project_dir("gateway")
CONSOLE_FACTORY = "agora_console.main:create_app"
# Where the console's calls to the gateway come from: the gateway believes its X-Forwarded-For
# (the person's address, for the per-address limit on sign-ins). Every process here is on
# loopback, so any local caller is believed too: one machine, one user (docs/console.md).
CONSOLE_ADDRESS = "127.0.0.1/32"


def uvicorn_command(factory: str, port: int) -> list[str]:
    """How every process of the platform is started (one uvicorn worker each)."""
    return [
        sys.executable, "-m", "uvicorn", factory, "--factory",
        "--host", "127.0.0.1", "--port", str(port),
        "--no-access-log", "--log-level", "warning",
        # Longer than the gateway's pooled connections live (httpx: 5 s): at uvicorn's own 5 s
        # a service could close a connection just as the gateway reuses it (a spurious 502).
        "--timeout-keep-alive", "30",
        # The gateway decides itself whom to believe about X-Forwarded-For (trusted proxies).
        "--no-proxy-headers",
    ]  # fmt: skip


@contextmanager
def private_files() -> Iterator[None]:
    """Files created meanwhile (the SQLite databases the migrations make) are 0600."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


@dataclass
class Restarts:
    """One process's restarts: the delay doubles with each death (1 s up to a minute) and falls
    back to 1 s once the process has stayed up ``stable_after`` seconds."""

    first_delay: float = 1.0
    max_delay: float = 60.0
    stable_after: float = 30.0
    delay: float = 0.0
    count: int = 0
    due: float | None = None
    up_since: float | None = None

    def running(self, now: float) -> None:
        if self.up_since is None:
            self.up_since = now
        if now - self.up_since >= self.stable_after:
            self.delay = 0.0  # it stayed up: the next death is restarted quickly again

    def died(self, now: float) -> float:
        """The process was found dead: when to restart it (seconds from now)."""
        self.delay = min(self.max_delay, self.delay * 2) if self.delay else self.first_delay
        self.due = now + self.delay
        self.up_since = None
        return self.delay

    def started(self, now: float) -> None:
        self.count += 1
        self.due = None
        self.up_since = now


@dataclass
class Platform:
    data_dir: Path
    gateway_port: int = 8000
    service_ports: dict[str, int] = field(default_factory=dict)
    console_port: int = 0
    env: dict[str, str] = field(default_factory=dict)
    nats: NatsServer | None = None
    nats_url: str | None = None
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    log_dir: Path | None = None
    quiet: bool = False
    # True when the NATS at ``nats_url`` (started by the caller, e.g. a cluster) admits the
    # development users of ``data_dir`` (``dev_authorization``): processes get their credentials.
    nats_dev_users: bool = False
    restarts: dict[str, Restarts] = field(default_factory=dict)
    ready_timeout: float = 60.0  # for the whole platform to answer /readyz at start

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    @property
    def console_url(self) -> str:
        """The console as people reach it: through the gateway."""
        return f"{self.gateway_url}/console/"

    def setting(self, name: str) -> str:
        return self.env.get(name) or os.environ.get(name) or ""

    def database_url(self, name: str) -> str:
        configured = self.env.get(f"AGORA_{name.upper()}_DATABASE_URL") or os.environ.get(
            f"AGORA_{name.upper()}_DATABASE_URL"
        )
        return configured or f"sqlite+aiosqlite:///{(self.data_dir / f'{name}.db').resolve()}"

    def nats_credentials(self, user: str) -> dict[str, str]:
        """``user``/``password`` for nats-py's ``connect`` on the NATS this platform started
        (with its per-service users); nothing for a NATS given by ``AGORA_NATS_URL``."""
        if self.nats is None and not self.nats_dev_users:
            return {}
        return {
            "user": user,
            "password": dev_passwords(self.data_dir)[user],
            "inbox_prefix": inbox_prefix(user),
        }

    def child_env(self, name: str | None = None) -> dict[str, str]:
        env = {**os.environ, **self.env}
        credentials = self.nats_credentials(name) if name in ACCESS else {}
        if credentials:
            env["AGORA_NATS_USER"] = credentials["user"]
            env["AGORA_NATS_PASSWORD"] = credentials["password"]
        env["AGORA_DATA_DIR"] = str(self.data_dir.resolve())
        env["AGORA_NATS_URL"] = self.nats_url or ""
        for name in SERVICES:
            env[f"AGORA_{name.upper()}_URL"] = f"http://127.0.0.1:{self.service_ports[name]}"
            env[f"AGORA_{name.upper()}_DATABASE_URL"] = self.database_url(name)
        env["AGORA_GATEWAY_DATABASE_URL"] = self.database_url("gateway")
        env["AGORA_CONSOLE_URL"] = f"http://127.0.0.1:{self.console_port}"
        env["AGORA_CONSOLE_GATEWAY_URL"] = self.gateway_url
        configured = self.setting("AGORA_GATEWAY_TRUSTED_PROXIES")
        env["AGORA_GATEWAY_TRUSTED_PROXIES"] = ",".join(filter(None, [configured, CONSOLE_ADDRESS]))
        return env

    def start(self) -> Platform:
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)  # databases, keys and NATS data: this user's only
        dev_identity_private_key(self.data_dir)  # before any service reads its public half
        self.nats_url = (
            self.nats_url or self.env.get("AGORA_NATS_URL") or os.environ.get("AGORA_NATS_URL")
        )
        if not self.nats_url:
            self.nats = NatsServer(
                self.data_dir / "nats", authorization=dev_authorization(self.data_dir)
            ).start()
            self.nats_url = self.nats.url
        for name in SERVICES:
            self.service_ports.setdefault(name, free_port())
        self.console_port = self.console_port or free_port()
        for name, (_, directory) in SERVICES.items():
            with private_files():
                upgrade(directory, self.database_url(name))
        with private_files():
            upgrade(GATEWAY_DIR, self.database_url("gateway"))
        for name, (factory, _) in SERVICES.items():
            self.start_process(name, factory, self.service_ports[name], wait=False)
        self.start_process("gateway", "gateway.main:create_app", self.gateway_port, wait=False)
        self.start_process("console", CONSOLE_FACTORY, self.console_port, wait=False)
        self.wait_ready(self.ready_timeout)
        wait_for_port(self.console_port, timeout=30)
        return self

    def start_process(self, name: str, factory: str, port: int, *, wait: bool = True) -> None:
        out = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = (self.log_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
            uvicorn_command(factory, port),
            env=self.child_env(name),
            umask=0o077,  # the files a process creates (SQLite databases, keys) are 0600
            stdout=out,
            stderr=out,
        )
        if wait:
            wait_for_port(port, timeout=30)

    def stop_process(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def restart_process(self, name: str, sig: int = signal.SIGTERM, *, wait: bool = True) -> None:
        self.stop_process(name, sig)
        if name == "gateway":
            self.start_process(name, "gateway.main:create_app", self.gateway_port, wait=wait)
        elif name == "console":
            self.start_process(name, CONSOLE_FACTORY, self.console_port, wait=wait)
        else:
            self.start_process(name, SERVICES[name][0], self.service_ports[name], wait=wait)

    def supervise(self, now: float | None = None) -> list[str]:
        """Restart every process (and the embedded nats-server) that died, each after its
        backoff; called in a loop by ``make run``. Returns what it did, one line per event."""
        now = time.monotonic() if now is None else now
        said = []
        children: dict[str, subprocess.Popen[bytes] | None] = dict(self.processes)
        if self.nats is not None:
            children["nats"] = self.nats.process
        for name, pending in self.restarts.items():  # one whose restart failed has no process
            if pending.due is not None:
                children.setdefault(name, None)
        for name, process in children.items():
            restarts = self.restarts.setdefault(name, Restarts())
            if process is not None and process.poll() is None:
                restarts.running(now)
                continue
            if restarts.due is None:
                code = process.returncode if process is not None else None
                delay = restarts.died(now)
                said.append(f"{name} exited with {code}; restarting in {delay:.1f} s")
            elif now >= restarts.due:
                restarts.started(now)
                try:
                    if name == "nats":
                        assert self.nats is not None
                        self.nats.process = None
                        self.nats.start()
                    else:
                        self.restart_process(name, wait=False)
                except (OSError, TimeoutError) as exc:
                    delay = restarts.died(now)
                    said.append(f"{name} did not start ({exc}); trying again in {delay:.1f} s")
                    continue
                said.append(f"{name} restarted (restart {restarts.count})")
        return said

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.gateway_url}/readyz", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        return
            except urllib.error.HTTPError as exc:
                last = exc.read().decode(errors="replace")
            except OSError as exc:
                last = str(exc)
            time.sleep(0.1)
        raise TimeoutError(f"the platform did not become ready: {last}")

    def stop(self) -> None:
        for name in ["console", "gateway", *SERVICES]:
            self.stop_process(name)
        if self.nats:
            self.nats.stop()


def main() -> None:
    data_dir = Path(os.environ.get("AGORA_DATA_DIR", "var"))
    port = int(os.environ.get("AGORA_GATEWAY_PORT", "8000"))
    platform = Platform(data_dir=data_dir, gateway_port=port, log_dir=None)
    stop = False

    def _interrupt(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        platform.start()
        print(
            f"\nAgora is running.\n  gateway: {platform.gateway_url}\n  docs:    {platform.gateway_url}/docs"
        )
        print(f"  console: {platform.console_url}")
        print(f"  NATS:    {platform.nats_url}\n  data:    {data_dir.resolve()}")
        if not platform.env.get("AGORA_ADMIN_CLIENT_ID") and not os.environ.get(
            "AGORA_ADMIN_CLIENT_ID"
        ):
            print(f"  admin:   {(data_dir / 'admin-credentials.json').resolve()}")
        print('  first day (admins, a steward, an agency): README.md, "First day"')
        print("\nPress Ctrl-C to stop.", flush=True)
        for name, process in platform.processes.items():
            print(f"{name} started (pid {process.pid})", flush=True)
        while not stop:
            # A process that dies is started again, as Kubernetes or compose would do.
            for line in platform.supervise():
                print(line, file=sys.stderr, flush=True)
                if " restarted " in line and (name := line.split()[0]) in platform.processes:
                    print(f"{name} started (pid {platform.processes[name].pid})", flush=True)
            time.sleep(0.2)
    finally:
        print("Stopping…", flush=True)
        platform.stop()
