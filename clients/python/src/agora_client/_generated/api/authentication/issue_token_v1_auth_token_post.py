from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_issue_token_v1_auth_token_post import BodyIssueTokenV1AuthTokenPost
from ...models.issue_token_v1_auth_token_post_response_400 import (
    IssueTokenV1AuthTokenPostResponse400,
)
from ...models.issue_token_v1_auth_token_post_response_401 import (
    IssueTokenV1AuthTokenPostResponse401,
)
from ...models.problem import Problem
from ...models.token_response import TokenResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BodyIssueTokenV1AuthTokenPost | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/token",
    }

    if not isinstance(body, Unset):
        _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
    | None
):
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = IssueTokenV1AuthTokenPostResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = IssueTokenV1AuthTokenPostResponse401.from_dict(response.json())

        return response_401

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
) -> Response[
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BodyIssueTokenV1AuthTokenPost | Unset = UNSET,
) -> Response[
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
]:
    """Get an access token (OAuth 2.0 client credentials)

     Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token.

    Args:
        body (BodyIssueTokenV1AuthTokenPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IssueTokenV1AuthTokenPostResponse400 | IssueTokenV1AuthTokenPostResponse401 | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: BodyIssueTokenV1AuthTokenPost | Unset = UNSET,
) -> (
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
    | None
):
    """Get an access token (OAuth 2.0 client credentials)

     Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token.

    Args:
        body (BodyIssueTokenV1AuthTokenPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IssueTokenV1AuthTokenPostResponse400 | IssueTokenV1AuthTokenPostResponse401 | Problem | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BodyIssueTokenV1AuthTokenPost | Unset = UNSET,
) -> Response[
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
]:
    """Get an access token (OAuth 2.0 client credentials)

     Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token.

    Args:
        body (BodyIssueTokenV1AuthTokenPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IssueTokenV1AuthTokenPostResponse400 | IssueTokenV1AuthTokenPostResponse401 | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BodyIssueTokenV1AuthTokenPost | Unset = UNSET,
) -> (
    IssueTokenV1AuthTokenPostResponse400
    | IssueTokenV1AuthTokenPostResponse401
    | Problem
    | TokenResponse
    | None
):
    """Get an access token (OAuth 2.0 client credentials)

     Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token.

    Args:
        body (BodyIssueTokenV1AuthTokenPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IssueTokenV1AuthTokenPostResponse400 | IssueTokenV1AuthTokenPostResponse401 | Problem | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
