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


def _signed_by_gateway_key(header: dict[str, object], claims: dict[str, object]) -> str:
    """A token signed with the gateway's own key, whatever its header and claims say."""
    import base64

    import orjson
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    def segment(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signed = f"{segment(orjson.dumps(header))}.{segment(orjson.dumps(claims))}"
    key = load_pem_private_key(PRIVATE, None)
    assert isinstance(key, Ed25519PrivateKey)
    return f"{signed}.{segment(key.sign(signed.encode()))}"


def test_a_replay_with_its_signature_re_encoded_is_refused() -> None:
    """Base64 leaves spare bits in a signature's last character: the replay check keys on the
    signed ``jti``, not on the token's text."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    verifier = IdentityVerifier(PUBLIC)
    token = sign()
    verifier.verify(token, **REQUEST)
    last = alphabet.index(token[-1])
    same_bits = [c for i, c in enumerate(alphabet) if i >> 4 == last >> 4 and i != last]
    for other in same_bits:
        with pytest.raises(Unauthorized):
            verifier.verify(token[:-1] + other, **REQUEST)


def test_the_gateway_key_with_another_algorithm_named_is_refused() -> None:
    claims = jwt.decode(sign(), options={"verify_signature": False})
    with pytest.raises(Unauthorized):
        VERIFIER.verify(_signed_by_gateway_key({"alg": "HS256", "typ": "JWT"}, claims), **REQUEST)


@pytest.mark.parametrize(
    "change",
    [
        {"iat": 120},  # issued in the future (seconds from now)
        {"nbf": 120},  # not valid before then
        {"iss": "someone-else"},
        {"aud": "agora-actors"},
        {"exp": "tomorrow"},
        {"sub": None},
        {"role": ["admin"]},
    ],
)
def test_claims_out_of_shape_are_refused(change: dict[str, object]) -> None:
    claims = jwt.decode(sign(), options={"verify_signature": False})
    good = _signed_by_gateway_key({"alg": "EdDSA", "typ": "JWT"}, claims)
    IdentityVerifier(PUBLIC).verify(good, **REQUEST)  # the same, unchanged, verifies
    now = int(time.time())
    changed = {k: now + v if k in ("iat", "nbf") else v for k, v in change.items()}
    with pytest.raises(Unauthorized):
        VERIFIER.verify(
            _signed_by_gateway_key({"alg": "EdDSA", "typ": "JWT"}, {**claims, **changed}),
            **REQUEST,
        )
