"""Secrets kept in the data directory for the embedded (development) setup."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def load_or_create(path: Path, make: Callable[[], bytes]) -> bytes:
    """Read ``path``, or atomically create it (mode 0600) with ``make()`` if it does not exist.

    Several processes may race at first start; ``os.link`` makes exactly one of them win.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, make())
        os.close(fd)
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return path.read_bytes()


def _new_ed25519_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _public_half(private_pem: bytes) -> bytes:
    private = serialization.load_pem_private_key(private_pem, None)
    assert isinstance(private, Ed25519PrivateKey)
    return private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def dev_identity_private_key(data_dir: Path) -> bytes:
    """The gateway's internal-identity signing key for the embedded setup (PEM), with its public
    half written beside it in a file of its own, the only one the services read."""
    private = load_or_create(data_dir / "keys" / "internal-identity.pem", _new_ed25519_pem)
    load_or_create(data_dir / "keys" / "internal-identity.pub.pem", lambda: _public_half(private))
    return private


def dev_identity_public_key(data_dir: Path) -> bytes:
    """The public half of :func:`dev_identity_private_key` (PEM), from its own file: a service
    never reads the gateway's private key."""
    path = data_dir / "keys" / "internal-identity.pub.pem"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RuntimeError(
            f"{path} does not exist: the supervisor (make run) or the gateway creates it; "
            "or set AGORA_INTERNAL_VERIFY_KEY"
        ) from None


def dev_audit_signing_key(data_dir: Path) -> bytes:
    """The gateway's audit-checkpoint signing key for the embedded setup (PEM): a file of its
    own, beside the other keys and never in a database."""
    return load_or_create(data_dir / "keys" / "audit-signing.pem", _new_ed25519_pem)


def random_secret(nbytes: int = 32) -> bytes:
    """Random bytes as URL-safe text, for generated secrets."""
    import secrets

    return secrets.token_urlsafe(nbytes).encode()
