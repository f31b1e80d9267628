"""Access tokens: a token verified once is remembered (gateway.auth.tokens), never past its
expiry and never for other bytes."""

from __future__ import annotations

import asyncio

from gateway.auth.tokens import TokenIssuer


def test_a_verified_token_is_verified_again_and_a_tampered_one_is_not() -> None:
    issuer = TokenIssuer(b"k" * 32, ttl_seconds=3600)
    token = issuer.issue("cli_1")

    first = issuer.verify(token)
    again = issuer.verify(token)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert first is not None
    assert again == first
    assert first.subject == "cli_1"
    assert issuer.verify(tampered) is None
    assert TokenIssuer(b"o" * 32, ttl_seconds=3600).verify(token) is None  # another key


async def test_a_remembered_token_is_refused_once_expired() -> None:
    issuer = TokenIssuer(b"k" * 32, ttl_seconds=1)
    token = issuer.issue("cli_1")
    assert issuer.verify(token) is not None

    await asyncio.sleep(2.05)  # exp is whole seconds: at most 2 s away

    assert issuer.verify(token) is None
    assert issuer.verify(token) is None
