"""The images: hadolint finds nothing, and the Dockerfile has the shape issue 7 asks for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_support import PROCESSES, ROOT

DOCKERFILE = ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"
MODULES = {
    "actors": "actors.main:create_app",
    "funding": "funding.main:create_app",
    "evaluation": "evaluation.main:create_app",
    "gateway": "gateway.main:create_app",
}
MIGRATION_DIRS = {
    "actors": "services/actors",
    "funding": "services/funding",
    "evaluation": "services/evaluation",
    "gateway": "gateway",
}


def hadolint(path: Path) -> list[dict[str, object]]:
    """Every finding of every severity (style and info included)."""
    result = subprocess.run(
        [str(HADOLINT), "--no-fail", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    findings = json.loads(result.stdout or "[]")
    assert isinstance(findings, list)
    return findings


def stages(text: str) -> dict[str, list[str]]:
    """Stage name → its instructions (continuation lines joined), the FROM line first."""
    joined = re.sub(r"\\\n\s*", " ", text)
    result: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if match:
            current = [line]
            result[match.group(2) or match.group(1)] = current
        elif current is not None:
            current.append(line)
    return result


def test_hadolint_reports_no_findings() -> None:
    assert hadolint(DOCKERFILE) == []


def test_every_hadolint_suppression_is_justified() -> None:
    lines = DOCKERFILE.read_text().splitlines()
    for number, line in enumerate(lines):
        if "hadolint ignore" in line:
            previous = lines[number - 1].strip() if number else ""
            assert previous.startswith("#"), f"line {number + 1}: no reason given"
            assert len(previous) > 10, f"line {number + 1}: no reason given"


def test_hadolint_does_find_a_careless_dockerfile(tmp_path: Path) -> None:
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python:latest\nRUN pip install uvicorn\nCMD uvicorn app:app\n")
    codes = {finding["code"] for finding in hadolint(careless)}
    assert {"DL3007", "DL3013", "DL3042", "DL3025"} <= codes


def test_each_process_has_a_target_with_its_server_and_migrations() -> None:
    found = stages(DOCKERFILE.read_text())
    assert found["service-runtime"][0].split()[1] == "runtime"
    for process in PROCESSES:
        stage = found[process]
        base = "runtime" if process == "gateway" else "service-runtime"
        assert stage[0].split()[1] == base, "each target derives from the runtime stage"
        cmd = next(line for line in stage if line.startswith("CMD"))
        if process == "gateway":
            server = ["python", "-m", "uvicorn", MODULES[process], "--factory"]
        else:
            # agora_common.serve: mTLS from AGORA_TLS_* and the plain probe port (8001).
            server = ["python", "-m", "agora_common.serve", MODULES[process]]
        # The services' plain probe port; the gateway decides client addresses itself (from
        # AGORA_GATEWAY_TRUSTED_PROXIES), so uvicorn must not rewrite them from proxy headers.
        extra = ["--no-proxy-headers"] if process == "gateway" else ["--health-port", "8001"]
        assert json.loads(cmd.removeprefix("CMD").strip()) == [
            *server,
            "--host",
            "0.0.0.0",
            "--port",
            "8000",
            *extra,
        ]
        directory = MIGRATION_DIRS[process]
        assert (ROOT / directory / "alembic.ini").is_file()
        copies = [line.split()[1:] for line in stage if line.startswith("COPY")]
        assert [f"{directory}/alembic.ini", f"/app/{directory}/alembic.ini"] in copies
        assert [f"{directory}/migrations", f"/app/{directory}/migrations"] in copies
        assert [f"--from=build-{process}", "/app/.venv", "/app/.venv"] in copies
        # Migrations are an explicit step: the server command never runs them.
        assert not any("migrate" in line for line in stage if line.startswith(("CMD", "RUN")))


def test_runtime_is_slim_pinned_non_root_with_a_healthcheck_and_no_build_tools() -> None:
    found = stages(DOCKERFILE.read_text())
    for stage in found.values():
        image = stage[0].split()[1]
        if ":" in image:
            assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", image), image
    runtime = found["runtime"]
    user = next(line for line in runtime if line.startswith("USER")).split()[1]
    assert user.split(":")[0].isdigit()
    assert int(user.split(":")[0]) >= 10000
    # The services' health check uses the plain probe port (8000 wants a client certificate).
    for name, port in (("service-runtime", 8001), ("gateway", 8000)):
        assert any(
            line.startswith("HEALTHCHECK") and f"127.0.0.1:{port}/healthz" in line
            for line in found[name]
        ), name
    for name in ("runtime", "service-runtime", *PROCESSES):
        for line in found[name]:
            assert not re.search(r"\b(pip|uv|apt-get|gcc|build-essential)\b", line.split("#")[0])
            assert not line.startswith(("ARG", "ENV")) or not re.search(
                r"(KEY|SECRET|PASSWORD|DATABASE_URL)=", line
            ), f"{name}: no secret in an image: {line}"


def test_build_context_leaves_out_environments_local_data_and_secrets() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {"**/.venv", "**/.venv-*", "var", "**/*.env", "**/tests", "**/.git"} <= ignored


@pytest.mark.parametrize("process", PROCESSES)
def test_uv_can_install_the_target_package_from_the_lock(process: str) -> None:
    """The build stage's ``uv sync --package`` names a workspace member of the lock."""
    lock = (ROOT / "uv.lock").read_text()
    assert f'name = "agora-{process}"' in lock
    assert f"--package agora-{process}" in DOCKERFILE.read_text()


def test_the_console_has_a_target_without_migrations_or_secrets() -> None:
    text = DOCKERFILE.read_text()
    stage = stages(text)["console"]
    assert stage[0].split()[1] == "runtime"
    cmd = next(line for line in stage if line.startswith("CMD"))
    # python -m agora_console: uvicorn on AGORA_CONSOLE_HOST/PORT, without proxy headers.
    assert json.loads(cmd.removeprefix("CMD").strip()) == ["python", "-m", "agora_console"]
    copies = [line.split()[1:] for line in stage if line.startswith("COPY")]
    assert copies == [["--from=build-console", "/app/.venv", "/app/.venv"]]
    assert any(
        line.startswith("HEALTHCHECK") and "127.0.0.1:8000/console/healthz" in line
        for line in stage
    )
    assert "--package agora-console" in text
    assert 'name = "agora-console"' in (ROOT / "uv.lock").read_text()
