from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dead_letter import DeadLetter
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    dead_letter_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/funding/dead-letters/{dead_letter_id}".format(
            dead_letter_id=quote(str(dead_letter_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeadLetter | Problem | None:
    if response.status_code == 200:
        response_200 = DeadLetter.from_dict(response.json())

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
) -> Response[DeadLetter | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dead_letter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeadLetter | Problem]:
    """Inspect a parked event

     One parked event, and whether the service has applied it since.

    Args:
        dead_letter_id (int): The dead letter's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadLetter | Problem]
    """

    kwargs = _get_kwargs(
        dead_letter_id=dead_letter_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dead_letter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> DeadLetter | Problem | None:
    """Inspect a parked event

     One parked event, and whether the service has applied it since.

    Args:
        dead_letter_id (int): The dead letter's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadLetter | Problem
    """

    return sync_detailed(
        dead_letter_id=dead_letter_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    dead_letter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeadLetter | Problem]:
    """Inspect a parked event

     One parked event, and whether the service has applied it since.

    Args:
        dead_letter_id (int): The dead letter's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadLetter | Problem]
    """

    kwargs = _get_kwargs(
        dead_letter_id=dead_letter_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dead_letter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> DeadLetter | Problem | None:
    """Inspect a parked event

     One parked event, and whether the service has applied it since.

    Args:
        dead_letter_id (int): The dead letter's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadLetter | Problem
    """

    return (
        await asyncio_detailed(
            dead_letter_id=dead_letter_id,
            client=client,
        )
    ).parsed
