"""The local nats-server for tests: the mechanism lives in :mod:`agora_common.nats_server`."""

from agora_common.nats_server import NatsServer, free_port, nats_server_binary, wait_for_port

__all__ = ["NatsServer", "free_port", "nats_server_binary", "wait_for_port"]
