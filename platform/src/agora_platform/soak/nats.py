"""NATS for the soak: one server, or three as one JetStream cluster, with the platform's users
plus a ``soak`` user that may read every stream's messages (to count them by event id)."""

from __future__ import annotations

import json
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import nats
from agora_common.events import CloudEvent
from agora_common.keys import load_or_create, random_secret
from agora_common.nats_access import inbox_prefix
from agora_common.nats_server import NatsServer, free_port, nats_server_binary, wait_for_port
from nats.js.errors import NotFoundError

from agora_platform.nats_users import ACCESS, dev_passwords

READER = "soak"


def reader_password(data_dir: Path) -> str:
    """The reader's password, generated once into the data directory (mode 0600)."""
    return load_or_create(data_dir / "keys" / "nats-soak-reader", random_secret).decode()


def authorization(data_dir: Path) -> str:
    """The platform's users (``nats_users.ACCESS``) and the soak's reader."""
    passwords = dev_passwords(data_dir)
    entries = [
        {"user": access.user, "password": passwords[name], "permissions": access.permissions()}
        for name, access in ACCESS.items()
    ]
    entries.append(
        {
            "user": READER,
            "password": reader_password(data_dir),
            "permissions": {
                "publish": {"allow": ["$JS.API.INFO", "$JS.API.STREAM.>"]},
                "subscribe": {"allow": [f"{inbox_prefix(READER)}.>"]},
            },
        }
    )
    return "authorization {\n  users: " + json.dumps(entries, indent=2) + "\n}\n"


def single_server(data_dir: Path) -> NatsServer:
    """One nats-server with JetStream, as ``make run`` starts it, admitting the soak's reader."""
    return NatsServer(data_dir / "nats", authorization=authorization(data_dir))


class ClusterNode:
    """One nats-server of a three-node JetStream cluster."""

    def __init__(self, name: str, directory: Path, port: int, route_port: int) -> None:
        self.name = name
        self.directory = directory
        self.port = port
        self.route_port = route_port
        self.process: subprocess.Popen[bytes] | None = None
        self.stopped = False  # SIGSTOPped: hung, its connections open

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (our own binary, fixed arguments)
            [nats_server_binary(), "-c", str(self.directory / "nats.conf")],
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "nats.log").open("ab"),
        )
        wait_for_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def hang(self) -> None:
        """SIGSTOP: the server keeps its sockets open and answers nothing (a stale connection)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)
        self.stopped = True

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)
        self.stopped = False

    def stop(self) -> None:
        if self.stopped:
            self.resume()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class NatsCluster:
    """Three nats-server processes forming one JetStream cluster (streams R3 on it)."""

    def __init__(self, data_dir: Path, size: int = 3) -> None:
        self.data_dir = data_dir
        self.nodes = [
            ClusterNode(
                f"n{i + 1}", data_dir / "nats-cluster" / f"n{i + 1}", free_port(), free_port()
            )
            for i in range(size)
        ]

    @property
    def url(self) -> str:
        """Every node's URL, comma-separated (``AGORA_NATS_URL`` of a cluster)."""
        return ",".join(node.url for node in self.nodes)

    def start(self) -> NatsCluster:
        block = authorization(self.data_dir)
        for node in self.nodes:
            node.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            routes = [f"nats://127.0.0.1:{n.route_port}" for n in self.nodes if n is not node]
            config = node.directory / "nats.conf"
            config.touch(mode=0o600)
            config.write_text(
                f"server_name: {node.name}\n"
                f"listen: 127.0.0.1:{node.port}\n"
                f'jetstream {{ store_dir: "{node.directory / "js"}" }}\n'
                f"cluster {{\n  name: agora\n  listen: 127.0.0.1:{node.route_port}\n"
                f"  routes: {json.dumps(routes)}\n}}\n" + block
            )
        for node in self.nodes:
            node.start()
        return self

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()


async def _reader(url: str, data_dir: Path) -> nats.NATS:
    return await nats.connect(
        [u for u in url.split(",") if u],
        user=READER,
        password=reader_password(data_dir),
        inbox_prefix=inbox_prefix(READER),
        connect_timeout=5,
    )


async def stream_replicas(url: str, data_dir: Path, streams: list[str]) -> dict[str, Any]:
    """Per stream: its configured replicas and the replicas the cluster reports current."""
    nc = await _reader(url, data_dir)
    facts: dict[str, Any] = {}
    try:
        for stream in streams:
            info = await nc.jetstream().stream_info(stream)
            cluster = info.cluster
            facts[stream] = {
                "replicas": info.config.num_replicas,
                "leader": cluster.leader if cluster else None,
                "followers_current": sum(1 for r in (cluster.replicas or []) if r.current)
                if cluster
                else 0,
            }
    finally:
        await nc.close()
    return facts


async def count_events(url: str, data_dir: Path, streams: list[str]) -> dict[str, Counter[str]]:
    """Per stream: how many messages carry each event id (read one by one, direct get)."""
    nc = await _reader(url, data_dir)
    js = nc.jetstream()
    counts: dict[str, Counter[str]] = {}
    try:
        for stream in streams:
            counts[stream] = Counter()
            state = (await js.stream_info(stream)).state
            for seq in range(state.first_seq, state.last_seq + 1):
                try:
                    message = await js.get_msg(stream, seq)
                except NotFoundError:
                    continue
                assert message.data is not None
                counts[stream][CloudEvent.from_json(message.data).id] += 1
    finally:
        await nc.close()
    return counts
