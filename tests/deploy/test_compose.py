"""docker-compose.yml: valid against the Compose specification, wired in the right order."""

from __future__ import annotations

import copy
import ipaddress
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agora_common.testing.plugin import require_postgres
from deploy_support import (
    CONSOLE,
    DEPLOY,
    NATS_SERVER,
    PROCESSES,
    ROOT,
    SERVICES,
    TOOLS,
    compose_nats_config,
    expected_nats_users,
    missing_tool,
    nats_password_variable,
)

MIGRATION_DIRS = {
    "actors": "services/actors",
    "funding": "services/funding",
    "evaluation": "services/evaluation",
    "gateway": "gateway",
}
# Interpolated with a default in docker-compose.yml: not secrets, not required.
DEFAULTED = {"AGORA_VERSION", "AGORA_GATEWAY_BIND", "AGORA_GATEWAY_TRUSTED_PROXIES"}


@pytest.fixture(scope="module")
def compose_schema() -> dict[str, Any]:
    """The Compose specification's JSON schema, as shipped by docker-compose 1.29.2 on PyPI."""
    found = sorted(TOOLS.glob("lib/python*/site-packages/compose/config/compose_spec.json"))
    if not found:
        missing_tool("The Compose specification schema (docker-compose 1.29.2 in .venv-tools)")
    schema = json.loads(found[0].read_text())
    assert schema["title"] == "Compose Specification"
    return schema


