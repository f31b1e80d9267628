"""mTLS between the gateway and a service, as real processes (issue 12, item 7).

The actors service runs as its image runs it (``python -m agora_common.serve``) with HTTPS and a
required client certificate; the gateway calls it over https with its client certificate. A
captured identity is useless without that certificate: the TLS handshake refuses the connection
before any request reaches the application, so no other replica can be fooled by a replay.
The certificates come from deploy/gen_secrets.py, as in compose and Kubernetes.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from agora_common.identity import IDENTITY_HEADER, IdentitySigner
from agora_common.keys import dev_identity_private_key
from agora_common.migrations import upgrade
from agora_common.nats_server import NatsServer, free_port, wait_for_port
from agora_platform.nats_users import dev_authorization
from agora_platform.supervisor import GATEWAY_DIR, SERVICES, Platform, uvicorn_command
from agora_platform.testing.e2e import ADMIN_ID, ADMIN_SECRET, Agora

sys.path.insert(0, str(Path(__file__).resolve().parent / "deploy"))

from deploy_support import DEPLOY, load_module


@dataclass
class Certificates:
    directory: Path

    def __getitem__(self, name: str) -> Path:
        return self.directory / name


def certificates(gen_secrets: ModuleType, directory: Path) -> Certificates:
    """An internal CA, the actors' server certificate (for localhost) and the gateway's."""
    files = gen_secrets.internal_tls(None, {"actors": ["localhost"]})
    gen_secrets.write_private_files(directory, files, None)
    return Certificates(directory)


@dataclass
class Deployment:
    platform: Platform
    ours: Certificates
    foreign: Certificates
    service_port: int
    health_port: int


def wait_http(url: str, timeout: float = 30) -> None:
    """Until ``url`` answers 200 (plain HTTP)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.1)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("mtls")
    gen_secrets = load_module(DEPLOY / "gen_secrets.py", "agora_deploy_gen_secrets_mtls")
    ours = certificates(gen_secrets, root / "tls")
    foreign = certificates(gen_secrets, root / "foreign-tls")
    platform = Platform(
        data_dir=root / "data",
        gateway_port=free_port(),
        env={"AGORA_ADMIN_CLIENT_ID": ADMIN_ID, "AGORA_ADMIN_CLIENT_SECRET": ADMIN_SECRET},
        log_dir=root / "logs",
    )
    platform.data_dir.mkdir(mode=0o700)
    dev_identity_private_key(platform.data_dir)
    platform.nats = NatsServer(
        platform.data_dir / "nats", authorization=dev_authorization(platform.data_dir)
    ).start()
    platform.nats_url = platform.nats.url
    for name in SERVICES:
        platform.service_ports[name] = free_port()
    upgrade(SERVICES["actors"][1], platform.database_url("actors"))
    upgrade(GATEWAY_DIR, platform.database_url("gateway"))
    service_port, health_port = platform.service_ports["actors"], free_port()
    assert platform.log_dir is not None
    platform.log_dir.mkdir()
    try:
        service_env = platform.child_env("actors") | {
            "AGORA_TLS_CERT_FILE": str(ours["actors/tls.crt"]),
            "AGORA_TLS_KEY_FILE": str(ours["actors/tls.key"]),
            "AGORA_TLS_CLIENT_CA_FILE": str(ours["ca.crt"]),
        }
        platform.processes["actors"] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "agora_common.serve",
                "actors.main:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(service_port),
                "--health-port",
                str(health_port),
                "--log-level",
                "warning",
            ],
            env=service_env,
            stdout=(platform.log_dir / "actors.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_http(f"http://127.0.0.1:{health_port}/readyz")
        gateway_env = platform.child_env("gateway") | {
            "AGORA_ACTORS_URL": f"https://localhost:{service_port}",
            # Not started: the gateway answers for them with 502.
            "AGORA_FUNDING_URL": f"https://localhost:{platform.service_ports['funding']}",
            "AGORA_EVALUATION_URL": f"https://localhost:{platform.service_ports['evaluation']}",
            "AGORA_GATEWAY_CLIENT_CERT_FILE": str(ours["gateway/tls.crt"]),
            "AGORA_GATEWAY_CLIENT_KEY_FILE": str(ours["gateway/tls.key"]),
            "AGORA_INTERNAL_CA_FILE": str(ours["ca.crt"]),
        }
        platform.processes["gateway"] = subprocess.Popen(
            uvicorn_command("gateway.main:create_app", platform.gateway_port),
            env=gateway_env,
            stdout=(platform.log_dir / "gateway.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for_port(platform.gateway_port, timeout=30)
        wait_http(f"{platform.gateway_url}/healthz")
        yield Deployment(platform, ours, foreign, service_port, health_port)
    finally:
        platform.stop()


@pytest.fixture(scope="module")
async def agora(deployment: Deployment) -> AsyncIterator[Agora]:
    outside = Agora(deployment.platform)
    await outside.start()
    yield outside
    await outside.close()


def client_context(ca: Path, cert: Path | None = None, key: Path | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(ca))
    if cert is not None:
        context.load_cert_chain(str(cert), str(key))
    return context


def exchange(port: int, request: bytes, context: ssl.SSLContext | None) -> bytes:
    """Send ``request`` to the service's port (over TLS with ``context``); its whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        stream = (
            raw
            if context is None
            # An end of the connection without TLS close_notify is a refusal, not an answer.
            else context.wrap_socket(raw, server_hostname="localhost", suppress_ragged_eofs=False)
        )
        with stream:
            stream.sendall(request)
            answer = b""
            while chunk := stream.recv(65536):
                answer += chunk
            return answer


def captured_request(deployment: Deployment, path: str) -> bytes:
    """A request as the gateway sends it, with a valid signed identity (as if sniffed)."""
    signer = IdentitySigner(dev_identity_private_key(deployment.platform.data_dir))
    identity = signer.sign(
        client_id="c_captured",
        role="agency",
        state="DE",
        request_id="r1",
        method="GET",
        path=path,
        query="",
        body=b"",
    )
    return (
        f"GET {path} HTTP/1.1\r\nHost: localhost\r\n{IDENTITY_HEADER}: {identity}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


# What the client may see of the refusal (the connection's end, or an alert naming the reason).
TLS_REFUSALS = {
    "UNEXPECTED_EOF_WHILE_READING",
    "TLSV13_ALERT_CERTIFICATE_REQUIRED",
    "TLSV1_ALERT_UNKNOWN_CA",
    "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
    "SSLV3_ALERT_BAD_CERTIFICATE",
}


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def assert_refused_by_tls(port: int, request: bytes, context: ssl.SSLContext) -> None:
    """The server ends the handshake: no byte of an HTTP answer comes back. (asyncio closes the
    connection without an alert, so the client sees the TLS stream end, on reading or writing.)"""
    with pytest.raises(ssl.SSLError) as refused:
        exchange(port, request, context)
    ending = refused.value
    assert isinstance(ending, ssl.SSLEOFError) or ending.reason in TLS_REFUSALS, ending


def gateway_context(deployment: Deployment) -> ssl.SSLContext:
    ours = deployment.ours
    return client_context(ours["ca.crt"], ours["gateway/tls.crt"], ours["gateway/tls.key"])


async def test_the_gateway_reaches_the_service_over_mtls(agora: Agora) -> None:
    listed = await agora.admin.get("/v1/actors")
    assert listed.status_code == 200, listed.text
    assert "items" in listed.json()
    assert (await agora.admin.get("/v1/actors/statistics")).status_code == 200
    # The services not running are reported as such, not as a TLS problem of the gateway.
    assert (await agora.admin.get("/v1/funding/commitments")).status_code == 502


def test_a_captured_identity_without_the_client_certificate_is_refused_by_tls(
    deployment: Deployment,
) -> None:
    request = captured_request(deployment, "/v1/actors/statistics")
    assert_refused_by_tls(
        deployment.service_port, request, client_context(deployment.ours["ca.crt"])
    )
    # Plain HTTP is no way around it: the port speaks TLS only.
    try:
        answer = exchange(deployment.service_port, request, None)
    except ConnectionResetError:
        answer = b""
    assert answer == b""
    # The identity itself was valid and never reached the application: with the gateway's
    # certificate it is accepted once, and then refused as a replay by this process.
    gateway = gateway_context(deployment)
    assert status_of(exchange(deployment.service_port, request, gateway)) == 200
    assert status_of(exchange(deployment.service_port, request, gateway)) == 401


def test_a_client_certificate_of_another_ca_is_refused(deployment: Deployment) -> None:
    request = captured_request(deployment, "/v1/actors/statistics")
    foreign = client_context(
        deployment.ours["ca.crt"],
        deployment.foreign["gateway/tls.crt"],
        deployment.foreign["gateway/tls.key"],
    )
    assert_refused_by_tls(deployment.service_port, request, foreign)
    assert status_of(exchange(deployment.service_port, request, gateway_context(deployment))) == 200


def test_a_service_certificate_is_no_client_certificate(deployment: Deployment) -> None:
    """A compromised service holds a certificate of the internal CA, but for serving only."""
    request = captured_request(deployment, "/v1/actors/statistics")
    service = client_context(
        deployment.ours["ca.crt"],
        deployment.ours["actors/tls.crt"],
        deployment.ours["actors/tls.key"],
    )
    assert_refused_by_tls(deployment.service_port, request, service)
    assert status_of(exchange(deployment.service_port, request, gateway_context(deployment))) == 200


def test_the_plain_health_port_has_probes_only(deployment: Deployment) -> None:
    base = f"http://127.0.0.1:{deployment.health_port}"
    for path in ("/healthz", "/readyz", "/metrics"):
        assert httpx.get(base + path).status_code == 200, path
    request = captured_request(deployment, "/v1/actors/statistics")
    assert status_of(exchange(deployment.health_port, request, None)) == 404
    assert httpx.get(base + "/openapi.json").status_code == 404
