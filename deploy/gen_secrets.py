"""Generate a fresh set of Agora's production secrets; they are printed, never stored in the repo.

    python deploy/gen_secrets.py compose --nats-tls-dir deploy/compose/nats-tls \
        --internal-tls-dir deploy/compose/internal-tls > deploy/compose/secrets.env  # compose
    python deploy/gen_secrets.py k8s --namespace agora | kubectl apply -f -  # Kubernetes Secrets

For compose, the NATS server's TLS certificate, its key (mode 0600) and the certificate of the CA
that signed it are written to the directory given with ``--nats-tls-dir``, and the mTLS files of
the gateway and the services (the internal CA, a server certificate per service, the gateway's
client certificate; keys 0600) to ``--internal-tls-dir``; for Kubernetes they are Secrets in the
printed list. Run it with the project's environment (.venv/bin/python): it needs
``cryptography`` and ``agora_platform`` (the NATS users).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import json
import os
import secrets
import string
import sys
from pathlib import Path

from agora_platform.nats_users import ACCESS
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DATABASES = ("actors", "funding", "evaluation", "gateway")
# The NATS users: those of agora_platform.nats_users.ACCESS (one per service and one for the
# gateway, plus `monitor`, which reads stream and consumer state) and `operator`, unrestricted, for the runbooks in
# docs/deploy.md and given to no Agora container. The password of user `actors` is
# ACTORS_NATS_PASSWORD, and so on: the name in secrets.env, in the NATS server's environment (its
# config reads `$ACTORS_NATS_PASSWORD`) and the key in the Kubernetes Secret.
OPERATOR_USER = "operator"
NATS_PASSWORDS = {user: f"{user.upper()}_NATS_PASSWORD" for user in [*ACCESS, OPERATOR_USER]}
# The users an Agora process connects as, each owning one stream: the three services and the
# gateway (stream AUDIT, its signed audit checkpoints). Their passwords are in the Kubernetes
# Secret agora-nats-users, each read by its own process; the others' in agora-nats-operators.
PROCESS_USERS = tuple(user for user, access in ACCESS.items() if access.owns)
# The TLS files of the NATS server: the CA certificate (the services' AGORA_NATS_TLS_CA_FILE),
# the server certificate and its key. The CA's own key is never written: to renew, generate anew.
NATS_CA_FILE = "ca.crt"
NATS_CERT_FILE = "tls.crt"
NATS_KEY_FILE = "tls.key"
NATS_CERT_DAYS = 825
# mTLS between the gateway and the services (docs/deploy.md): one internal CA signs each
# service's server certificate and the gateway's client certificate. The CA's key is not kept.
# The services serve HTTPS (a server certificate each); the gateway only calls them (a client
# certificate).
SERVICES = ("actors", "funding", "evaluation")
GATEWAY_CLIENT = "gateway"
INTERNAL_CA_FILE = "ca.crt"
TLS_CERT = "tls.crt"
TLS_KEY = "tls.key"
INTERNAL_CERT_DAYS = 825
CONTAINER_UID = 10001
# Kubernetes: the CA alone (mounted by the four processes), and one kubernetes.io/tls Secret per
# service (its server certificate) and for the gateway (its client certificate).
INTERNAL_CA_SECRET = "agora-internal-ca"  # noqa: S105 (a Secret's name, no value)
INTERNAL_TLS_SECRETS = {
    **{service: f"{service}-tls" for service in SERVICES},
    GATEWAY_CLIENT: "gateway-client-tls",
}

# Kubernetes Secret name → keys it holds. The database passwords are not here: CloudNativePG
# generates one Secret per database (`<service>-db-app`) itself.
K8S_SECRETS: dict[str, tuple[str, ...]] = {
    "agora-gateway": (
        "AGORA_INTERNAL_SIGNING_KEY",
        "AGORA_GATEWAY_TOKEN_KEY",
        "AGORA_AUDIT_SIGNING_KEY",
        "AGORA_ADMIN_CLIENT_ID",
        "AGORA_ADMIN_CLIENT_SECRET",
        "AGORA_SECOND_ADMIN_CLIENT_ID",
        "AGORA_SECOND_ADMIN_CLIENT_SECRET",
    ),
    "agora-internal-verify-key": ("AGORA_INTERNAL_VERIFY_KEY",),
    "agora-actors": ("AGORA_ACTORS_MASTER_KEY",),
    # Read by the NATS server (Helm values container.env) and each by its own process.
    "agora-nats-users": tuple(NATS_PASSWORDS[user] for user in PROCESS_USERS),
    # Read by the NATS server only; operators take them from here for the nats CLI.
    "agora-nats-operators": tuple(
        variable for user, variable in NATS_PASSWORDS.items() if user not in PROCESS_USERS
    ),
}
# TLS Secrets: the NATS server's certificate and key (chart value config.nats.tls.secretName),
# and the CA certificate alone, mounted into the services.
K8S_TLS_SECRETS = {"nats-tls": "kubernetes.io/tls", "agora-nats-ca": "Opaque"}


def ed25519_pair() -> tuple[str, str]:
    """A new Ed25519 private key (PKCS#8 PEM) and its public key (SubjectPublicKeyInfo PEM)."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


def nats_password() -> str:
    """A NATS user's password: a letter, then 42 letters or digits (about 250 bits).

    The NATS server reads it through a `$VARIABLE` reference, and parses the variable's value as
    config syntax: a value like `-abc…` or `12` is rejected or turned into a number, so only
    letters and digits, starting with a letter."""
    alphabet = string.ascii_letters + string.digits
    return secrets.choice(string.ascii_letters) + "".join(
        secrets.choice(alphabet) for _ in range(42)
    )


def nats_passwords() -> dict[str, str]:
    return {variable: nats_password() for variable in NATS_PASSWORDS.values()}


def nats_server_names(namespace: str | None) -> list[str]:
    """The names clients reach the NATS server by: `nats` (the compose service, or the chart's
    Service in the same namespace) and, in Kubernetes, its qualified forms."""
    if namespace is None:
        return ["nats"]
    return [
        "nats",
        f"nats.{namespace}",
        f"nats.{namespace}.svc",
        f"nats.{namespace}.svc.cluster.local",
    ]


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _pem_key(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _pem_certificate(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def certificate_authority(
    common_name: str, days: int
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new CA (ECDSA P-256) that signs certificates only (no intermediate below it)."""
    now = datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days + 1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def signed_certificate(
    authority: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    common_name: str,
    *,
    dns_names: list[str],
    usage: x509.ObjectIdentifier,
    days: int,
) -> tuple[str, str]:
    """A certificate (PEM) for one use — ``SERVER_AUTH`` or ``CLIENT_AUTH`` — and its key (PEM)."""
    ca_key, ca = authority
    now = datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
    )
    if dns_names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]),
            critical=False,
        )
    ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    certificate = (
        builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return _pem_certificate(certificate), _pem_key(key)


def nats_tls(names: list[str]) -> dict[str, str]:
    """A new CA and a server certificate it signs for these DNS names (PEM, ECDSA P-256)."""
    authority = certificate_authority("Agora NATS CA", NATS_CERT_DAYS)
    certificate, key = signed_certificate(
        authority,
        names[0],
        dns_names=names,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        days=NATS_CERT_DAYS,
    )
    return {
        NATS_CA_FILE: _pem_certificate(authority[1]),
        NATS_CERT_FILE: certificate,
        NATS_KEY_FILE: key,
    }


def write_private_files(directory: Path, files: dict[str, str], key_owner: int | None) -> None:
    """Files under ``directory`` (``a/b`` makes ``a/``): keys (``*.key``) 0600, owned by
    ``key_owner`` when given (the containers' uid), certificates 0644."""
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        is_key = name.endswith(".key")
        mode = 0o600 if is_key else 0o644
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w") as file:
            file.write(content)
        if is_key and key_owner is not None:
            os.chown(path, key_owner, key_owner)


# --- mTLS between the gateway and the services ------------------------------------------------


def internal_server_names(service: str, namespace: str | None) -> list[str]:
    """The names the gateway reaches a service by: the compose service name, or in Kubernetes
    the Service's name and its qualified forms."""
    if namespace is None:
        return [service]
    return [
        service,
        f"{service}.{namespace}",
        f"{service}.{namespace}.svc",
        f"{service}.{namespace}.svc.cluster.local",
    ]


def internal_tls(
    namespace: str | None, names: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """The internal CA (``ca.crt``; its key is never kept), each service's server certificate
    and key (``<service>/tls.crt``, ``<service>/tls.key``) and the gateway's client certificate
    and key (``gateway/tls.crt``, ``gateway/tls.key``). ``names``: service → DNS names, by
    default those of :func:`internal_server_names`."""
    names = names or {service: internal_server_names(service, namespace) for service in SERVICES}
    authority = certificate_authority("Agora internal CA", INTERNAL_CERT_DAYS)
    files = {INTERNAL_CA_FILE: _pem_certificate(authority[1])}
    for service, dns_names in names.items():
        certificate, key = signed_certificate(
            authority,
            service,
            dns_names=dns_names,
            usage=ExtendedKeyUsageOID.SERVER_AUTH,
            days=INTERNAL_CERT_DAYS,
        )
        files[f"{service}/{TLS_CERT}"] = certificate
        files[f"{service}/{TLS_KEY}"] = key
    certificate, key = signed_certificate(
        authority,
        GATEWAY_CLIENT,
        dns_names=[],
        usage=ExtendedKeyUsageOID.CLIENT_AUTH,
        days=INTERNAL_CERT_DAYS,
    )
    files[f"{GATEWAY_CLIENT}/{TLS_CERT}"] = certificate
    files[f"{GATEWAY_CLIENT}/{TLS_KEY}"] = key
    return files


def write_internal_tls(directory: Path) -> None:
    """The compose files of :func:`internal_tls` under ``directory``. The containers run as uid
    10001 and must read their key: as root the keys are given to that uid, otherwise a note on
    stderr says which ``chown`` is needed (docs/deploy.md)."""
    owner = CONTAINER_UID if os.geteuid() == 0 else None
    write_private_files(directory, internal_tls(None), owner)
    if owner is None:
        print(
            f"gen_secrets: the containers (uid {CONTAINER_UID}) must read their keys: "
            f"sudo chown {CONTAINER_UID}:{CONTAINER_UID} {directory}/*/{TLS_KEY}",
            file=sys.stderr,
        )


def write_nats_tls(directory: Path) -> None:
    """The compose NATS server's TLS files: the key 0600, the certificates 0644 (the services
    read ca.crt as uid 10001; only the nats container mounts the key)."""
    directory.mkdir(mode=0o755, parents=True, exist_ok=True)
    write_private_files(directory, nats_tls(nats_server_names(None)), None)


def application_secrets() -> dict[str, str]:
    """Every secret the processes read (the same names in compose and Kubernetes)."""
    signing, verify = ed25519_pair()
    # The audit checkpoints' signing key: the gateway's alone. Its public key is served with the
    # checkpoints (GET /v1/audit/checkpoints), so it is not printed separately.
    audit_signing, _ = ed25519_pair()
    return {
        "AGORA_INTERNAL_SIGNING_KEY": signing,
        "AGORA_INTERNAL_VERIFY_KEY": verify,
        "AGORA_GATEWAY_TOKEN_KEY": secrets.token_urlsafe(48),
        "AGORA_AUDIT_SIGNING_KEY": audit_signing,
        # Two admins, each handed to a different person (the two-person rule, docs/deploy.md).
        "AGORA_ADMIN_CLIENT_ID": "admin_" + secrets.token_urlsafe(9),
        "AGORA_ADMIN_CLIENT_SECRET": secrets.token_urlsafe(32),
        "AGORA_SECOND_ADMIN_CLIENT_ID": "admin_" + secrets.token_urlsafe(9),
        "AGORA_SECOND_ADMIN_CLIENT_SECRET": secrets.token_urlsafe(32),
        # 32 random bytes, URL-safe base64: the actor registry's master key.
        "AGORA_ACTORS_MASTER_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        **nats_passwords(),
    }


def compose_secrets() -> dict[str, str]:
    """Application secrets plus the PostgreSQL passwords of the compose database."""
    values = application_secrets()
    values["POSTGRES_PASSWORD"] = secrets.token_urlsafe(32)
    for name in DATABASES:
        # URL-safe: the password is interpolated into the database URL.
        values[f"{name.upper()}_DB_PASSWORD"] = secrets.token_urlsafe(32)
    return values


def dotenv(values: dict[str, str]) -> str:
    """An env file docker compose reads: double-quoted values, newlines as \\n."""
    lines = ["# Generated by deploy/gen_secrets.py: keep out of version control (mode 0600)."]
    for key, value in values.items():
        lines.append(f'{key}="{value.replace(chr(10), chr(92) + "n")}"')
    return "\n".join(lines) + "\n"


def k8s_manifests(values: dict[str, str], namespace: str) -> str:
    """Secret manifests as JSON documents (valid YAML) for ``kubectl apply -f -``: the
    application secrets, and the NATS server's TLS certificate (for the Service `nats` in this
    namespace) with its CA."""

    def secret(name: str, kind: str, data: dict[str, str]) -> dict[str, object]:
        return {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": name,
                "namespace": namespace,
                "labels": {"app.kubernetes.io/part-of": "agora"},
            },
            "type": kind,
            "stringData": data,
        }

    items = [
        secret(name, "Opaque", {key: values[key] for key in keys})
        for name, keys in K8S_SECRETS.items()
    ]
    tls = nats_tls(nats_server_names(namespace))
    items.append(secret("nats-tls", K8S_TLS_SECRETS["nats-tls"], tls))
    items.append(
        secret("agora-nats-ca", K8S_TLS_SECRETS["agora-nats-ca"], {NATS_CA_FILE: tls[NATS_CA_FILE]})
    )
    internal = internal_tls(namespace)
    items.append(
        secret(INTERNAL_CA_SECRET, "Opaque", {INTERNAL_CA_FILE: internal[INTERNAL_CA_FILE]})
    )
    for owner, name in INTERNAL_TLS_SECRETS.items():
        files = {TLS_CERT: internal[f"{owner}/{TLS_CERT}"], TLS_KEY: internal[f"{owner}/{TLS_KEY}"]}
        items.append(secret(name, "kubernetes.io/tls", files))
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": items}, indent=2) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["compose", "k8s"])
    parser.add_argument("--namespace", default="agora")
    parser.add_argument(
        "--nats-tls-dir",
        type=Path,
        help="compose: directory for the NATS server's TLS files (deploy/compose/nats-tls)",
    )
    parser.add_argument(
        "--internal-tls-dir",
        type=Path,
        help="compose: directory for the gateway's and services' mTLS files "
        "(deploy/compose/internal-tls)",
    )
    args = parser.parse_args(argv)
    if args.target == "compose":
        if args.nats_tls_dir is None:
            parser.error(
                "compose needs --nats-tls-dir (docker-compose.yml mounts deploy/compose/nats-tls)"
            )
        if args.internal_tls_dir is None:
            parser.error(
                "compose needs --internal-tls-dir "
                "(docker-compose.yml mounts deploy/compose/internal-tls)"
            )
        write_nats_tls(args.nats_tls_dir)
        write_internal_tls(args.internal_tls_dir)
        sys.stdout.write(dotenv(compose_secrets()))
    else:
        sys.stdout.write(k8s_manifests(application_secrets(), args.namespace))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
