"""Regenerate agora_client's typed layer from the gateway's merged OpenAPI document (make client).

The document is the gateway's own ``/openapi.json`` handler, run in-process against the three
service apps (no database, no NATS, no ports; as tests/test_contract_paths.py builds it). The
generator is openapi-python-client; its output is formatted with the project's ruff settings, so
the same document always gives the same files (tests/test_client_generated.py relies on it).

    python clients/python/scripts/generate.py [--output DIR] [--document FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[3]
CLIENT = ROOT / "clients" / "python"
CONFIG = CLIENT / "openapi-python-client.yaml"
GENERATED = CLIENT / "src" / "agora_client" / "_generated"
BIN = Path(sys.executable).parent


class _Services(httpx.AsyncBaseTransport):
    """Routes the gateway's requests to each service app in-process, by host name."""

    def __init__(self, apps: dict[str, Any]) -> None:
        self.transports = {name: httpx.ASGITransport(app=app) for name, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transports[request.url.host].handle_async_request(request)


async def merged_document(data_dir: Path) -> dict[str, Any]:
    """The gateway's merged OpenAPI document, built in-process."""
    from actors.config import Settings as ActorsSettings
    from actors.main import create_app as actors_app
    from evaluation.config import Settings as EvaluationSettings
    from evaluation.main import create_app as evaluation_app
    from funding.config import Settings as FundingSettings
    from funding.main import create_app as funding_app
    from gateway.config import Settings as GatewaySettings
    from gateway.main import create_app as gateway_app
    from starlette.routing import Route

    common: dict[str, Any] = {"env": "development", "data_dir": data_dir}
    apps = {
        "actors": actors_app(ActorsSettings(**common)),
        "funding": funding_app(FundingSettings(**common)),
        "evaluation": evaluation_app(EvaluationSettings(**common)),
    }
    gateway = gateway_app(
        GatewaySettings(
            **common,
            actors_url="http://actors",
            funding_url="http://funding",
            evaluation_url="http://evaluation",
        )
    )
    gateway.state.openapi = None
    gateway.state.route_templates = None

    def routes(items: list[Any]) -> list[Any]:
        flat: list[Any] = []
        for route in items:
            inner = getattr(route, "original_router", None)
            flat += routes(inner.routes) if inner is not None else [route]
        return flat

    async with httpx.AsyncClient(transport=_Services(apps)) as http:
        gateway.state.http = http
        handler = next(
            r.endpoint
            for r in routes(gateway.routes)
            if isinstance(r, Route) and r.path == "/openapi.json"
        )
        response = await handler()
    if gateway.state.openapi is None:
        raise SystemExit("a service's OpenAPI document could not be fetched")
    document: dict[str, Any] = json.loads(response.body)
    return document


def named_by_key(document: dict[str, Any]) -> dict[str, Any]:
    """The document with each component schema titled by its key.

    The gateway prefixes a component whose name two services use (``EvaluationPeriod``) but keeps
    its title (``Period``); the generator names models by title and drops both on a clash.
    """
    for key, schema in document.get("components", {}).get("schemas", {}).items():
        schema["title"] = key
    return document


def generate(document: Path, output: Path) -> None:
    """Run the generator on ``document`` into ``output`` (replaced), then format it.

    The document itself is kept beside the code (``openapi.json``): the CLI validates rows
    against its request schemas before it sends anything.
    """
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "_generated"
        subprocess.run(
            [
                str(BIN / "openapi-python-client"),
                "generate",
                "--path",
                str(document),
                "--config",
                str(CONFIG),
                "--meta",
                "none",
                "--output-path",
                str(target),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ruff = [str(BIN / "ruff"), "--config", str(ROOT / "pyproject.toml")]
        subprocess.run(
            [*ruff[:1], "check", "--fix-only", "--exit-zero", "--quiet", *ruff[1:], str(target)],
            check=True,
        )
        subprocess.run([*ruff[:1], "format", "--quiet", *ruff[1:], str(target)], check=True)
        shutil.copyfile(document, target / "openapi.json")
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(target, output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=GENERATED)
    parser.add_argument("--document", type=Path, help="also keep the merged document here")
    args = parser.parse_args()
    os.environ.setdefault("AGORA_LOG_LEVEL", "WARNING")  # the apps' access logs are noise here
    with tempfile.TemporaryDirectory() as scratch:
        document = named_by_key(asyncio.run(merged_document(Path(scratch))))
        path = Path(scratch) / "openapi.json"
        path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        generate(path, args.output)
        if args.document:
            shutil.copyfile(path, args.document)


if __name__ == "__main__":
    main()
