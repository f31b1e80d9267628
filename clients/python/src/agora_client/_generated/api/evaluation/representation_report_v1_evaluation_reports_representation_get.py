from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.representation_report import RepresentationReport
from ...types import UNSET, Response


def _get_kwargs(
    *,
    cycle_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cycle_id"] = cycle_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/evaluation/reports/representation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RepresentationReport | None:
    if response.status_code == 200:
        response_200 = RepresentationReport.from_dict(response.json())

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
) -> Response[Problem | RepresentationReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cycle_id: str,
) -> Response[Problem | RepresentationReport]:
    """Representation of women and non-Russian participants

     Women share against the 50% target (met within 45–55%) and non-Russian share against the
    15% minimum (20% aim), overall, per donor and per actor; fewer than 5 participants → null.

    Args:
        cycle_id (str): The cycle reported on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RepresentationReport]
    """

    kwargs = _get_kwargs(
        cycle_id=cycle_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cycle_id: str,
) -> Problem | RepresentationReport | None:
    """Representation of women and non-Russian participants

     Women share against the 50% target (met within 45–55%) and non-Russian share against the
    15% minimum (20% aim), overall, per donor and per actor; fewer than 5 participants → null.

    Args:
        cycle_id (str): The cycle reported on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RepresentationReport
    """

    return sync_detailed(
        client=client,
        cycle_id=cycle_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cycle_id: str,
) -> Response[Problem | RepresentationReport]:
    """Representation of women and non-Russian participants

     Women share against the 50% target (met within 45–55%) and non-Russian share against the
    15% minimum (20% aim), overall, per donor and per actor; fewer than 5 participants → null.

    Args:
        cycle_id (str): The cycle reported on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RepresentationReport]
    """

    kwargs = _get_kwargs(
        cycle_id=cycle_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cycle_id: str,
) -> Problem | RepresentationReport | None:
    """Representation of women and non-Russian participants

     Women share against the 50% target (met within 45–55%) and non-Russian share against the
    15% minimum (20% aim), overall, per donor and per actor; fewer than 5 participants → null.

    Args:
        cycle_id (str): The cycle reported on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RepresentationReport
    """

    return (
        await asyncio_detailed(
            client=client,
            cycle_id=cycle_id,
        )
    ).parsed
