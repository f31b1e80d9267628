"""Compose and Kubernetes name every setting each process reads, and nothing it does not read.

The settings are derived from the code (each process's pydantic-settings class: its fields, their
validation aliases and the env prefix), so a setting added to the code without a deployment value
fails here until it is given one, or listed in OPTIONAL with the reason it may stay unset.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_support import CONSOLE, OVERLAYS, PROCESSES, ROOT, find

SETTINGS_MODULES = {
    "actors": "actors.config",
    "funding": "funding.config",
    "evaluation": "evaluation.config",
    "gateway": "gateway.config",
    CONSOLE: "agora_console.config",
}
# (process, variable) → why the deployment may leave it unset.
OPTIONAL: dict[tuple[str, str], str] = {
    ("gateway", "AGORA_INTERNAL_VERIFY_KEY"): (
        "inherited from CommonSettings for the services; the gateway signs identities with "
        "AGORA_INTERNAL_SIGNING_KEY and verifies none"
    ),
    **{
        ("gateway", variable): (
            "inherited from CommonSettings for the services' HTTPS; the gateway serves plain HTTP "
            "behind the ingress and presents AGORA_GATEWAY_CLIENT_CERT_FILE to the services"
        )
        for variable in ("AGORA_TLS_CERT_FILE", "AGORA_TLS_KEY_FILE", "AGORA_TLS_CLIENT_CA_FILE")
    },
}

Environment = dict[str, str]


def settings_class(process: str) -> type[BaseSettings]:
    cls = importlib.import_module(SETTINGS_MODULES[process]).Settings
    assert issubclass(cls, BaseSettings)
    return cls


def variables(cls: type[BaseSettings]) -> dict[str, set[str]]:
    """Field → the environment variables that set it (any one of them)."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    found: dict[str, set[str]] = {}
    for name, info in cls.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, str):
            names = {alias}
        elif isinstance(alias, AliasChoices):
            names = {choice for choice in alias.choices if isinstance(choice, str)}
        elif info.alias:
            names = {info.alias}
        else:
            names = {prefix + name}
        if not cls.model_config.get("case_sensitive", False):
            names = {n.upper() for n in names}
        found[name] = names
    return found


def coverage_problems(process: str, cls: type[BaseSettings], given: set[str]) -> list[str]:
    """Settings the deployment misses, and AGORA_ variables it sets that the process ignores."""
    wanted = variables(cls)
    problems = [
        f"{process}: {field} ({' or '.join(sorted(names))}) is not set"
        for field, names in wanted.items()
        if not names & given and not any((process, n) in OPTIONAL for n in names)
    ]
    known = set().union(*wanted.values())
    problems += [
        f"{process}: {name} is set but no setting reads it"
        for name in sorted(given)
        if name.startswith("AGORA_") and name not in known
    ]
    return problems


# --- what each deployment gives each process ------------------------------------------------


