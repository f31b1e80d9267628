from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.permit_change import PermitChange
from ...models.permit_out import PermitOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    actor_id: str,
    permit_id: str,
    *,
    body: PermitChange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/actors/{actor_id}/permits/{permit_id}".format(
            actor_id=quote(str(actor_id), safe=""),
            permit_id=quote(str(permit_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PermitOut | Problem | None:
    if response.status_code == 200:
        response_200 = PermitOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[PermitOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    actor_id: str,
    permit_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PermitChange,
) -> Response[PermitOut | Problem]:
    """Renew or revoke a permit

     The issuing state renews a permit (`{"valid_until"}` later than its current end) or ends
    it (`{"status": "revoked"}`); anything else → 422. The custodian and grantees get 403, other
    states 404. Repeating the same change answers the permit unchanged. Publishes
    `permit_renewed` or `permit_revoked`; a renewed permit's expiry notices start again from
    its new end.

    Args:
        actor_id (str): The actor's opaque id.
        permit_id (str): The permit's opaque id.
        body (PermitChange): Exactly one of: a later `valid_until` (renewal), or `status:
            "revoked"` (ended).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PermitOut | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        permit_id=permit_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    actor_id: str,
    permit_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PermitChange,
) -> PermitOut | Problem | None:
    """Renew or revoke a permit

     The issuing state renews a permit (`{"valid_until"}` later than its current end) or ends
    it (`{"status": "revoked"}`); anything else → 422. The custodian and grantees get 403, other
    states 404. Repeating the same change answers the permit unchanged. Publishes
    `permit_renewed` or `permit_revoked`; a renewed permit's expiry notices start again from
    its new end.

    Args:
        actor_id (str): The actor's opaque id.
        permit_id (str): The permit's opaque id.
        body (PermitChange): Exactly one of: a later `valid_until` (renewal), or `status:
            "revoked"` (ended).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PermitOut | Problem
    """

    return sync_detailed(
        actor_id=actor_id,
        permit_id=permit_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    actor_id: str,
    permit_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PermitChange,
) -> Response[PermitOut | Problem]:
    """Renew or revoke a permit

     The issuing state renews a permit (`{"valid_until"}` later than its current end) or ends
    it (`{"status": "revoked"}`); anything else → 422. The custodian and grantees get 403, other
    states 404. Repeating the same change answers the permit unchanged. Publishes
    `permit_renewed` or `permit_revoked`; a renewed permit's expiry notices start again from
    its new end.

    Args:
        actor_id (str): The actor's opaque id.
        permit_id (str): The permit's opaque id.
        body (PermitChange): Exactly one of: a later `valid_until` (renewal), or `status:
            "revoked"` (ended).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PermitOut | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        permit_id=permit_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    actor_id: str,
    permit_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PermitChange,
) -> PermitOut | Problem | None:
    """Renew or revoke a permit

     The issuing state renews a permit (`{"valid_until"}` later than its current end) or ends
    it (`{"status": "revoked"}`); anything else → 422. The custodian and grantees get 403, other
    states 404. Repeating the same change answers the permit unchanged. Publishes
    `permit_renewed` or `permit_revoked`; a renewed permit's expiry notices start again from
    its new end.

    Args:
        actor_id (str): The actor's opaque id.
        permit_id (str): The permit's opaque id.
        body (PermitChange): Exactly one of: a later `valid_until` (renewal), or `status:
            "revoked"` (ended).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PermitOut | Problem
    """

    return (
        await asyncio_detailed(
            actor_id=actor_id,
            permit_id=permit_id,
            client=client,
            body=body,
        )
    ).parsed
