import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.actor_summary import ActorSummary
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    actor_id: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: str | Unset | None
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/funding/actors/{actor_id}/summary".format(
            actor_id=quote(str(actor_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActorSummary | Problem | None:
    if response.status_code == 200:
        response_200 = ActorSummary.from_dict(response.json())

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
) -> Response[ActorSummary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    actor_id: str,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ActorSummary | Problem]:
    """Funding of one actor

     Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps.

    Another donor's confidential commitment is in no list or total: it shows only in `overlaps`,
    paired with one of the caller's own commitments.

    Args:
        actor_id (str): The actor's opaque id.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActorSummary | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    actor_id: str,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> ActorSummary | Problem | None:
    """Funding of one actor

     Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps.

    Another donor's confidential commitment is in no list or total: it shows only in `overlaps`,
    paired with one of the caller's own commitments.

    Args:
        actor_id (str): The actor's opaque id.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActorSummary | Problem
    """

    return sync_detailed(
        actor_id=actor_id,
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    actor_id: str,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ActorSummary | Problem]:
    """Funding of one actor

     Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps.

    Another donor's confidential commitment is in no list or total: it shows only in `overlaps`,
    paired with one of the caller's own commitments.

    Args:
        actor_id (str): The actor's opaque id.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActorSummary | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    actor_id: str,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> ActorSummary | Problem | None:
    """Funding of one actor

     Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps.

    Another donor's confidential commitment is in no list or total: it shows only in `overlaps`,
    paired with one of the caller's own commitments.

    Args:
        actor_id (str): The actor's opaque id.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActorSummary | Problem
    """

    return (
        await asyncio_detailed(
            actor_id=actor_id,
            client=client,
            as_of=as_of,
        )
    ).parsed
