from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activity import Activity
from ...models.actor_kind import ActorKind
from ...models.actor_page import ActorPage
from ...models.problem import Problem
from ...models.sector import Sector
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: ActorKind | None | Unset = UNSET,
    sector: None | Sector | Unset = UNSET,
    activity: Activity | None | Unset = UNSET,
    host_country: None | str | Unset = UNSET,
    origin_region: None | str | Unset = UNSET,
    custodian_state: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset | None
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, str):
        json_kind = kind
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_sector: str | Unset | None
    if isinstance(sector, Unset):
        json_sector = UNSET
    elif isinstance(sector, str):
        json_sector = sector
    else:
        json_sector = sector
    params["sector"] = json_sector

    json_activity: str | Unset | None
    if isinstance(activity, Unset):
        json_activity = UNSET
    elif isinstance(activity, str):
        json_activity = activity
    else:
        json_activity = activity
    params["activity"] = json_activity

    json_host_country: str | Unset | None
    if isinstance(host_country, Unset):
        json_host_country = UNSET
    else:
        json_host_country = host_country
    params["host_country"] = json_host_country

    json_origin_region: str | Unset | None
    if isinstance(origin_region, Unset):
        json_origin_region = UNSET
    else:
        json_origin_region = origin_region
    params["origin_region"] = json_origin_region

    json_custodian_state: str | Unset | None
    if isinstance(custodian_state, Unset):
        json_custodian_state = UNSET
    else:
        json_custodian_state = custodian_state
    params["custodian_state"] = json_custodian_state

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
        "url": "/v1/actors",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActorPage | Problem | None:
    if response.status_code == 200:
        response_200 = ActorPage.from_dict(response.json())

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
) -> Response[ActorPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ActorKind | None | Unset = UNSET,
    sector: None | Sector | Unset = UNSET,
    activity: Activity | None | Unset = UNSET,
    host_country: None | str | Unset = UNSET,
    origin_region: None | str | Unset = UNSET,
    custodian_state: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ActorPage | Problem]:
    """List actors

     Actors in registration order, filtered; personal data only where the caller may see it.

    Args:
        kind (ActorKind | None | Unset):
        sector (None | Sector | Unset):
        activity (Activity | None | Unset):
        host_country (None | str | Unset):
        origin_region (None | str | Unset):
        custodian_state (None | str | Unset):
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActorPage | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        sector=sector,
        activity=activity,
        host_country=host_country,
        origin_region=origin_region,
        custodian_state=custodian_state,
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
    kind: ActorKind | None | Unset = UNSET,
    sector: None | Sector | Unset = UNSET,
    activity: Activity | None | Unset = UNSET,
    host_country: None | str | Unset = UNSET,
    origin_region: None | str | Unset = UNSET,
    custodian_state: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ActorPage | Problem | None:
    """List actors

     Actors in registration order, filtered; personal data only where the caller may see it.

    Args:
        kind (ActorKind | None | Unset):
        sector (None | Sector | Unset):
        activity (Activity | None | Unset):
        host_country (None | str | Unset):
        origin_region (None | str | Unset):
        custodian_state (None | str | Unset):
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActorPage | Problem
    """

    return sync_detailed(
        client=client,
        kind=kind,
        sector=sector,
        activity=activity,
        host_country=host_country,
        origin_region=origin_region,
        custodian_state=custodian_state,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: ActorKind | None | Unset = UNSET,
    sector: None | Sector | Unset = UNSET,
    activity: Activity | None | Unset = UNSET,
    host_country: None | str | Unset = UNSET,
    origin_region: None | str | Unset = UNSET,
    custodian_state: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[ActorPage | Problem]:
    """List actors

     Actors in registration order, filtered; personal data only where the caller may see it.

    Args:
        kind (ActorKind | None | Unset):
        sector (None | Sector | Unset):
        activity (Activity | None | Unset):
        host_country (None | str | Unset):
        origin_region (None | str | Unset):
        custodian_state (None | str | Unset):
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActorPage | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        sector=sector,
        activity=activity,
        host_country=host_country,
        origin_region=origin_region,
        custodian_state=custodian_state,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: ActorKind | None | Unset = UNSET,
    sector: None | Sector | Unset = UNSET,
    activity: Activity | None | Unset = UNSET,
    host_country: None | str | Unset = UNSET,
    origin_region: None | str | Unset = UNSET,
    custodian_state: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> ActorPage | Problem | None:
    """List actors

     Actors in registration order, filtered; personal data only where the caller may see it.

    Args:
        kind (ActorKind | None | Unset):
        sector (None | Sector | Unset):
        activity (Activity | None | Unset):
        host_country (None | str | Unset):
        origin_region (None | str | Unset):
        custodian_state (None | str | Unset):
        limit (int | Unset): Page size, 1–200. Default: 50.
        cursor (None | str | Unset): Opaque cursor from the previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActorPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            sector=sector,
            activity=activity,
            host_country=host_country,
            origin_region=origin_region,
            custodian_state=custodian_state,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
