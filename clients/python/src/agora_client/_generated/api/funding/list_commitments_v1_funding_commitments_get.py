import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitment_page import CommitmentPage
from ...models.funding_status import FundingStatus
from ...models.problem import Problem
from ...models.purpose import Purpose
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    actor_id: None | str | Unset = UNSET,
    donor: None | str | Unset = UNSET,
    status: FundingStatus | None | Unset = UNSET,
    purpose: None | Purpose | Unset = UNSET,
    active_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_actor_id: str | Unset | None
    if isinstance(actor_id, Unset):
        json_actor_id = UNSET
    else:
        json_actor_id = actor_id
    params["actor_id"] = json_actor_id

    json_donor: str | Unset | None
    if isinstance(donor, Unset):
        json_donor = UNSET
    else:
        json_donor = donor
    params["donor"] = json_donor

    json_status: str | Unset | None
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    json_purpose: str | Unset | None
    if isinstance(purpose, Unset):
        json_purpose = UNSET
    elif isinstance(purpose, str):
        json_purpose = purpose
    else:
        json_purpose = purpose
    params["purpose"] = json_purpose

    json_active_on: str | Unset | None
    if isinstance(active_on, Unset):
        json_active_on = UNSET
    elif isinstance(active_on, datetime.date):
        json_active_on = active_on.isoformat()
    else:
        json_active_on = active_on
    params["active_on"] = json_active_on

    params["limit"] = limit

    json_cursor: str | Unset | None
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/funding/commitments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommitmentPage | Problem | None:
    if response.status_code == 200:
        response_200 = CommitmentPage.from_dict(response.json())

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
) -> Response[CommitmentPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    actor_id: None | str | Unset = UNSET,
    donor: None | str | Unset = UNSET,
    status: FundingStatus | None | Unset = UNSET,
    purpose: None | Purpose | Unset = UNSET,
    active_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[CommitmentPage | Problem]:
    """List commitments

     Every donor's commitments (another donor's confidential ones excepted), newest first;
    filters combine.

    Args:
        actor_id (None | str | Unset): Only those of this actor (its opaque id).
        donor (None | str | Unset):
        status (FundingStatus | None | Unset):
        purpose (None | Purpose | Unset):
        active_on (datetime.date | None | Unset): Period includes this day.
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentPage | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        donor=donor,
        status=status,
        purpose=purpose,
        active_on=active_on,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    actor_id: None | str | Unset = UNSET,
    donor: None | str | Unset = UNSET,
    status: FundingStatus | None | Unset = UNSET,
    purpose: None | Purpose | Unset = UNSET,
    active_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> CommitmentPage | Problem | None:
    """List commitments

     Every donor's commitments (another donor's confidential ones excepted), newest first;
    filters combine.

    Args:
        actor_id (None | str | Unset): Only those of this actor (its opaque id).
        donor (None | str | Unset):
        status (FundingStatus | None | Unset):
        purpose (None | Purpose | Unset):
        active_on (datetime.date | None | Unset): Period includes this day.
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentPage | Problem
    """

    return sync_detailed(
        client=client,
        actor_id=actor_id,
        donor=donor,
        status=status,
        purpose=purpose,
        active_on=active_on,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    actor_id: None | str | Unset = UNSET,
    donor: None | str | Unset = UNSET,
    status: FundingStatus | None | Unset = UNSET,
    purpose: None | Purpose | Unset = UNSET,
    active_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[CommitmentPage | Problem]:
    """List commitments

     Every donor's commitments (another donor's confidential ones excepted), newest first;
    filters combine.

    Args:
        actor_id (None | str | Unset): Only those of this actor (its opaque id).
        donor (None | str | Unset):
        status (FundingStatus | None | Unset):
        purpose (None | Purpose | Unset):
        active_on (datetime.date | None | Unset): Period includes this day.
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentPage | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        donor=donor,
        status=status,
        purpose=purpose,
        active_on=active_on,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    actor_id: None | str | Unset = UNSET,
    donor: None | str | Unset = UNSET,
    status: FundingStatus | None | Unset = UNSET,
    purpose: None | Purpose | Unset = UNSET,
    active_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> CommitmentPage | Problem | None:
    """List commitments

     Every donor's commitments (another donor's confidential ones excepted), newest first;
    filters combine.

    Args:
        actor_id (None | str | Unset): Only those of this actor (its opaque id).
        donor (None | str | Unset):
        status (FundingStatus | None | Unset):
        purpose (None | Purpose | Unset):
        active_on (datetime.date | None | Unset): Period includes this day.
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            actor_id=actor_id,
            donor=donor,
            status=status,
            purpose=purpose,
            active_on=active_on,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
