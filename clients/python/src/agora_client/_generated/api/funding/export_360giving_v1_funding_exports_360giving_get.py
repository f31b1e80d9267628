from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_360_giving_v1_funding_exports_360_giving_get_response_200 import (
    Export360GivingV1FundingExports360GivingGetResponse200,
)
from ...models.export_format import ExportFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: ExportFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/funding/exports/360giving",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Export360GivingV1FundingExports360GivingGetResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = Export360GivingV1FundingExports360GivingGetResponse200.from_dict(
            response.json()
        )

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Export360GivingV1FundingExports360GivingGetResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportFormat | Unset = UNSET,
) -> Response[Export360GivingV1FundingExports360GivingGetResponse200 | Problem]:
    """Export the caller's grants and fellowships as 360Giving 1.4

     The calling donor's own awarded grants and fellowships (committed, disbursed or
    completed): amounts exact, the funder by its IATI identifier, an individual recipient only
    as an anonymised per-grant id with the generic name and a country, an organisation by an id
    under the donor's prefix and its kind. Confidential ones as in the IATI export. With nothing
    to export the package has an empty `grants` list (360Giving's package schema asks for at
    least one). See docs/data-exchange.md.

    Args:
        format_ (ExportFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Export360GivingV1FundingExports360GivingGetResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportFormat | Unset = UNSET,
) -> Export360GivingV1FundingExports360GivingGetResponse200 | Problem | None:
    """Export the caller's grants and fellowships as 360Giving 1.4

     The calling donor's own awarded grants and fellowships (committed, disbursed or
    completed): amounts exact, the funder by its IATI identifier, an individual recipient only
    as an anonymised per-grant id with the generic name and a country, an organisation by an id
    under the donor's prefix and its kind. Confidential ones as in the IATI export. With nothing
    to export the package has an empty `grants` list (360Giving's package schema asks for at
    least one). See docs/data-exchange.md.

    Args:
        format_ (ExportFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Export360GivingV1FundingExports360GivingGetResponse200 | Problem
    """

    return sync_detailed(
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportFormat | Unset = UNSET,
) -> Response[Export360GivingV1FundingExports360GivingGetResponse200 | Problem]:
    """Export the caller's grants and fellowships as 360Giving 1.4

     The calling donor's own awarded grants and fellowships (committed, disbursed or
    completed): amounts exact, the funder by its IATI identifier, an individual recipient only
    as an anonymised per-grant id with the generic name and a country, an organisation by an id
    under the donor's prefix and its kind. Confidential ones as in the IATI export. With nothing
    to export the package has an empty `grants` list (360Giving's package schema asks for at
    least one). See docs/data-exchange.md.

    Args:
        format_ (ExportFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Export360GivingV1FundingExports360GivingGetResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    format_: ExportFormat | Unset = UNSET,
) -> Export360GivingV1FundingExports360GivingGetResponse200 | Problem | None:
    """Export the caller's grants and fellowships as 360Giving 1.4

     The calling donor's own awarded grants and fellowships (committed, disbursed or
    completed): amounts exact, the funder by its IATI identifier, an individual recipient only
    as an anonymised per-grant id with the generic name and a country, an organisation by an id
    under the donor's prefix and its kind. Confidential ones as in the IATI export. With nothing
    to export the package has an empty `grants` list (360Giving's package schema asks for at
    least one). See docs/data-exchange.md.

    Args:
        format_ (ExportFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Export360GivingV1FundingExports360GivingGetResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
        )
    ).parsed