def schema_errors(schema: dict[str, Any], document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft201909Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_compose_file_matches_the_compose_specification(
    compose_schema: dict[str, Any], compose: dict[str, Any]
) -> None:
    assert schema_errors(compose_schema, compose) == []


def test_the_schema_rejects_a_broken_compose_file(
    compose_schema: dict[str, Any], compose: dict[str, Any]
) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["actors"]["depends_on"]["nats"]["condition"] = "service_ready"
    broken["services"]["gateway"]["helthcheck"] = {"test": ["CMD", "true"]}
    assert len(schema_errors(compose_schema, broken)) == 2


def test_each_service_starts_after_its_migration_postgres_and_nats(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    for name in SERVICES:
        assert services[name]["depends_on"] == {
            f"migrate-{name}": {"condition": "service_completed_successfully"},
            "postgres": {"condition": "service_healthy"},
            "nats": {"condition": "service_healthy"},
        }
    gateway = services["gateway"]["depends_on"]
    assert gateway["migrate-gateway"] == {"condition": "service_completed_successfully"}
    assert gateway["nats"] == {"condition": "service_healthy"}
    for name in SERVICES:
        assert gateway[name] == {"condition": "service_healthy"}
    for name in PROCESSES:
        assert services[f"migrate-{name}"]["depends_on"] == {
            "postgres": {"condition": "service_healthy"}
        }
    for name, service in services.items():
        for target in service.get("depends_on", {}):
            assert target in services, f"{name} depends on unknown {target}"
            if services[target] is not None and not target.startswith("migrate-"):
                assert "healthcheck" in services[target], f"{target} needs a healthcheck"


@pytest.mark.parametrize("process", PROCESSES)
def test_migration_is_an_explicit_step_with_the_migrate_command(
    compose: dict[str, Any], process: str
) -> None:
    services = compose["services"]
    migration = services[f"migrate-{process}"]
    directory = MIGRATION_DIRS[process]
    variable = f"AGORA_{process.upper()}_DATABASE_URL"
    assert migration["command"] == [
        "python",
        "-m",
        "agora_common.migrate",
        f"/app/{directory}",
        variable,
    ]
    assert (ROOT / directory / "alembic.ini").is_file()
    assert migration["restart"] == "no"
    assert migration["image"] == services[process]["image"]
    assert migration["build"] == services[process]["build"] == {"context": ".", "target": process}
    assert migration["environment"][variable] == services[process]["environment"][variable]
    assert "command" not in services[process], "the server runs the image's own CMD"


def test_postgres_has_one_database_and_role_per_process(compose: dict[str, Any]) -> None:
    postgres = compose["services"]["postgres"]
    script = (DEPLOY / "compose" / "postgres-init.sh").read_text()
    assert "for name in ${DATABASE_NAMES:-actors funding evaluation gateway}; do" in script
    assert (
        "./deploy/compose/postgres-init.sh:/docker-entrypoint-initdb.d/10-agora.sh:ro"
        in (postgres["volumes"])
    )
    for process in PROCESSES:
        assert f"{process.upper()}_DB_PASSWORD" in postgres["environment"]
        url = compose["services"][process]["environment"][f"AGORA_{process.upper()}_DATABASE_URL"]
        assert re.fullmatch(
            rf"postgresql\+asyncpg://{process}:\$\{{{process.upper()}_DB_PASSWORD:\?[^}}]+\}}"
            rf"@postgres:5432/{process}",
            url,
        ), url
    subprocess.run(["sh", "-n", str(DEPLOY / "compose" / "postgres-init.sh")], check=True)


def psql(sql: str, *, user: str, database: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.postgres
async def test_postgres_init_script_gives_each_role_only_its_own_database() -> None:
    """The init script against the real PostgreSQL, with throw-away names."""
    await require_postgres()
    prefix = f"deploytest_{secrets.token_hex(4)}"
    names = [f"{prefix}_one", f"{prefix}_two"]
    environment = {
        **os.environ,
        "PGHOST": "127.0.0.1",
        "POSTGRES_USER": "postgres",
        "DATABASE_NAMES": " ".join(names),
    }
    for name in names:
        environment[f"{name.upper()}_DB_PASSWORD"] = secrets.token_urlsafe(16)
    try:
        result = subprocess.run(
            ["sh", str(DEPLOY / "compose" / "postgres-init.sh")],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        one, two = names
        assert psql("CREATE TABLE t (x int)", user=one, database=one).returncode == 0
        refused = psql("SELECT 1", user=one, database=two)
        assert refused.returncode != 0
        assert "permission denied for database" in refused.stderr
        assert psql("SELECT 1", user=two, database=two).returncode == 0
    finally:
        for name in names:
            psql(f'DROP DATABASE IF EXISTS "{name}"', user="postgres", database="postgres")
            psql(f'DROP ROLE IF EXISTS "{name}"', user="postgres", database="postgres")


def test_nats_runs_jetstream_on_a_volume_with_a_valid_durable_config(
    compose: dict[str, Any], gen_secrets: ModuleType, tmp_path: Path
) -> None:
    """nats.conf passes `nats-server -t` with the certificates and passwords gen_secrets makes,
    and fails without a password variable or without the certificate."""
    nats = compose["services"]["nats"]
    assert "nats-data:/data" in nats["volumes"]
    assert "nats-data" in compose["volumes"]
    conf = DEPLOY / "compose" / "nats.conf"
    assert re.search(r"^\s*store_dir:\s*/data\s*$", conf.read_text(), re.MULTILINE)
    assert re.search(r"^\s*sync_interval:\s*always\s*$", conf.read_text(), re.MULTILINE)
    runnable, environment = compose_nats_config(tmp_path, gen_secrets)

    def check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(NATS_SERVER), "-c", str(runnable), "-t"],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )

    result = check(environment)
    assert result.returncode == 0, result.stderr + result.stdout
    for user in expected_nats_users():
        variable = nats_password_variable(user)
        missing = check({k: v for k, v in environment.items() if k != variable})
        assert missing.returncode != 0
        assert variable in missing.stderr + missing.stdout
    (tmp_path / "tls" / "tls.key").unlink()
    assert check(environment).returncode != 0


def test_nats_requires_tls_with_the_generated_certificate(compose: dict[str, Any]) -> None:
    text = (DEPLOY / "compose" / "nats.conf").read_text()
    tls = re.search(r"^tls \{(.*?)^\}", text, re.MULTILINE | re.DOTALL)
    assert tls, "a top-level tls block: every client connection must use TLS"
    assert "allow_non_tls" not in text
    assert '"/etc/nats/tls/tls.crt"' in tls.group(1)
    assert '"/etc/nats/tls/tls.key"' in tls.group(1)
    assert "./deploy/compose/nats-tls:/etc/nats/tls:ro" in compose["services"]["nats"]["volumes"]
    shared = dict(
        line.split("=", 1)
        for line in (DEPLOY / "compose" / "agora.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert shared["AGORA_NATS_URL"] == "tls://nats:4222"
    ignored = (DEPLOY / "compose" / ".gitignore").read_text().splitlines()
    assert {"secrets.env", "nats-tls/"} <= set(ignored)


def test_each_process_has_its_own_nats_user_password_and_the_ca_only(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    users = set()
    # The services publish their events; the gateway its audit checkpoints (stream AUDIT).
    for service in PROCESSES:
        environment = services[service]["environment"]
        users.add(environment["AGORA_NATS_USER"])
        assert environment["AGORA_NATS_USER"] == service
        variable = nats_password_variable(service)
        assert environment["AGORA_NATS_PASSWORD"] == (
            f"${{{variable}:?generate deploy/compose/secrets.env}}"
        )
        assert environment["AGORA_NATS_TLS_CA_FILE"] == "/etc/agora/nats-ca.crt"
        # The CA certificate alone: never the directory with the server's key.
        assert [v for v in services[service]["volumes"] if "nats-tls" in v] == [
            "./deploy/compose/nats-tls/ca.crt:/etc/agora/nats-ca.crt:ro"
        ]
    assert len(users) == len(PROCESSES)
    # No container but nats sees another user's password, and none but nats the key.
    for name, service in services.items():
        text = json.dumps(service.get("environment", {}))
        for user in expected_nats_users():
            variable = nats_password_variable(user)
            if variable in text:
                assert name in ("nats", user), f"{variable} in {name}"
        mounts = json.dumps(service.get("volumes", []))
        assert "nats-tls:" not in mounts or name == "nats", name
    nats_environment = services["nats"]["environment"]
    assert set(nats_environment) == {nats_password_variable(u) for u in expected_nats_users()}


def test_app_containers_are_hardened_and_only_the_gateway_is_published(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    for name in (*PROCESSES, *(f"migrate-{p}" for p in PROCESSES)):
        service = services[name]
        assert service["read_only"] is True
        assert service["cap_drop"] == ["ALL"]
        assert service["security_opt"] == ["no-new-privileges:true"]
        assert service["user"] == "10001:10001"
        assert service["env_file"] == ["deploy/compose/agora.env"]
        assert "backend" in service["networks"]
    for name in PROCESSES:
        assert services[name]["healthcheck"]["test"][-1].endswith("/readyz', timeout=2)")
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"gateway"}
    assert services["gateway"]["ports"] == ["${AGORA_GATEWAY_BIND:-127.0.0.1}:8000:8000"]
    assert compose["networks"]["backend"]["internal"] is True


def test_the_console_is_hardened_unpublished_and_its_address_trusted(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    console = services[CONSOLE]
    assert console["build"] == {"context": ".", "target": CONSOLE}
    assert console["read_only"] is True
    assert console["cap_drop"] == ["ALL"]
    assert console["security_opt"] == ["no-new-privileges:true"]
    assert console["user"] == "10001:10001"
    assert "ports" not in console
    assert console["env_file"] == [], "agora.env's settings are not the console's"
    assert set(console["networks"]) == {"backend"}, "no route out: the gateway is its only peer"
    assert console["healthcheck"]["test"][-1].endswith("/console/healthz', timeout=2)")
    # Its fixed address is inside the backend subnet and is the gateway's trusted proxy.
    address = console["networks"]["backend"]["ipv4_address"]
    subnet = compose["networks"]["backend"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(subnet)
    trusted = services["gateway"]["environment"]["AGORA_GATEWAY_TRUSTED_PROXIES"]
    assert trusted.split(",")[0] == address
    assert console["environment"]["AGORA_CONSOLE_GATEWAY_URL"] == "http://gateway:8000"
    assert services["gateway"]["environment"]["AGORA_CONSOLE_URL"] == "http://console:8000"


def test_every_secret_is_documented_generated_and_given_only_where_needed(
    compose: dict[str, Any], gen_secrets: ModuleType
) -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    interpolated = set(re.findall(r"\$\{([A-Z0-9_]+)", text)) - DEFAULTED
    example = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "compose" / "secrets.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    generated = gen_secrets.compose_secrets()
    assert interpolated == example == set(generated)
    # Least privilege: the signing keys, token key and admin secrets reach the gateway alone.
    gateway_only = [
        "AGORA_INTERNAL_SIGNING_KEY",
        "AGORA_AUDIT_SIGNING_KEY",
        "AGORA_GATEWAY_TOKEN_KEY",
        "ADMIN_CLIENT",
    ]
    for name, service in compose["services"].items():
        environment = json.dumps(service.get("environment", {}))
        for secret in gateway_only:
            assert secret not in environment or name == "gateway", f"{secret} in {name}"
        assert "MASTER_KEY" not in environment or name == "actors"
    shared = (DEPLOY / "compose" / "agora.env").read_text()
    assert not re.search(r"KEY|SECRET|PASSWORD|DATABASE_URL", shared)


def test_generated_secrets_env_file_round_trips(gen_secrets: ModuleType) -> None:
    values = gen_secrets.compose_secrets()
    parsed: dict[str, str] = {}
    for line in gen_secrets.dotenv(values).splitlines():
        if line.startswith("#"):
            continue
        key, quoted = line.split("=", 1)
        assert quoted.startswith('"')
        assert quoted.endswith('"')
        parsed[key] = quoted[1:-1].replace("\\n", "\n")
    assert parsed == values
    assert values["AGORA_INTERNAL_VERIFY_KEY"].startswith("-----BEGIN PUBLIC KEY-----")
    for name in PROCESSES:
        assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", values[f"{name.upper()}_DB_PASSWORD"])
