from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/funding/exports/iati",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | None:
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
) -> Response[Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem]:
    """Export the caller's commitments as IATI 2.03

     The calling donor's own grants, fellowships and in-kind commitments (permits are not
    resource flows), one `iati-activity` each: the donor's IATI identifier as reporting and
    funding organisation, the recipient by kind only (never named), the status, the planned
    period, DAC 5 and Agora purpose sectors, and a transaction for the commitment and each
    disbursement. Confidential commitments are left out unless the donor chose `flag`
    (`PUT /v1/funding/donors/{code}`). With nothing to export the document has no activity
    (well-formed, though IATI's schema asks for at least one). See docs/data-exchange.md.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | None:
    """Export the caller's commitments as IATI 2.03

     The calling donor's own grants, fellowships and in-kind commitments (permits are not
    resource flows), one `iati-activity` each: the donor's IATI identifier as reporting and
    funding organisation, the recipient by kind only (never named), the status, the planned
    period, DAC 5 and Agora purpose sectors, and a transaction for the commitment and each
    disbursement. Confidential commitments are left out unless the donor chose `flag`
    (`PUT /v1/funding/donors/{code}`). With nothing to export the document has no activity
    (well-formed, though IATI's schema asks for at least one). See docs/data-exchange.md.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem]:
    """Export the caller's commitments as IATI 2.03

     The calling donor's own grants, fellowships and in-kind commitments (permits are not
    resource flows), one `iati-activity` each: the donor's IATI identifier as reporting and
    funding organisation, the recipient by kind only (never named), the status, the planned
    period, DAC 5 and Agora purpose sectors, and a transaction for the commitment and each
    disbursement. Confidential commitments are left out unless the donor chose `flag`
    (`PUT /v1/funding/donors/{code}`). With nothing to export the document has no activity
    (well-formed, though IATI's schema asks for at least one). See docs/data-exchange.md.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | None:
    """Export the caller's commitments as IATI 2.03

     The calling donor's own grants, fellowships and in-kind commitments (permits are not
    resource flows), one `iati-activity` each: the donor's IATI identifier as reporting and
    funding organisation, the recipient by kind only (never named), the status, the planned
    period, DAC 5 and Agora purpose sectors, and a transaction for the commitment and each
    disbursement. Confidential commitments are left out unless the donor chose `flag`
    (`PUT /v1/funding/donors/{code}`). With nothing to export the document has no activity
    (well-formed, though IATI's schema asks for at least one). See docs/data-exchange.md.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
