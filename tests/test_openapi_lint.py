"""The merged OpenAPI document lints clean under Redocly's and Spectral's recommended rules.

The document is the running gateway's ``/openapi.json``, written to a file and linted by the
tools ``make node-tools`` installs into tools/node (configs: tools/node/redocly.yaml and
tools/node/spectral.yaml). Without Node or those tools the test skips, saying why; in CI
(``CI`` set) it fails instead. A broken copy of the document shows that a problem is seen.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from agora_platform.testing.e2e import Agora

ROOT = Path(__file__).resolve().parents[1]
NODE_TOOLS = ROOT / "tools" / "node"
BIN = NODE_TOOLS / "node_modules" / ".bin"
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


def require_node_tools() -> None:
    """Skip with the reason on a machine without Node or the tools; fail in CI."""
    missing = [] if shutil.which("node") else ["node (apt-get install nodejs)"]
    missing += [
        f"{BIN / tool} (make node-tools)"
        for tool in ("redocly", "spectral")
        if not (BIN / tool).exists()
    ]
    if not missing:
        return
    reason = "missing " + ", ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must lint the OpenAPI document")
    pytest.skip(f"{reason}; install them to lint the OpenAPI document")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **QUIET}
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, check=False
    )


def redocly_problems(document: Path) -> list[str]:
    """Every error and warning of ``redocly lint`` with the recommended rules."""
    config = NODE_TOOLS / "redocly.yaml"
    done = _run(
        [str(BIN / "redocly"), "lint", "--config", str(config), "--format", "json", str(document)]
    )
    start = done.stdout.find("{")
    assert start >= 0, f"redocly said no JSON: {done.stdout[-2000:]} {done.stderr[-2000:]}"
    report = json.loads(done.stdout[start:])
    return [
        f"{p['severity']} {p['ruleId']}: {p['message']} at {[at.get('pointer') for at in p['location']]}"
        for p in report["problems"]
        if p["severity"] in ("error", "warn")
    ]


def spectral_problems(document: Path) -> list[str]:
    """Every result of ``spectral lint`` with a ruleset extending ``spectral:oas``."""
    ruleset = NODE_TOOLS / "spectral.yaml"
    done = _run(
        [
            str(BIN / "spectral"),
            "lint",
            "--ruleset",
            str(ruleset),
            "--format",
            "json",
            "--quiet",
            "--fail-severity",
            "hint",
            str(document),
        ]
    )
    start = done.stdout.find("[")
    assert start >= 0, f"spectral said no JSON: {done.stdout[-2000:]} {done.stderr[-2000:]}"
    results = json.loads(done.stdout[start:])
    assert (done.returncode == 0) == (results == []), done.stderr[-2000:]
    return [f"{r['code']}: {r['message']} at {'.'.join(map(str, r['path']))}" for r in results]


@pytest.fixture(scope="module")
async def merged(agora: Agora) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=agora.url, timeout=30) as anonymous:
        response = await anonymous.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def _written(document: dict[str, Any], directory: Path) -> Path:
    path = directory / "openapi.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def test_the_merged_document_lints_clean(merged: dict[str, Any], tmp_path: Path) -> None:
    require_node_tools()
    path = _written(merged, tmp_path)
    assert redocly_problems(path) == []
    assert spectral_problems(path) == []


def test_the_linters_see_a_broken_document(merged: dict[str, Any], tmp_path: Path) -> None:
    """Negative control: without servers, global tags and contact both linters complain."""
    require_node_tools()
    broken = copy.deepcopy(merged)
    del broken["servers"], broken["tags"], broken["info"]["contact"]
    path = _written(broken, tmp_path)
    assert any("no-empty-servers" in p for p in redocly_problems(path))
    found = spectral_problems(path)
    assert any(p.startswith("operation-tag-defined") for p in found)
    assert any(p.startswith("info-contact") for p in found)


def test_every_tag_in_use_is_described(merged: dict[str, Any]) -> None:
    used = {
        tag
        for item in merged["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", [])
    }
    described = {t["name"] for t in merged["tags"] if t.get("description")}
    assert used, "no operation has a tag"
    assert used <= described, sorted(used - described)
