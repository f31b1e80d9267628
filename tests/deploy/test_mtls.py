"""mTLS between the gateway and the services in compose and Kubernetes: who gets which
certificate, from which generated file or Secret (docs/deploy.md, "Between the gateway and the
services: mTLS")."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_support import OVERLAYS, PROCESSES, SERVICES, find

Resources = list[dict[str, Any]]


def usages(certificate: x509.Certificate) -> list[x509.ObjectIdentifier]:
    return list(certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)


def dns_names(certificate: x509.Certificate) -> list[str]:
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    return names.value.get_values_for_type(x509.DNSName)


def test_gen_secrets_writes_the_compose_mtls_files(gen_secrets: ModuleType, tmp_path: Path) -> None:
    gen_secrets.write_internal_tls(tmp_path)
    files = {
        str(p.relative_to(tmp_path)): p.stat().st_mode & 0o777
        for p in tmp_path.rglob("*")
        if p.is_file()
    }
    owners = [*SERVICES, "gateway"]
    assert files == {
        "ca.crt": 0o644,
        **{f"{owner}/tls.crt": 0o644 for owner in owners},
        **{f"{owner}/tls.key": 0o600 for owner in owners},
    }
    ca = x509.load_pem_x509_certificate((tmp_path / "ca.crt").read_bytes())
    for owner in owners:
        certificate = x509.load_pem_x509_certificate((tmp_path / owner / "tls.crt").read_bytes())
        certificate.verify_directly_issued_by(ca)
        if owner == "gateway":
            assert usages(certificate) == [ExtendedKeyUsageOID.CLIENT_AUTH]
        else:
            # A server certificate only: a service cannot use it to call another service.
            assert usages(certificate) == [ExtendedKeyUsageOID.SERVER_AUTH]
            assert dns_names(certificate) == [owner]


def test_gen_secrets_k8s_output_holds_the_mtls_secrets(gen_secrets: ModuleType) -> None:
    manifests = json.loads(gen_secrets.k8s_manifests(gen_secrets.application_secrets(), "agora"))
    secrets = {item["metadata"]["name"]: item for item in manifests["items"]}
    ca_secret = secrets["agora-internal-ca"]
    assert ca_secret["type"] == "Opaque"
    assert set(ca_secret["stringData"]) == {"ca.crt"}
    ca = x509.load_pem_x509_certificate(ca_secret["stringData"]["ca.crt"].encode())
    # Server certificates for the three services only: the gateway (a NATS user that owns a
    # stream like them) serves no mTLS port and gets a client certificate alone.
    assert gen_secrets.SERVICES == SERVICES
    assert gen_secrets.INTERNAL_TLS_SECRETS == {
        "actors": "actors-tls",
        "funding": "funding-tls",
        "evaluation": "evaluation-tls",
        "gateway": "gateway-client-tls",
    }
    for owner, name in gen_secrets.INTERNAL_TLS_SECRETS.items():
        secret = secrets[name]
        assert secret["type"] == "kubernetes.io/tls"
        assert set(secret["stringData"]) == {"tls.crt", "tls.key"}
        certificate = x509.load_pem_x509_certificate(secret["stringData"]["tls.crt"].encode())
        certificate.verify_directly_issued_by(ca)
        if owner != "gateway":
            assert dns_names(certificate) == [
                owner,
                f"{owner}.agora",
                f"{owner}.agora.svc",
                f"{owner}.agora.svc.cluster.local",
            ]


def test_each_compose_container_mounts_only_its_own_key(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        mounts = [v for v in service.get("volumes", []) if "internal-tls" in v]
        if name not in PROCESSES:
            assert mounts == [], name
            continue
        assert mounts == [
            f"./deploy/compose/internal-tls/{name}:/etc/agora/tls:ro",
            "./deploy/compose/internal-tls/ca.crt:/etc/agora/internal-ca.crt:ro",
        ]
    gateway = services["gateway"]["environment"]
    for service in SERVICES:
        assert gateway[f"AGORA_{service.upper()}_URL"] == f"https://{service}:8000"
        environment = services[service]["environment"]
        assert environment["AGORA_TLS_CLIENT_CA_FILE"] == "/etc/agora/internal-ca.crt"
        assert environment["AGORA_TLS_KEY_FILE"] == "/etc/agora/tls/tls.key"
        # The probe port: plain, inside the container.
        assert "127.0.0.1:8001/readyz" in services[service]["healthcheck"]["test"][-1]
    assert "127.0.0.1:8000/readyz" in services["gateway"]["healthcheck"]["test"][-1]
    shared = (Path(__file__).resolve().parents[2] / "deploy/compose/agora.env").read_text()
    assert "AGORA_TLS_TERMINATED_BY_MESH=false" in shared.splitlines()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_pod_mounts_only_its_own_certificate_and_the_ca(
    rendered: dict[str, Resources], overlay: str, gen_secrets: ModuleType
) -> None:
    resources = rendered[overlay]
    assert find(resources, "ConfigMap", "agora-common")["data"]["AGORA_TLS_TERMINATED_BY_MESH"] == (
        "false"
    )
    urls = find(resources, "ConfigMap", "agora-gateway")["data"]
    for process in PROCESSES:
        spec = find(resources, "Deployment", process)["spec"]["template"]["spec"]
        container = spec["containers"][0]
        volume = next(v for v in spec["volumes"] if v["name"] == "tls")
        assert volume["projected"]["defaultMode"] == 0o440
        assert volume["projected"]["sources"] == [
            {
                "secret": {
                    "name": gen_secrets.INTERNAL_TLS_SECRETS[process],
                    "items": [
                        {"key": "tls.crt", "path": "tls.crt"},
                        {"key": "tls.key", "path": "tls.key"},
                    ],
                }
            },
            {
                "secret": {
                    "name": gen_secrets.INTERNAL_CA_SECRET,
                    "items": [{"key": "ca.crt", "path": "ca.crt"}],
                }
            },
        ]
        mount = next(m for m in container["volumeMounts"] if m["name"] == "tls")
        assert mount == {"name": "tls", "mountPath": "/etc/agora/tls", "readOnly": True}
        env = {e["name"]: e.get("value") for e in container["env"]}
        files: tuple[str, ...]
        if process == "gateway":
            files = ("AGORA_GATEWAY_CLIENT_CERT_FILE", "AGORA_GATEWAY_CLIENT_KEY_FILE")
            files += ("AGORA_INTERNAL_CA_FILE",)
        else:
            files = ("AGORA_TLS_CERT_FILE", "AGORA_TLS_KEY_FILE", "AGORA_TLS_CLIENT_CA_FILE")
            assert urls[f"AGORA_{process.upper()}_URL"] == f"https://{process}:8000"
            # Only the mTLS port is behind the Service; the probe port stays in the pod.
            service = find(resources, "Service", process)
            assert [p["port"] for p in service["spec"]["ports"]] == [8000]
        assert [env[name] for name in files] == [
            "/etc/agora/tls/tls.crt",
            "/etc/agora/tls/tls.key",
            "/etc/agora/tls/ca.crt",
        ]
