"""Development keys: private files, and the services read only the public half."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from agora_common.keys import dev_identity_private_key, dev_identity_public_key
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def test_the_public_half_is_a_file_of_its_own(tmp_path: Path) -> None:
    private_pem = dev_identity_private_key(tmp_path)
    keys = tmp_path / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    for name in ("internal-identity.pem", "internal-identity.pub.pem"):
        assert stat.S_IMODE((keys / name).stat().st_mode) == 0o600
    (keys / "internal-identity.pem").unlink()  # a service never needs the private key
    private = serialization.load_pem_private_key(private_pem, None)
    assert isinstance(private, Ed25519PrivateKey)
    public = serialization.load_pem_public_key(dev_identity_public_key(tmp_path))
    assert public.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    ) == private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def test_without_the_public_file_a_service_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="AGORA_INTERNAL_VERIFY_KEY"):
        dev_identity_public_key(tmp_path)
