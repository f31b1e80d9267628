from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.overlap_notice import OverlapNotice
from ...models.overlap_resolve import OverlapResolve
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    overlap_id: str,
    *,
    body: OverlapResolve,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/funding/overlaps/{overlap_id}/resolve".format(
            overlap_id=quote(str(overlap_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OverlapNotice | Problem | None:
    if response.status_code == 200:
        response_200 = OverlapNotice.from_dict(response.json())

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
) -> Response[OverlapNotice | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    overlap_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverlapResolve,
    idempotency_key: str | Unset = UNSET,
) -> Response[OverlapNotice | Problem]:
    """Resolve an overlap notice

     Either donor says how the overlap is settled: `co_funding`, `will_adjust` or
    `not_an_overlap`, with an optional note both donors read. Repeating it is a no-op 200; a
    third donor gets 404; a coordinated overlap (one joint programme) 409.

    Args:
        overlap_id (str): The overlap's opaque id.
        idempotency_key (str | Unset):
        body (OverlapResolve):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OverlapNotice | Problem]
    """

    kwargs = _get_kwargs(
        overlap_id=overlap_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    overlap_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverlapResolve,
    idempotency_key: str | Unset = UNSET,
) -> OverlapNotice | Problem | None:
    """Resolve an overlap notice

     Either donor says how the overlap is settled: `co_funding`, `will_adjust` or
    `not_an_overlap`, with an optional note both donors read. Repeating it is a no-op 200; a
    third donor gets 404; a coordinated overlap (one joint programme) 409.

    Args:
        overlap_id (str): The overlap's opaque id.
        idempotency_key (str | Unset):
        body (OverlapResolve):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OverlapNotice | Problem
    """

    return sync_detailed(
        overlap_id=overlap_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    overlap_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverlapResolve,
    idempotency_key: str | Unset = UNSET,
) -> Response[OverlapNotice | Problem]:
    """Resolve an overlap notice

     Either donor says how the overlap is settled: `co_funding`, `will_adjust` or
    `not_an_overlap`, with an optional note both donors read. Repeating it is a no-op 200; a
    third donor gets 404; a coordinated overlap (one joint programme) 409.

    Args:
        overlap_id (str): The overlap's opaque id.
        idempotency_key (str | Unset):
        body (OverlapResolve):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OverlapNotice | Problem]
    """

    kwargs = _get_kwargs(
        overlap_id=overlap_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    overlap_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverlapResolve,
    idempotency_key: str | Unset = UNSET,
) -> OverlapNotice | Problem | None:
    """Resolve an overlap notice

     Either donor says how the overlap is settled: `co_funding`, `will_adjust` or
    `not_an_overlap`, with an optional note both donors read. Repeating it is a no-op 200; a
    third donor gets 404; a coordinated overlap (one joint programme) 409.

    Args:
        overlap_id (str): The overlap's opaque id.
        idempotency_key (str | Unset):
        body (OverlapResolve):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OverlapNotice | Problem
    """

    return (
        await asyncio_detailed(
            overlap_id=overlap_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
