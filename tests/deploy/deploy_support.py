"""Shared helpers of the deployment checks (imported by conftest.py and the test modules)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
OVERLAYS = ("dev", "prod")
TOOLS = ROOT / ".venv-tools"
PROCESSES = ("actors", "funding", "evaluation", "gateway")
# The web console: a process of the platform without database, NATS or secret (docs/console.md).
CONSOLE = "console"
SERVICES = ("actors", "funding", "evaluation")


def missing_tool(what: str) -> None:
    """Skip outside CI when a validation tool is not installed (``make tools``); fail in CI."""
    message = f"{what} is not installed: run `make tools` (make test does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def render(overlay_dir: Path) -> str:
    """The overlay rendered by kustomize (built into kubectl)."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.fail("kubectl (with its built-in kustomize) is needed to render deploy/k8s")
    result = subprocess.run(
        [kubectl, "kustomize", str(overlay_dir)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def find(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    matches = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}: {len(matches)} found"
    return matches[0]


def of_kind(resources: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in resources if r["kind"] == kind]


# --- NATS -----------------------------------------------------------------------------------

NATS_SERVER = Path(sys.executable).parent / "nats-server"
# The NATS users given to no Agora process, besides those of ACCESS: unrestricted.
UNRESTRICTED_NATS_USERS = ("operator",)


def expected_nats_users() -> dict[str, dict[str, Any] | None]:
    """user → its permissions, rendered from the platform's one list (None: unrestricted)."""
    from agora_platform.nats_users import ACCESS

    users: dict[str, dict[str, Any] | None] = {
        name: access.permissions() for name, access in ACCESS.items()
    }
    assert {name: access.user for name, access in ACCESS.items()} == {n: n for n in ACCESS}
    users.update(dict.fromkeys(UNRESTRICTED_NATS_USERS))
    return users


def nats_password_variable(user: str) -> str:
    return f"{user.upper()}_NATS_PASSWORD"


def compose_nats_users(conf_text: str) -> list[dict[str, Any]]:
    """The `users` list of the `authorization` block of deploy/compose/nats.conf, each password
    as the text of its variable reference (``$ACTORS_NATS_PASSWORD``).

    The block is written in NATS' JSON-compatible syntax with unquoted `$VAR` passwords; anything
    else there fails to parse here, so the permissions are compared as data, not as text."""
    start = conf_text.index("authorization {")
    opening = conf_text.index("users: [", start) + len("users: ")
    depth = 0
    for position in range(opening, len(conf_text)):
        depth += {"[": 1, "]": -1}.get(conf_text[position], 0)
        if depth == 0:
            break
    text = conf_text[opening : position + 1]
    text = re.sub(r'("password"\s*:\s*)\$([A-Z][A-Z0-9_]*)', r'\1"$\2"', text)
    users = json.loads(text)
    assert isinstance(users, list)
    return users


def compose_nats_config(directory: Path, gen_secrets: ModuleType) -> tuple[Path, dict[str, str]]:
    """deploy/compose/nats.conf made runnable here: the TLS files gen_secrets writes, the store and
    the listen address under `directory`, and the environment with the generated passwords."""
    tls = directory / "tls"
    gen_secrets.write_nats_tls(tls)
    text = (DEPLOY / "compose" / "nats.conf").read_text()
    replacements = {
        "/etc/nats/tls/": f"{tls}/",
        "store_dir: /data": f'store_dir: "{directory / "store"}"',
        "listen: 0.0.0.0:4222": "listen: 127.0.0.1:-1",
        "http: 0.0.0.0:8222": "http: 127.0.0.1:-1",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    conf = directory / "nats.conf"
    conf.write_text(text)
    secrets = gen_secrets.compose_secrets()
    environment = {
        **os.environ,
        **{k: v for k, v in secrets.items() if k.endswith("_NATS_PASSWORD")},
    }
    return conf, environment
