"""HTTP endpoints of webhooks: subscribe, list, unsubscribe, read the delivery log."""

from __future__ import annotations

from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.ids import ID_PATTERN
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Path, Response

from gateway.webhooks import service
from gateway.webhooks.dependencies import (
    SubscriberPrincipal,
    WebhookSecretsDep,
    WebhookSettingsDep,
)
from gateway.webhooks.schemas import (
    DeliveryOut,
    DeliveryPage,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
    WebhookPage,
)

router = APIRouter(prefix="/v1/webhooks", tags=["Webhooks"])

WebhookId = Annotated[str, Path(pattern=ID_PATTERN, description="The webhook endpoint's id.")]
_NOT_YOURS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No endpoint of yours has this id."}
}


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    summary="Register a webhook endpoint",
    responses={
        403: {"description": "Not an agency, steward or evaluator."},
        409: {"description": "The client already has the most endpoints allowed (10)."},
        422: {
            "description": "A URL that may not be called (says why), or an event type your "
            "role may not subscribe to."
        },
    },
)
async def create_webhook(
    body: WebhookIn,
    session: DbSession,
    response: Response,
    caller: SubscriberPrincipal,
    secrets: WebhookSecretsDep,
    settings: WebhookSettingsDep,
) -> WebhookCreated:
    """Subscribe a receiver to events concerning you, delivered per the Standard Webhooks
    specification: each POST carries `webhook-id` (the same on every retry), `webhook-timestamp`
    and `webhook-signature` (verify it with the `secret`, shown only in this response), and a
    JSON body `{"type", "timestamp", "data"}` of ids and codes, never personal data. Agencies and
    stewards receive the events naming their state (`funding.overlap_detected` to both donors,
    `actors.permit_expiring` to the custodian and the issuer, `actors.duplicate_suspected` to
    both custodians); an evaluator only `evaluation.assignment_created` for its own assignments.
    Answer 2xx to acknowledge; anything else (a redirect too: none is followed) is retried with
    exponential backoff for at least 24 hours, after which the endpoint is disabled
    (`disabled_at`, `disabled_reason`). In production the URL must be `https` to public
    addresses only, checked again after DNS resolution at every delivery."""
    endpoint, secret = await service.create_webhook(
        session,
        caller=caller,
        data=body,
        secrets=secrets,
        allow_loopback=settings.loopback_allowed(),
    )
    response.headers["Location"] = f"/v1/webhooks/{endpoint.id}"
    response.headers["Cache-Control"] = "no-store"
    return WebhookCreated(**WebhookOut.of(endpoint).model_dump(), secret=secret)


@router.get("", response_model=WebhookPage, summary="List your webhook endpoints")
async def list_webhooks(
    session: DbSession, caller: SubscriberPrincipal, limit: Limit = 50, cursor: Cursor = None
) -> WebhookPage:
    """Your own endpoints, oldest first, with whether each is disabled and why (never the
    secret)."""
    page = await service.list_webhooks(session, caller=caller, cursor=cursor, limit=limit)
    return WebhookPage(items=[WebhookOut.of(e) for e in page.items], next_cursor=page.next_cursor)


@router.delete(
    "/{webhook_id}",
    status_code=204,
    summary="Delete a webhook endpoint",
    responses=_NOT_YOURS,
)
async def delete_webhook(
    webhook_id: WebhookId, session: DbSession, caller: SubscriberPrincipal
) -> Response:
    """Delete one of your endpoints and its delivery log; nothing more is sent to it."""
    await service.delete_webhook(session, caller=caller, endpoint_id=webhook_id)
    return Response(status_code=204)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=DeliveryPage,
    summary="The delivery log of a webhook endpoint",
    responses=_NOT_YOURS,
)
async def list_deliveries(
    webhook_id: WebhookId,
    session: DbSession,
    caller: SubscriberPrincipal,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryPage:
    """Every delivery to one of your endpoints, newest first: `pending` (with the next attempt),
    `delivered`, or `failed` (every retry failed, or the endpoint was disabled), with the
    number of attempts and the last status or error."""
    page = await service.list_deliveries(
        session, caller=caller, endpoint_id=webhook_id, cursor=cursor, limit=limit
    )
    return DeliveryPage(items=[DeliveryOut.of(d) for d in page.items], next_cursor=page.next_cursor)
