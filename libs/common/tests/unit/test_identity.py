"""The internal identity: signed by the gateway, bound to one request, short-lived."""

import time

import jwt
import pytest
from agora_common.identity import IdentitySigner, IdentityVerifier, request_binding
from agora_common.problems import Unauthorized
from agora_common.testing.client import new_keypair

PRIVATE, PUBLIC = new_keypair()
SIGNER = IdentitySigner(PRIVATE)
VERIFIER = IdentityVerifier(PUBLIC)
REQUEST = {"method": "POST", "path": "/v1/actors", "query": "a=1&b=2", "body": b'{"x":1}'}


def sign(**overrides: object) -> str:
    return SIGNER.sign(
        client_id="cl_1", role="agency", state="DE", request_id="req-1", **{**REQUEST, **overrides}
    )


def test_a_signed_identity_verifies_for_its_request() -> None:
    identity = IdentityVerifier(PUBLIC).verify(sign(), **REQUEST)
    assert (identity.client_id, identity.role, identity.state) == ("cl_1", "agency", "DE")
    assert identity.request_id == "req-1"


@pytest.mark.parametrize(
    "other",
    [
        {"method": "DELETE"},
        {"path": "/v1/actors/other"},
        {"query": "a=1&b=3"},
        {"body": b'{"x":2}'},
    ],
)
def test_an_identity_is_refused_for_any_other_request(other: dict[str, object]) -> None:
    with pytest.raises(Unauthorized):
        VERIFIER.verify(sign(), **{**REQUEST, **other})


def test_query_order_and_encoding_do_not_matter() -> None:
    assert request_binding("GET", "/p", "b=2&a=%20x", b"") == request_binding(
        "GET", "/p", "a=+x&b=2", b""
    )


def test_another_key_cannot_mint_identities() -> None:
    forged = IdentitySigner(new_keypair()[0]).sign(
        client_id="cl_1", role="admin", state=None, request_id="r", **REQUEST
    )
    with pytest.raises(Unauthorized):
        VERIFIER.verify(forged, **REQUEST)


def test_an_expired_identity_is_refused() -> None:
    claims = jwt.decode(sign(), options={"verify_signature": False})
    claims["exp"] = int(time.time()) - 60
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    expired = jwt.encode(claims, load_pem_private_key(PRIVATE, None), algorithm="EdDSA")  # type: ignore[arg-type]
    with pytest.raises(Unauthorized):
        VERIFIER.verify(expired, **REQUEST)


def test_an_unsigned_token_is_refused() -> None:
    claims = jwt.decode(sign(), options={"verify_signature": False})
    unsigned = jwt.encode(claims, key="", algorithm="none")
    with pytest.raises(Unauthorized):
        VERIFIER.verify(unsigned, **REQUEST)


def test_an_identity_is_good_for_one_request_only() -> None:
    verifier = IdentityVerifier(PUBLIC)
    token = sign()
    verifier.verify(token, **REQUEST)
    with pytest.raises(Unauthorized):
        verifier.verify(token, **REQUEST)
    verifier.verify(sign(), **REQUEST)  # a new identity for the same request is fine
