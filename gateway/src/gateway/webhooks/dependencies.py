"""The dependencies of webhooks, declared once."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state

from gateway.auth.principal import Principal, require_role
from gateway.webhooks.catalogue import SUBSCRIBER_ROLES
from gateway.webhooks.config import WebhookSettings
from gateway.webhooks.sealing import WebhookSecrets

SubscriberPrincipal = Annotated[Principal, require_role(*sorted(SUBSCRIBER_ROLES))]
"""An agency, a steward or an evaluator."""
WebhookSettingsDep = Annotated[WebhookSettings, from_app_state("webhook_settings")]
WebhookSecretsDep = Annotated[WebhookSecrets, from_app_state("webhook_secrets")]
