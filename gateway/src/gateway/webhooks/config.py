"""The webhook settings of the gateway (``AGORA_WEBHOOKS_*``).

Every default is the production value; tests shorten the retry schedule and ``make run`` (the
development environment) allows loopback receivers.
"""

from __future__ import annotations

from agora_common.settings import CommonSettings
from pydantic import Field

DAY_SECONDS = 24 * 3600


class WebhookSettings(CommonSettings):
    # Loopback receivers (127.0.0.0/8, ::1, plain http:// to them) are for a developer's machine:
    # unset, allowed in development and refused in production; true is refused in production.
    webhooks_allow_loopback: bool | None = None
    # Retries: the first after this many seconds, each next one 4 times later, at most
    # ``max_interval`` apart, until the waits together cover ``retry_for`` (delivery.py,
    # backoff_schedule); when the last retry fails too, the delivery has failed and its endpoint
    # is disabled. Production refuses less than 24 h.
    webhooks_retry_first_seconds: float = Field(default=5.0, gt=0)
    webhooks_retry_max_interval_seconds: float = Field(default=6 * 3600.0, gt=0)
    webhooks_retry_for_seconds: float = Field(default=float(DAY_SECONDS), gt=0)
    # At most this many requests in flight to one endpoint, across every gateway replica.
    webhooks_concurrency_per_endpoint: int = Field(default=4, ge=1, le=64)
    # Each attempt's whole request (connect, send, answer).
    webhooks_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # A claimed delivery belongs to its worker this long; a worker that died loses it after.
    webhooks_lease_seconds: float = Field(default=60.0, gt=0)
    # How often a worker looks for due deliveries when nothing woke it.
    webhooks_poll_seconds: float = Field(default=1.0, gt=0)

    def loopback_allowed(self) -> bool:
        if self.webhooks_allow_loopback is None:
            return not self.production
        return self.webhooks_allow_loopback

    def check(self) -> None:
        """Refuse settings that would break the promises of production (loud, at start-up)."""
        if not self.production:
            return
        if self.webhooks_allow_loopback:
            raise RuntimeError("AGORA_WEBHOOKS_ALLOW_LOOPBACK must not be true in production")
        if self.webhooks_retry_for_seconds < DAY_SECONDS:
            raise RuntimeError(
                "AGORA_WEBHOOKS_RETRY_FOR_SECONDS must be at least 86400 (24 h) in production"
            )
        if self.webhooks_lease_seconds <= self.webhooks_timeout_seconds:
            raise RuntimeError(
                "AGORA_WEBHOOKS_LEASE_SECONDS must exceed AGORA_WEBHOOKS_TIMEOUT_SECONDS"
            )
