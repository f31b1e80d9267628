from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_created import WebhookCreated
from ...models.webhook_in import WebhookIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookCreated | None:
    if response.status_code == 201:
        response_201 = WebhookCreated.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookCreated]:
    """Register a webhook endpoint

     Subscribe a receiver to events concerning you, delivered per the Standard Webhooks
    specification: each POST carries `webhook-id` (the same on every retry), `webhook-timestamp`
    and `webhook-signature` (verify it with the `secret`, shown only in this response), and a
    JSON body `{"type", "timestamp", "data"}` of ids and codes, never personal data. Agencies and
    stewards receive the events naming their state (`funding.overlap_detected` to both donors,
    `actors.permit_expiring` to the custodian and the issuer, `actors.duplicate_suspected` to
    both custodians); an evaluator only `evaluation.assignment_created` for its own assignments.
    Answer 2xx to acknowledge; anything else (a redirect too: none is followed) is retried with
    exponential backoff for at least 24 hours, after which the endpoint is disabled
    (`disabled_at`, `disabled_reason`). In production the URL must be `https` to public
    addresses only, checked again after DNS resolution at every delivery.

    Args:
        idempotency_key (str | Unset):
        body (WebhookIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookCreated | None:
    """Register a webhook endpoint

     Subscribe a receiver to events concerning you, delivered per the Standard Webhooks
    specification: each POST carries `webhook-id` (the same on every retry), `webhook-timestamp`
    and `webhook-signature` (verify it with the `secret`, shown only in this response), and a
    JSON body `{"type", "timestamp", "data"}` of ids and codes, never personal data. Agencies and
    stewards receive the events naming their state (`funding.overlap_detected` to both donors,
    `actors.permit_expiring` to the custodian and the issuer, `actors.duplicate_suspected` to
    both custodians); an evaluator only `evaluation.assignment_created` for its own assignments.
    Answer 2xx to acknowledge; anything else (a redirect too: none is followed) is retried with
    exponential backoff for at least 24 hours, after which the endpoint is disabled
    (`disabled_at`, `disabled_reason`). In production the URL must be `https` to public
    addresses only, checked again after DNS resolution at every delivery.

    Args:
        idempotency_key (str | Unset):
        body (WebhookIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookCreated]:
    """Register a webhook endpoint

     Subscribe a receiver to events concerning you, delivered per the Standard Webhooks
    specification: each POST carries `webhook-id` (the same on every retry), `webhook-timestamp`
    and `webhook-signature` (verify it with the `secret`, shown only in this response), and a
    JSON body `{"type", "timestamp", "data"}` of ids and codes, never personal data. Agencies and
    stewards receive the events naming their state (`funding.overlap_detected` to both donors,
    `actors.permit_expiring` to the custodian and the issuer, `actors.duplicate_suspected` to
    both custodians); an evaluator only `evaluation.assignment_created` for its own assignments.
    Answer 2xx to acknowledge; anything else (a redirect too: none is followed) is retried with
    exponential backoff for at least 24 hours, after which the endpoint is disabled
    (`disabled_at`, `disabled_reason`). In production the URL must be `https` to public
    addresses only, checked again after DNS resolution at every delivery.

    Args:
        idempotency_key (str | Unset):
        body (WebhookIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookCreated | None:
    """Register a webhook endpoint

     Subscribe a receiver to events concerning you, delivered per the Standard Webhooks
    specification: each POST carries `webhook-id` (the same on every retry), `webhook-timestamp`
    and `webhook-signature` (verify it with the `secret`, shown only in this response), and a
    JSON body `{"type", "timestamp", "data"}` of ids and codes, never personal data. Agencies and
    stewards receive the events naming their state (`funding.overlap_detected` to both donors,
    `actors.permit_expiring` to the custodian and the issuer, `actors.duplicate_suspected` to
    both custodians); an evaluator only `evaluation.assignment_created` for its own assignments.
    Answer 2xx to acknowledge; anything else (a redirect too: none is followed) is retried with
    exponential backoff for at least 24 hours, after which the endpoint is disabled
    (`disabled_at`, `disabled_reason`). In production the URL must be `https` to public
    addresses only, checked again after DNS resolution at every delivery.

    Args:
        idempotency_key (str | Unset):
        body (WebhookIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
