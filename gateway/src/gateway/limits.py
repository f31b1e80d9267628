"""Per-client rate limit: a token bucket per client, refilled continuously."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Allows ``per_minute`` requests per client, in bursts up to the same number.

    Kept in this process: with several gateway replicas behind a balancer a client gets up to
    ``replicas × per_minute``, which still bounds it (the limit protects, it does not bill).
    """

    def __init__(self, per_minute: int, *, max_clients: int = 100_000) -> None:
        self.capacity = float(max(per_minute, 1))
        self.rate = self.capacity / 60.0
        self.max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}

    def check(self, client_id: str) -> int | None:
        """None when the request may pass, else the seconds to wait before the next one."""
        now = time.monotonic()
        bucket = self._buckets.get(client_id)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._forget_full(now)
            bucket = self._buckets[client_id] = _Bucket(self.capacity, now)
        else:
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - bucket.tokens) / self.rate))

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled completely carries no information.
        self._buckets = {
            cid: b
            for cid, b in self._buckets.items()
            if b.tokens + (now - b.updated) * self.rate < self.capacity
        }
