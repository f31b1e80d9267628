"""docs/contract.md and the merged OpenAPI document name the same operations.

Every operation of contract v1 must be served; every operation of the v1.1 section is either
served or listed in ``NOT_YET_BUILT``, and a listed one that is now served fails the test, so the
list only shrinks. The merged document is the gateway's own ``/openapi.json`` handler, run
in-process against the three service apps (no database, no NATS, no ports).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from actors.config import Settings as ActorsSettings
from actors.main import create_app as actors_app
from evaluation.config import Settings as EvaluationSettings
from evaluation.main import create_app as evaluation_app
from fastapi import FastAPI
from fastapi.routing import APIRoute
from funding.config import Settings as FundingSettings
from funding.main import create_app as funding_app
from gateway.config import Settings as GatewaySettings
from gateway.main import create_app as gateway_app
from starlette.routing import Mount, Route

CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "contract.md"
V1_1_HEADING = "# Contract v1.1"
VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# An operation is "VERB /path", or a bare "/path" for a path the text names without a verb (served
# with any method, or a prefix of served paths, as "`/v1`" and "`/v1/actors`" are).
Operation = str

# Served by the gateway but, by design, not operations of the OpenAPI document: they are the
# platform's plumbing, not the API an integrator calls.
OUTSIDE_DOCUMENT = {
    "/healthz": "liveness probe",
    "/readyz": "readiness probe",
    "/openapi.json": "the document itself",
    "/docs": "the Swagger UI page for the document",
    "/metrics": "Prometheus scrape endpoint",
    "/redoc": "the ReDoc page for the document (v1.1)",
    "/asyncapi.json": "the AsyncAPI document of the event streams (v1.1)",
    "/console/": "the web console for people (v1.1)",
}

# Operations of the v1.1 section that are not served yet. Remove a line when it is built.
NOT_YET_BUILT: set[str] = set()

_CODE_SPAN = re.compile(r"`([^`]+)`")
_OPERATION = re.compile(rf"^({'|'.join(VERBS)})\s+(/\S*)$")
_BARE_PATH = re.compile(r"^/\S*$")


def normalise(path: str) -> str:
    """A path template without its query and with every parameter name dropped."""
    return re.sub(r"\{[^}/]*\}", "{}", path.split("?", 1)[0])


def operations(markdown: str) -> set[Operation]:
    """Every ``VERB /path`` and bare ``/path`` in the text's code spans (which may wrap lines)."""
    found = set()
    for span in _CODE_SPAN.findall(markdown):
        text = " ".join(span.split())
        if match := _OPERATION.match(text):
            found.add(f"{match[1]} {normalise(match[2])}")
        elif _BARE_PATH.match(text):
            found.add(normalise(text))
    return found


def contract_parts() -> tuple[str, str]:
    """The text of contract v1, and that of the v1.1 section."""
    text = CONTRACT.read_text(encoding="utf-8")
    v1, heading, v1_1 = text.partition(f"\n{V1_1_HEADING}")
    assert heading, f"{CONTRACT} has no heading {V1_1_HEADING!r}"
    return v1, v1_1


def flat_routes(routes: list[Any]) -> list[Any]:
    """Every route, looking inside included routers (FastAPI 0.165 keeps an included router as
    one entry whose ``original_router`` holds the routes, already with their full paths here:
    the gateway includes its routers without a prefix)."""
    flat: list[Any] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is None:
            flat.append(route)
            continue
        assert not route.include_context.prefix, "an included router with a prefix: add it"
        flat += flat_routes(inner.routes)
    return flat