def compose_environment(compose: dict[str, Any], service: str, secrets: Environment) -> Environment:
    """The service's environment after compose's env_file and ${…} interpolation."""

    def interpolate(value: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(3)
            return secrets.get(name, default or "")

        return re.sub(r"\$\{([A-Z0-9_]+)(:[?-]([^}]*))?\}", substitute, value)

    definition = compose["services"][service]
    environment: Environment = {}
    for env_file in definition.get("env_file", []):
        for line in (ROOT / env_file).read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, value = line.split("=", 1)
                environment[key] = value
    for key, value in definition.get("environment", {}).items():
        environment[key] = interpolate(str(value))
    return environment


def k8s_environment(resources: list[dict[str, Any]], kind: str, name: str) -> Environment:
    """The container's environment: envFrom ConfigMaps, then env (secrets as placeholders)."""
    spec = find(resources, kind, name)["spec"]["template"]["spec"]
    container = spec["containers"][0]
    environment: Environment = {}
    for source in container.get("envFrom", []):
        assert set(source) == {"configMapRef"}, "secrets are referenced key by key"
        configmap = find(resources, "ConfigMap", source["configMapRef"]["name"])
        environment.update(configmap["data"])
    for entry in container.get("env", []):
        if "value" in entry:
            environment[entry["name"]] = re.sub(
                r"\$\(([A-Z_]+)\)", lambda m: environment[m.group(1)], entry["value"]
            )
        else:
            reference = entry["valueFrom"]["secretKeyRef"]
            environment[entry["name"]] = f"<{reference['name']}/{reference['key']}>"
    return environment


# --- the checks -----------------------------------------------------------------------------


def test_settings_are_derived_from_the_code() -> None:
    gateway = variables(settings_class("gateway"))
    assert gateway["database_url"] == {"AGORA_GATEWAY_DATABASE_URL"}
    assert gateway["admin_client_id"] == {"AGORA_ADMIN_CLIENT_ID"}
    assert gateway["actors_url"] == {"AGORA_ACTORS_URL"}
    assert variables(settings_class("actors"))["nats_stream_replicas"] == {
        "AGORA_NATS_STREAM_REPLICAS"
    }


def test_a_setting_the_deployment_forgets_is_reported() -> None:
    class Extended(settings_class("evaluation")):  # type: ignore[misc]
        window_days: int = 7

    given = set().union(*variables(settings_class("evaluation")).values()) | {"AGORA_TYPO"}
    assert coverage_problems("evaluation", Extended, given) == [
        "evaluation: window_days (AGORA_WINDOW_DAYS) is not set",
        "evaluation: AGORA_TYPO is set but no setting reads it",
    ]


@pytest.mark.parametrize("process", [*PROCESSES, CONSOLE])
def test_compose_names_every_setting_of_each_process(
    compose: dict[str, Any], gen_secrets: ModuleType, process: str
) -> None:
    environment = compose_environment(compose, process, gen_secrets.compose_secrets())
    assert coverage_problems(process, settings_class(process), set(environment)) == []


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("process", [*PROCESSES, CONSOLE])
def test_kubernetes_names_every_setting_of_each_process(
    rendered: dict[str, list[dict[str, Any]]], overlay: str, process: str
) -> None:
    environment = k8s_environment(rendered[overlay], "Deployment", process)
    assert coverage_problems(process, settings_class(process), set(environment)) == []


@pytest.mark.parametrize("process", PROCESSES)
def test_migration_steps_get_their_database_url(
    compose: dict[str, Any], rendered: dict[str, list[dict[str, Any]]], process: str
) -> None:
    variable = f"AGORA_{process.upper()}_DATABASE_URL"
    assert variable in compose["services"][f"migrate-{process}"]["environment"]
    for overlay in OVERLAYS:
        assert variable in k8s_environment(rendered[overlay], "Job", f"{process}-migrate")


@pytest.mark.parametrize("process", PROCESSES)
def test_the_compose_values_load_as_production_settings(
    compose: dict[str, Any],
    gen_secrets: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    process: str,
) -> None:
    """Every value parses, and production mode finds the secrets it insists on."""
    environment = compose_environment(compose, process, gen_secrets.compose_secrets())
    for name in [n for n in os.environ if n.startswith("AGORA_")]:
        monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings: Any = settings_class(process)()
    assert settings.production
    assert settings.resolved_database_url().startswith("postgresql+asyncpg://")
    if process == "actors":
        assert len(settings.resolved_master_key()) == 32
    # Every process its own NATS user (the gateway: its audit checkpoints), over TLS.
    assert settings.nats_user == process
    assert settings.nats_password.get_secret_value() == environment["AGORA_NATS_PASSWORD"]
    assert str(settings.nats_tls_ca_file) == "/etc/agora/nats-ca.crt"
    assert settings.nats_url == "tls://nats:4222"
    if process == "gateway":
        assert settings.services() == {
            name: f"https://{name}:8000" for name in ("actors", "funding", "evaluation")
        }
        assert settings.internal_signing_key.startswith("-----BEGIN PRIVATE KEY-----")
        settings.check_keys()  # the token key's length, both Ed25519 private keys
        assert settings.audit_signing_key.startswith("-----BEGIN PRIVATE KEY-----")
        assert settings.audit_signing_key != settings.internal_signing_key
        # Two admins from configuration (production has no bootstrap exception), distinct.
        assert settings.admin_client_id
        assert settings.second_admin_client_id
        assert settings.admin_client_id != settings.second_admin_client_id
        assert settings.admin_client_secret != settings.second_admin_client_secret
        # mTLS to the services: production would refuse the gateway without it.
        assert settings.tls_terminated_by_mesh is False
        tls = settings.upstream_tls()
        assert (str(tls.cert_file), str(tls.key_file), str(tls.ca_file)) == (
            "/etc/agora/tls/tls.crt",
            "/etc/agora/tls/tls.key",
            "/etc/agora/internal-ca.crt",
        )
    else:
        assert settings.internal_verify_key.startswith("-----BEGIN PUBLIC KEY-----")
        tls = settings.server_tls()  # production refuses a service without it
        assert (str(tls.cert_file), str(tls.key_file), str(tls.client_ca_file)) == (
            "/etc/agora/tls/tls.crt",
            "/etc/agora/tls/tls.key",
            "/etc/agora/internal-ca.crt",
        )


def test_the_console_values_load_and_point_at_the_gateway(
    compose: dict[str, Any],
    rendered: dict[str, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The console in production mode (Secure cookie, HSTS) calls the gateway's Service, and the
    gateway forwards /console/ to the console's."""
    gateway_compose = compose_environment(compose, "gateway", {})
    assert gateway_compose["AGORA_CONSOLE_URL"] == "http://console:8000"
    environments = [compose_environment(compose, CONSOLE, {})]
    for overlay in OVERLAYS:
        environments.append(k8s_environment(rendered[overlay], "Deployment", CONSOLE))
        gateway_k8s = k8s_environment(rendered[overlay], "Deployment", "gateway")
        assert gateway_k8s["AGORA_CONSOLE_URL"] == "http://console:8000"
    for environment in environments:
        for name in [n for n in os.environ if n.startswith("AGORA_")]:
            monkeypatch.delenv(name)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        settings: Any = settings_class(CONSOLE)()
        assert settings.production
        assert settings.gateway_url == "http://gateway:8000"
        assert (settings.host, settings.port) == ("0.0.0.0", 8000)
        assert not re.search(r"KEY|SECRET|PASSWORD|DATABASE_URL|NATS", " ".join(environment))
