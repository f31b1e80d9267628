"""What anonymous callers may cost: counted refusals, and a sampled trace in the audit trail.

A refusal of a caller without a valid token (401, or 403) is counted in Prometheus by reason
(never an id or an address) and written to the audit trail only as a sample: the first few per
address and minute, at most a fixed number per minute in all. The refusals left out are counted
and written as one ``access.denied.unrecorded`` record per interval. So a flood of anonymous
requests adds a bounded number of records to the hash chain, and never queues them one by one on
the chain's head lock. Refusals of authenticated callers are all recorded, as before.
"""

from __future__ import annotations

import asyncio
import logging
import time

from agora_common.db import Database
from agora_common.metrics import REGISTRY
from prometheus_client import Counter
from starlette.types import Scope

from gateway.audit import service as audit
from gateway.auth.principal import INVALID

log = logging.getLogger("agora.gateway")

TOKEN_PATH = "/v1/auth/token"  # noqa: S105 - a path, not a secret
UNRECORDED = "access.denied.unrecorded"
SUMMARY_SECONDS = 60.0

anonymous_refusals = Counter(
    "agora_gateway_anonymous_refusals",
    "Refusals (401/403) of callers without a valid token, by reason.",
    ["reason"],
    registry=REGISTRY,
)
secret_verifications = Counter(
    "agora_gateway_secret_verifications",
    "Client secrets verified with argon2id (one per token request that reached the check).",
    registry=REGISTRY,
)
address_limited = Counter(
    "agora_gateway_address_limited",
    "Requests refused (429) by a per-address limit, by limit.",
    ["limit"],
    registry=REGISTRY,
)


def refusal_reason(scope: Scope, status: int) -> str:
    """A bounded label for why an anonymous caller was refused."""
    if scope["path"] == TOKEN_PATH:
        return "invalid_client"
    if status == 403:
        return "forbidden"
    failure = scope.get("state", {}).get("auth_failure")
    return "invalid_token" if failure == INVALID else "missing_token"


class RefusalSampler:
    """Decides which anonymous refusals become audit records; counts the others."""

    def __init__(
        self,
        *,
        per_address: int = 5,
        per_window: int = 100,
        window_seconds: float = 60.0,
        max_addresses: int = 10_000,
    ) -> None:
        self.per_address = per_address
        self.per_window = per_window
        self.window_seconds = window_seconds
        self.max_addresses = max_addresses
        self.unrecorded = 0
        self._window_started = time.monotonic()
        self._in_window = 0
        self._by_address: dict[str, int] = {}

    def admit(self, address: str) -> bool:
        """True if this refusal is to be recorded; else it is only counted."""
        now = time.monotonic()
        if now - self._window_started >= self.window_seconds:
            self._window_started, self._in_window, self._by_address = now, 0, {}
        seen = self._by_address.get(address)
        if (
            self._in_window >= self.per_window
            or (seen or 0) >= self.per_address
            or (seen is None and len(self._by_address) >= self.max_addresses)
        ):
            self.unrecorded += 1
            return False
        self._by_address[address] = (seen or 0) + 1
        self._in_window += 1
        return True

    async def flush(self, db: Database) -> int:
        """Write one record counting the refusals left out since the last; how many it counted."""
        count, self.unrecorded = self.unrecorded, 0
        if not count:
            return 0
        entry = audit.Entry.by(None, UNRECORDED, f"{count} anonymous refusals", "denied")
        try:
            async with db.transaction() as session:
                await audit.append(session, [entry])
        except BaseException:
            self.unrecorded += count  # written with the next summary
            raise
        return count

    async def run(self, db: Database, every: float = SUMMARY_SECONDS) -> None:
        """Flush every ``every`` seconds until cancelled."""
        while True:
            await asyncio.sleep(every)
            try:
                await self.flush(db)
            except Exception as exc:
                log.warning(
                    "unrecorded refusals not summarized yet",
                    extra={"error_type": type(exc).__name__},
                )


def sampled_refusal(scope: Scope, status: int) -> bool:
    """Count an anonymous refusal; True if it is also to become an audit record."""
    anonymous_refusals.labels(refusal_reason(scope, status)).inc()
    sampler: RefusalSampler | None = getattr(scope["app"].state, "refusals", None)
    if sampler is None:
        return True
    return sampler.admit(scope.get("state", {}).get("client_address", "unknown"))
