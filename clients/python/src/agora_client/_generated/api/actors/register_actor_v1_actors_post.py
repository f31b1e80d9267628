from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.actor_document import ActorDocument
from ...models.problem import Problem
from ...models.registered_actor_out import RegisteredActorOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ActorDocument,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/actors",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RegisteredActorOut | None:
    if response.status_code == 201:
        response_201 = RegisteredActorOut.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | RegisteredActorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ActorDocument,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RegisteredActorOut]:
    """Register an actor

     Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest.
    `possible_duplicates` names each other state that registered an actor with the same legal
    name (after normalising case, diacritics, word order and Cyrillic/Latin transliteration),
    email or phone, and what matched; never that actor's id or data.

    Args:
        idempotency_key (str | Unset):
        body (ActorDocument): Everything a custodian writes about an actor (register, and the
            result of a PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RegisteredActorOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ActorDocument,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RegisteredActorOut | None:
    """Register an actor

     Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest.
    `possible_duplicates` names each other state that registered an actor with the same legal
    name (after normalising case, diacritics, word order and Cyrillic/Latin transliteration),
    email or phone, and what matched; never that actor's id or data.

    Args:
        idempotency_key (str | Unset):
        body (ActorDocument): Everything a custodian writes about an actor (register, and the
            result of a PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RegisteredActorOut
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ActorDocument,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RegisteredActorOut]:
    """Register an actor

     Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest.
    `possible_duplicates` names each other state that registered an actor with the same legal
    name (after normalising case, diacritics, word order and Cyrillic/Latin transliteration),
    email or phone, and what matched; never that actor's id or data.

    Args:
        idempotency_key (str | Unset):
        body (ActorDocument): Everything a custodian writes about an actor (register, and the
            result of a PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RegisteredActorOut]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ActorDocument,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RegisteredActorOut | None:
    """Register an actor

     Register an actor; the caller's state becomes its custodian. Personal fields
    (`legal_name`, `representation`, `consent`, `contact`) are encrypted at rest.
    `possible_duplicates` names each other state that registered an actor with the same legal
    name (after normalising case, diacritics, word order and Cyrillic/Latin transliteration),
    email or phone, and what matched; never that actor's id or data.

    Args:
        idempotency_key (str | Unset):
        body (ActorDocument): Everything a custodian writes about an actor (register, and the
            result of a PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RegisteredActorOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
