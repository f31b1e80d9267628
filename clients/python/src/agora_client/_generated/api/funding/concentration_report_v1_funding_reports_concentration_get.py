import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.concentration_report import ConcentrationReport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/v1/funding/reports/concentration",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConcentrationReport | Problem | None:
    if response.status_code == 200:
        response_200 = ConcentrationReport.from_dict(response.json())

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
) -> Response[ConcentrationReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ConcentrationReport | Problem]:
    """Concentration of funding

     Commitments binding on `as_of` (status committed, disbursed or completed at the end of
    that day, and a period covering it) to actors not erased, converted to EUR with the rates
    effective that day: totals, HHI, top-10 share, donors per actor, share to new actors, thin
    grants; also per instrument and per horizon. A missing FX rate → 422 naming the currency.

    A past day sees each commitment's status as it stood then (a commitment recorded after that
    day counts with its present status). Amounts are summed per actor, donor, currency,
    instrument and horizon, and each sum is converted once, rounded half up to the cent; a thin
    grant is one commitment worth less than the threshold.

    Confidential commitments enter no figure but `confidential_commitments` (a count): every
    other figure can be recomputed from the commitments any agency may list, so no caller can
    subtract its way to a confidential amount, whatever dates it asks for.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcentrationReport | Problem]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> ConcentrationReport | Problem | None:
    """Concentration of funding

     Commitments binding on `as_of` (status committed, disbursed or completed at the end of
    that day, and a period covering it) to actors not erased, converted to EUR with the rates
    effective that day: totals, HHI, top-10 share, donors per actor, share to new actors, thin
    grants; also per instrument and per horizon. A missing FX rate → 422 naming the currency.

    A past day sees each commitment's status as it stood then (a commitment recorded after that
    day counts with its present status). Amounts are summed per actor, donor, currency,
    instrument and horizon, and each sum is converted once, rounded half up to the cent; a thin
    grant is one commitment worth less than the threshold.

    Confidential commitments enter no figure but `confidential_commitments` (a count): every
    other figure can be recomputed from the commitments any agency may list, so no caller can
    subtract its way to a confidential amount, whatever dates it asks for.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcentrationReport | Problem
    """

    return sync_detailed(
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[ConcentrationReport | Problem]:
    """Concentration of funding

     Commitments binding on `as_of` (status committed, disbursed or completed at the end of
    that day, and a period covering it) to actors not erased, converted to EUR with the rates
    effective that day: totals, HHI, top-10 share, donors per actor, share to new actors, thin
    grants; also per instrument and per horizon. A missing FX rate → 422 naming the currency.

    A past day sees each commitment's status as it stood then (a commitment recorded after that
    day counts with its present status). Amounts are summed per actor, donor, currency,
    instrument and horizon, and each sum is converted once, rounded half up to the cent; a thin
    grant is one commitment worth less than the threshold.

    Confidential commitments enter no figure but `confidential_commitments` (a count): every
    other figure can be recomputed from the commitments any agency may list, so no caller can
    subtract its way to a confidential amount, whatever dates it asks for.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConcentrationReport | Problem]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
) -> ConcentrationReport | Problem | None:
    """Concentration of funding

     Commitments binding on `as_of` (status committed, disbursed or completed at the end of
    that day, and a period covering it) to actors not erased, converted to EUR with the rates
    effective that day: totals, HHI, top-10 share, donors per actor, share to new actors, thin
    grants; also per instrument and per horizon. A missing FX rate → 422 naming the currency.

    A past day sees each commitment's status as it stood then (a commitment recorded after that
    day counts with its present status). Amounts are summed per actor, donor, currency,
    instrument and horizon, and each sum is converted once, rounded half up to the cent; a thin
    grant is one commitment worth less than the threshold.

    Confidential commitments enter no figure but `confidential_commitments` (a count): every
    other figure can be recomputed from the commitments any agency may list, so no caller can
    subtract its way to a confidential amount, whatever dates it asks for.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); today (UTC) by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConcentrationReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            as_of=as_of,
        )
    ).parsed
