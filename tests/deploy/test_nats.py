"""NATS in compose and Kubernetes: the users and permissions are exactly those of the platform's one
list (agora_platform.nats_users.ACCESS rendered by agora_common.nats_access), and the compose
server, run here with the certificates gen_secrets makes, admits each service over TLS only and
only to what its permissions allow."""

from __future__ import annotations

import asyncio
import json
import ssl
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import nats
import pytest
import yaml
from agora_common.nats_access import inbox_prefix
from cryptography import x509
from nats.errors import Error as NatsError
from nats.js.api import StreamConfig

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agora_common.nats_server import free_port, wait_for_port
from deploy_support import (
    DEPLOY,
    K8S,
    NATS_SERVER,
    compose_nats_config,
    compose_nats_users,
    expected_nats_users,
    nats_password_variable,
)

HELM_VALUES = ("values.yaml", "values-dev.yaml")
RENDER = "drifted from agora_platform.nats_users: run .venv/bin/python deploy/render_nats_users.py"


def configured(users: list[dict[str, Any]], password: str) -> dict[str, dict[str, Any] | None]:
    """user → permissions (None: unrestricted), checking each password is its own variable."""
    found: dict[str, dict[str, Any] | None] = {}
    for entry in users:
        assert set(entry) <= {"user", "password", "permissions"}, entry
        assert entry["user"] not in found, f"{entry['user']} twice"
        assert entry["password"] == password.format(nats_password_variable(entry["user"]))
        found[entry["user"]] = entry.get("permissions")
    return found


def test_compose_nats_users_are_exactly_the_platform_list() -> None:
    text = (DEPLOY / "compose" / "nats.conf").read_text()
    assert configured(compose_nats_users(text), "${}") == expected_nats_users(), RENDER


@pytest.mark.parametrize("name", HELM_VALUES)
def test_helm_nats_users_are_exactly_the_platform_list(name: str) -> None:
    values = yaml.safe_load((K8S / "nats" / name).read_text())
    users = values["config"]["merge"]["authorization"]["users"]
    assert configured(users, "<< ${} >>") == expected_nats_users(), RENDER


def test_a_drifted_permission_is_noticed() -> None:
    text = (DEPLOY / "compose" / "nats.conf").read_text()
    drifted = text.replace('"agora.funding.>"', '"agora.>"', 1)
    assert drifted != text
    assert configured(compose_nats_users(drifted), "${}") != expected_nats_users()


def test_generated_nats_passwords_survive_the_config_parser(gen_secrets: ModuleType) -> None:
    """NATS parses a variable's value as config syntax: only letters and digits, a letter first."""
    for _ in range(200):
        password = gen_secrets.nats_password()
        assert password[0].isalpha()
        assert password.isalnum()
        assert password.isascii()
        assert len(password) == 43


