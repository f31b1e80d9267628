from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.donor_in import DonorIn
from ...models.donor_out import DonorOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    code: str,
    *,
    body: DonorIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/funding/donors/{code}".format(
            code=quote(str(code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DonorOut | Problem | None:
    if response.status_code == 200:
        response_200 = DonorOut.from_dict(response.json())

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
) -> Response[DonorOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: DonorIn,
) -> Response[DonorOut | Problem]:
    """Set a donor's export settings

     The donor's IATI organisation identifier (the IATI export's reporting organisation and the
    360Giving export's funding organisation) and whether its confidential commitments are left
    out of exports (`omit`, the default) or exported marked confidential (`flag`). Only an agency
    or the steward of that state or donor; 403 for anyone else.

    Args:
        code (str): The donor: an ISO 3166-1 alpha-2 state or a donor code of 3–16 capitals.
        body (DonorIn): A donor's export settings, replaced as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonorOut | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: DonorIn,
) -> DonorOut | Problem | None:
    """Set a donor's export settings

     The donor's IATI organisation identifier (the IATI export's reporting organisation and the
    360Giving export's funding organisation) and whether its confidential commitments are left
    out of exports (`omit`, the default) or exported marked confidential (`flag`). Only an agency
    or the steward of that state or donor; 403 for anyone else.

    Args:
        code (str): The donor: an ISO 3166-1 alpha-2 state or a donor code of 3–16 capitals.
        body (DonorIn): A donor's export settings, replaced as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonorOut | Problem
    """

    return sync_detailed(
        code=code,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: DonorIn,
) -> Response[DonorOut | Problem]:
    """Set a donor's export settings

     The donor's IATI organisation identifier (the IATI export's reporting organisation and the
    360Giving export's funding organisation) and whether its confidential commitments are left
    out of exports (`omit`, the default) or exported marked confidential (`flag`). Only an agency
    or the steward of that state or donor; 403 for anyone else.

    Args:
        code (str): The donor: an ISO 3166-1 alpha-2 state or a donor code of 3–16 capitals.
        body (DonorIn): A donor's export settings, replaced as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonorOut | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient | Client,
    body: DonorIn,
) -> DonorOut | Problem | None:
    """Set a donor's export settings

     The donor's IATI organisation identifier (the IATI export's reporting organisation and the
    360Giving export's funding organisation) and whether its confidential commitments are left
    out of exports (`omit`, the default) or exported marked confidential (`flag`). Only an agency
    or the steward of that state or donor; 403 for anyone else.

    Args:
        code (str): The donor: an ISO 3166-1 alpha-2 state or a donor code of 3–16 capitals.
        body (DonorIn): A donor's export settings, replaced as a whole.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonorOut | Problem
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            body=body,
        )
    ).parsed
