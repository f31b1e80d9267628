"""Fixtures for the deployment checks: the compose file, rendered overlays, the generator."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_support import DEPLOY, K8S, OVERLAYS, ROOT, load_module, render


@pytest.fixture(scope="session")
def gen_secrets() -> ModuleType:
    return load_module(DEPLOY / "gen_secrets.py", "agora_deploy_gen_secrets")


@pytest.fixture(scope="session")
def rendered_text() -> dict[str, str]:
    return {overlay: render(K8S / "overlays" / overlay) for overlay in OVERLAYS}


@pytest.fixture(scope="session")
def rendered(rendered_text: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """overlay → its resources."""
    return {
        overlay: [doc for doc in yaml.safe_load_all(text) if doc]
        for overlay, text in rendered_text.items()
    }


@pytest.fixture(scope="session")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(loaded, dict)
    return loaded
