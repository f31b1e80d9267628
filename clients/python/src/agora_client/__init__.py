"""Agora's Python client and the `agora` command line.

``AgoraClient`` (tokens, Idempotency-Key, retries, paging) over the typed operations and models
that openapi-python-client generates into ``agora_client._generated`` (``make client``).
"""

from agora_client.client import AgoraClient, collect
from agora_client.errors import AgoraError, ProblemError
from agora_client.transport import RetryPolicy

__all__ = ["AgoraClient", "AgoraError", "ProblemError", "RetryPolicy", "collect"]
