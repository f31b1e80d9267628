from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.statistics import Statistics
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/actors/statistics",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Statistics | None:
    if response.status_code == 200:
        response_200 = Statistics.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | Statistics]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Statistics]:
    """Registry statistics

     Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    Representation shares come from counts with calibrated noise (differential privacy,
    OpenDP's discrete Laplace; `privacy` gives ε, the scale and the budget). The figures are a
    release, stored and served until the next, which comes only after at least 5 counted
    changes and a minimum interval since the last, within a privacy budget per period; when
    the budget is spent, the last release is served. Every published count is rounded to a
    multiple of 5; shares are to 2 decimals.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Statistics]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Statistics | None:
    """Registry statistics

     Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    Representation shares come from counts with calibrated noise (differential privacy,
    OpenDP's discrete Laplace; `privacy` gives ε, the scale and the budget). The figures are a
    release, stored and served until the next, which comes only after at least 5 counted
    changes and a minimum interval since the last, within a privacy budget per period; when
    the budget is spent, the last release is served. Every published count is rounded to a
    multiple of 5; shares are to 2 decimals.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Statistics
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Statistics]:
    """Registry statistics

     Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    Representation shares come from counts with calibrated noise (differential privacy,
    OpenDP's discrete Laplace; `privacy` gives ε, the scale and the budget). The figures are a
    release, stored and served until the next, which comes only after at least 5 counted
    changes and a minimum interval since the last, within a privacy budget per period; when
    the budget is spent, the last release is served. Every published count is rounded to a
    multiple of 5; shares are to 2 decimals.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Statistics]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Statistics | None:
    """Registry statistics

     Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    Representation shares come from counts with calibrated noise (differential privacy,
    OpenDP's discrete Laplace; `privacy` gives ε, the scale and the budget). The figures are a
    release, stored and served until the next, which comes only after at least 5 counted
    changes and a minimum interval since the last, within a privacy budget per period; when
    the budget is spent, the last release is served. Every published count is rounded to a
    multiple of 5; shares are to 2 decimals.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Statistics
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