class Served:
    """What the platform serves: the merged OpenAPI document and the gateway's other routes."""

    def __init__(self, document: dict[str, Any], gateway: FastAPI) -> None:
        self.documented = {
            f"{method.upper()} {normalise(path)}"
            for path, item in document["paths"].items()
            for method in item
            if method.upper() in VERBS
        }
        self.other: set[str] = set()  # the gateway's routes outside the document
        self.mounts: list[str] = []
        for route in flat_routes(gateway.routes):
            if isinstance(route, Mount):
                self.mounts.append(route.path)
            elif isinstance(route, APIRoute | Route) and not route.path.startswith("/v1/{service}"):
                if isinstance(route, APIRoute) and route.include_in_schema:
                    continue
                for method in route.methods or ():
                    self.other.add(f"{method} {normalise(route.path)}")

    def serves(self, operation: Operation) -> bool:
        if " " not in operation:  # a bare path: any method, or a prefix of served paths
            paths = {op.split(" ", 1)[1] for op in self.documented | self.other}
            return any(p == operation or p.startswith(operation.rstrip("/") + "/") for p in paths)
        if operation in self.documented:
            return True
        path = operation.split(" ", 1)[1]
        if path not in OUTSIDE_DOCUMENT:
            return False
        # A directory path is served by a catch-all route under it ("/console/{rest:path}").
        catch_all = f"{operation}{{}}" if operation.endswith("/") else None
        return (
            operation in self.other
            or catch_all in self.other
            or any(path.startswith(m) for m in self.mounts if m)
        )


class _Services(httpx.AsyncBaseTransport):
    """Routes the gateway's requests to each service app in-process, by host name."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self.transports = {name: httpx.ASGITransport(app=app) for name, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transports[request.url.host].handle_async_request(request)


@pytest.fixture(scope="module")
async def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    data = tmp_path_factory.mktemp("contract")
    common: dict[str, Any] = {"env": "development", "data_dir": data}
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
    # Just the state the handler reads; the lifespan (database, keys) is not needed for it.
    gateway.state.openapi = None
    gateway.state.route_templates = None
    async with httpx.AsyncClient(transport=_Services(apps)) as http:
        gateway.state.http = http
        handler = next(
            r.endpoint
            for r in flat_routes(gateway.routes)
            if isinstance(r, Route) and r.path == "/openapi.json"
        )
        response = await handler()
    document = json.loads(response.body)
    # Only a document merged from every service is kept; a partial one would hide missing paths.
    assert gateway.state.openapi is not None, "a service's document could not be fetched"
    return Served(document, gateway)


def test_the_parser_reads_tables_lists_and_wrapped_spans() -> None:
    snippet = """\
## Gateway — `/v1`
| verb and path | who | what |
|---|---|---|
| `GET /healthz` | anyone | 200 |
| `GET /v1/admin/clients`, `DELETE /v1/admin/clients/{client_id}` | admin | list; revoke |
| `GET /v1/actors/permits/expiring?within_days=N` | agency | `{"state"}` is no path |
- `DELETE
  /v1/stewardship/clients/{client_id}` revokes; `/metrics` needs a token; `reference/x/` is not.
"""
    assert operations(snippet) == {
        "/v1",
        "GET /healthz",
        "GET /v1/admin/clients",
        "DELETE /v1/admin/clients/{}",
        "GET /v1/actors/permits/expiring",
        "DELETE /v1/stewardship/clients/{}",
        "/metrics",
    }


def test_the_contract_is_read_whole() -> None:
    v1, v1_1 = contract_parts()
    assert v1.count("`") % 2 == 0, "an unpaired backtick in contract v1 would misread every span"
    found = {op for op in operations(v1) if " " in op}
    assert len(found) >= 39, sorted(found)  # 12 gateway, 10 actors, 8 funding, 9 evaluation
    assert {"GET /v1/actors/{}", "POST /v1/funding/commitments", "GET /readyz"} <= found
    assert len({op for op in operations(v1_1) if " " in op}) >= 20


def test_every_operation_of_contract_v1_is_served(served: Served) -> None:
    v1, _ = contract_parts()
    missing = sorted(op for op in operations(v1) if not served.serves(op))
    assert not missing, f"documented in contract v1 but not served: {missing}"


def test_every_operation_of_v1_1_is_served_or_listed_as_not_yet_built(served: Served) -> None:
    _, v1_1 = contract_parts()
    documented = operations(v1_1)
    missing = sorted(op for op in documented - NOT_YET_BUILT if not served.serves(op))
    assert not missing, f"documented in v1.1, not served and not in NOT_YET_BUILT: {missing}"
    built = sorted(op for op in NOT_YET_BUILT if served.serves(op))
    assert not built, f"served now: remove from NOT_YET_BUILT: {built}"
    stale = sorted(NOT_YET_BUILT - documented)
    assert not stale, f"in NOT_YET_BUILT but not in the v1.1 section of the contract: {stale}"