@pytest.fixture
def compose_nats(tmp_path: Path, gen_secrets: ModuleType) -> Any:
    """deploy/compose/nats.conf running here, with generated certificates and passwords."""
    conf, environment = compose_nats_config(tmp_path, gen_secrets)
    port = free_port()
    text = conf.read_text().replace("listen: 127.0.0.1:-1", f"listen: 127.0.0.1:{port}")
    conf.write_text(text)
    process = subprocess.Popen(
        [str(NATS_SERVER), "-c", str(conf)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield port, environment, tmp_path / "tls" / "ca.crt"
    finally:
        process.terminate()
        process.wait(timeout=10)


async def connect(port: int, user: str, password: str, ca: Path | None, **options: Any) -> Any:
    """As agora_common.bus connects: tls:// URL, an SSL context from AGORA_NATS_TLS_CA_FILE.
    The server is reached at 127.0.0.1 but its certificate names `nats` (the compose host)."""
    tls = ssl.create_default_context(cafile=str(ca)) if ca else None
    return await nats.connect(
        f"tls://127.0.0.1:{port}",
        user=user,
        password=password,
        inbox_prefix=inbox_prefix(user),
        tls=tls,
        tls_hostname="nats",
        allow_reconnect=False,
        connect_timeout=2,
        **options,
    )


async def test_compose_nats_admits_each_service_over_tls_within_its_permissions(
    compose_nats: tuple[int, dict[str, str], Path],
) -> None:
    port, environment, ca = compose_nats
    errors: list[Exception] = []

    async def on_error(error: Exception) -> None:
        errors.append(error)

    funding = await connect(
        port, "funding", environment["FUNDING_NATS_PASSWORD"], ca, error_cb=on_error
    )
    try:
        assert funding.connected_url.scheme == "tls"
        await funding.publish("agora.funding.test", b"{}")
        await funding.flush()
        assert errors == []
        # Another service's subject: the server refuses it.
        await funding.publish("agora.actors.erased", b"{}")
        await funding.flush()
        await asyncio.sleep(0.2)
        assert any("permissions violation" in str(e).lower() for e in errors), errors
    finally:
        await funding.close()
    # Another service's password, or no TLS verification against the CA: not admitted.
    with pytest.raises((NatsError, OSError, asyncio.TimeoutError)):
        await connect(port, "funding", environment["ACTORS_NATS_PASSWORD"], ca)
    with pytest.raises((NatsError, OSError, asyncio.TimeoutError, ssl.SSLError)):
        await connect(port, "funding", environment["FUNDING_NATS_PASSWORD"], None)


async def test_compose_nats_lets_the_gateway_append_audit_checkpoints_only(
    compose_nats: tuple[int, dict[str, str], Path],
) -> None:
    """The gateway's user creates the append-only stream AUDIT, publishes into it and reads it
    back; it may not update, purge or delete it, nor publish anywhere else."""
    port, environment, ca = compose_nats
    errors: list[Exception] = []

    async def on_error(error: Exception) -> None:
        errors.append(error)

    gateway = await connect(
        port, "gateway", environment["GATEWAY_NATS_PASSWORD"], ca, error_cb=on_error
    )
    try:
        js = gateway.jetstream(timeout=2)
        config = StreamConfig(
            name="AUDIT", subjects=["agora.audit.>"], deny_delete=True, deny_purge=True
        )
        await js.add_stream(config)
        await js.publish("agora.audit.checkpoints", b"{}", stream="AUDIT")
        message = await js.get_last_msg("AUDIT", "agora.audit.checkpoints")
        assert message.data == b"{}"
        shrunk = StreamConfig(
            name="AUDIT", subjects=["agora.audit.>"], deny_delete=True, deny_purge=True, max_msgs=1
        )
        refusals: dict[str, Callable[[], Awaitable[Any]]] = {
            "$JS.API.STREAM.UPDATE.AUDIT": lambda: js.update_stream(shrunk),
            "$JS.API.STREAM.PURGE.AUDIT": lambda: js.purge_stream("AUDIT"),
            "$JS.API.STREAM.MSG.DELETE.AUDIT": lambda: js.delete_msg("AUDIT", 1),
            "$JS.API.STREAM.DELETE.AUDIT": lambda: js.delete_stream("AUDIT"),
        }
        for subject, request in refusals.items():
            errors.clear()
            # The server refuses the request itself (not only the stream's deny_* flags): no
            # answer comes, and the connection reports a permissions violation for the subject.
            with pytest.raises(asyncio.TimeoutError):
                await request()
            wanted = f'permissions violation for publish to "{subject.lower()}"'
            assert any(wanted in str(e).lower() for e in errors), (subject, errors)
        assert (await js.stream_info("AUDIT")).state.messages == 1
        errors.clear()
        await gateway.publish("agora.actors.erased", b"{}")
        await gateway.flush()
        await asyncio.sleep(0.2)
        assert any("permissions violation" in str(e).lower() for e in errors), errors
    finally:
        await gateway.close()


def test_gen_secrets_writes_the_compose_tls_files_with_a_private_key(
    gen_secrets: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        gen_secrets.main(["compose"])
    assert "--nats-tls-dir" in capsys.readouterr().err
    arguments = ["compose", "--nats-tls-dir", str(tmp_path / "tls")]
    assert gen_secrets.main([*arguments, "--internal-tls-dir", str(tmp_path / "internal")]) == 0
    printed = capsys.readouterr().out
    for user in expected_nats_users():
        assert f'{nats_password_variable(user)}="' in printed
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "tls").iterdir()}
    assert modes == {"ca.crt": 0o644, "tls.crt": 0o644, "tls.key": 0o600}
    certificate = x509.load_pem_x509_certificate((tmp_path / "tls" / "tls.crt").read_bytes())
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert names.value.get_values_for_type(x509.DNSName) == ["nats"]


def test_gen_secrets_k8s_output_holds_the_nats_secrets(gen_secrets: ModuleType) -> None:
    manifests = json.loads(gen_secrets.k8s_manifests(gen_secrets.application_secrets(), "agora"))
    secrets = {item["metadata"]["name"]: item for item in manifests["items"]}
    for name, keys in gen_secrets.K8S_SECRETS.items():
        assert set(secrets[name]["stringData"]) == set(keys)
    users = set(secrets["agora-nats-users"]["stringData"])
    operators = set(secrets["agora-nats-operators"]["stringData"])
    assert users | operators == {nats_password_variable(u) for u in expected_nats_users()}
    processes = ("actors", "funding", "evaluation", "gateway")
    assert users == {nats_password_variable(p) for p in processes}
    server = secrets["nats-tls"]
    assert server["type"] == "kubernetes.io/tls"
    assert set(server["stringData"]) == {"tls.crt", "tls.key", "ca.crt"}
    # The services get the CA certificate alone, the same one that signed the server's.
    assert secrets["agora-nats-ca"]["stringData"] == {"ca.crt": server["stringData"]["ca.crt"]}
    ca = x509.load_pem_x509_certificate(server["stringData"]["ca.crt"].encode())
    certificate = x509.load_pem_x509_certificate(server["stringData"]["tls.crt"].encode())
    certificate.verify_directly_issued_by(ca)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert "nats" in names.value.get_values_for_type(x509.DNSName)
    assert "nats.agora.svc.cluster.local" in names.value.get_values_for_type(x509.DNSName)
