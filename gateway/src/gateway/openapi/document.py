"""Merging the gateway's document with each service's; the platform-wide error responses."""

from __future__ import annotations

import copy
import logging
from typing import Any

import httpx

from gateway.openapi.templates import METHODS

log = logging.getLogger("agora.gateway.openapi")

SECURITY_SCHEMES = {
    "oauth2": {
        "type": "oauth2",
        "description": "OAuth 2.0 client credentials (RFC 6749 §4.4).",
        "flows": {"clientCredentials": {"tokenUrl": "/v1/auth/token", "scopes": {}}},
    },
    "bearer": {"type": "http", "scheme": "bearer"},
}


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                name = value.rsplit("/", 1)[-1]
                if name in renames:
                    value = f"#/components/schemas/{renames[name]}"
            out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, renames) for v in node]
    return node


PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details; field errors never echo the submitted values.",
    "required": ["type", "title", "status", "detail"],
    "examples": [
        {
            "type": "about:blank",
            "title": "Unprocessable content",
            "status": 422,
            "detail": "The request is not valid; see errors.",
            "errors": [
                {
                    "loc": ["body", "host_country"],
                    "msg": "Value error, not an ISO 3166-1 alpha-2 country code",
                    "type": "value_error",
                }
            ],
        },
        {
            "type": "about:blank",
            "title": "Not found",
            "status": 404,
            "detail": "No such actor.",
        },
    ],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
_DESCRIPTIONS = {
    "401": "Missing, invalid, expired or revoked bearer token.",
    "403": "The caller's role may not use this operation.",
    "404": "No such resource, or one the caller may not know exists.",
    "409": "Conflict; or a request with the same Idempotency-Key is still running, or was "
    "already applied and its answer lost (read the resource).",
    "410": "The resource was erased.",
    "412": "If-Match does not match the current ETag.",
    "413": "The request body is larger than 1 MiB.",
    "422": "The request is not valid (field errors), or breaks a rule of the domain.",
    "428": "If-Match is required.",
    "429": "Too many requests from this client; see Retry-After.",
    "502": "The service behind the gateway is unavailable.",
    "503": "Not available right now (e.g. the audit trail cannot be written).",
    "504": "The service behind the gateway did not answer in time.",
}
_METHODS_WITH_BODY = {"post", "put", "patch"}

# Every tag an operation may carry, in the order a reader meets them; only tags in use are
# published (a tag without its description fails the lint test, tests/test_openapi_lint.py).
TAGS = {
    "Authentication": "Get a bearer token with your client credentials (OAuth 2.0 client "
    "credentials, RFC 6749 §4.4) and see who the token stands for.",
    "Actors": "The registry of relocated civil-society actors: registration by the custodian "
    "state, public and personal fields, sharing with other states (grants), residence permits, "
    "vetting, custody transfers, suspected duplicates across states, and statistics.",
    "Funding": "Donors' commitments to actors (pledged, committed, completed) with their "
    "disbursements, amounts in EUR or converted with the operators' FX rates; overlap notices "
    "between donors, joint programmes, and the concentration report.",
    "Evaluation": "Evaluation cycles: activities, evaluators' conflicts of interest, "
    "assignments, blind assessments, scorecards, and the portfolio and representation reports.",
    "Coordination": "One snapshot across the registry, funding and evaluation for an agency.",
    "Webhooks": "Subscriptions to events, delivered signed per the Standard Webhooks "
    "specification, and each subscription's delivery log.",
    "Stewardship": "A state's or donor's own administrator: enrols and revokes its agencies' "
    "clients and reads who touched its actors' data.",
    "Administration": "Operators: clients of the roles other than agency (two admins approve a "
    "steward or an admin).",
    "Audit": "The append-only, hash-chained audit trail, its verification and its signed "
    "checkpoints (auditor).",
}
# Where an integrator turns with questions: nobody outside the deployment runs it.
CONTACT = {"name": "The operators of this Agora deployment (agencies: your state's steward)"}
# Paths are relative to the host that served the document: one gateway per deployment.
SERVERS = [{"url": "/", "description": "This gateway (the host that served this document)."}]


def _error_statuses(path: str, method: str, operation: dict[str, Any], public: bool) -> list[str]:
    """The errors the platform's conventions give this operation, whatever its service says."""
    statuses = ["422", "502", "503", "504"]
    names = [str(p.get("name", "")) for p in operation.get("parameters", [])]
    if any(name.endswith("_id") for name in names):
        statuses.append("404")  # a resource named in the path or the query may not exist
    statuses.append("429")  # per client; for the token endpoint, per client id attempted
    if not public:
        statuses += ["401", "403"]
    if method in _METHODS_WITH_BODY:
        statuses.append("413")
    if method == "post":
        statuses.append("409")  # an Idempotency-Key still in flight
    if "{" in path and "404" not in statuses:
        statuses.append("404")
    if path.startswith("/v1/actors/{actor_id}"):
        statuses.append("410")  # erased
        if method in ("patch", "delete") and path == "/v1/actors/{actor_id}":
            statuses += ["412", "428"]
    return statuses


def document_errors(doc: dict[str, Any]) -> None:
    """Every operation's error responses as problem+json, with the platform-wide ones added."""
    doc["components"]["schemas"]["Problem"] = PROBLEM_SCHEMA
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method not in METHODS or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            public = operation.get("security") == []
            for status, response in responses.items():
                # The token endpoint's 400 and 401 are OAuth error bodies (RFC 6749 §5.2).
                oauth = public and status in ("400", "401")
                if status[:1] in ("4", "5") and not oauth:
                    response["content"] = copy.deepcopy(_PROBLEM)
            for status in _error_statuses(path, method, operation, public):
                responses.setdefault(
                    status,
                    {"description": _DESCRIPTIONS[status], "content": copy.deepcopy(_PROBLEM)},
                )
            if method == "post" and not public:
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name", "").lower() == "idempotency-key" for p in parameters):
                    parameters.append(
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "description": "Replays the first response for the same key and "
                            "body (kept at least 24 h, per client).",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                        }
                    )


def merge(own: dict[str, Any], services: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The gateway's document plus every service's ``/v1`` paths and their schemas."""
    doc = copy.deepcopy(own)
    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    for service, spec in services.items():
        theirs: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        renames = {
            name: f"{service.capitalize()}{name}"
            for name, schema in theirs.items()
            if name in schemas and schemas[name] != schema
        }
        spec = _rewrite_refs(spec, renames)
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas[renames.get(name, name)] = schema
        for path, item in spec.get("paths", {}).items():
            if path.startswith("/v1/"):
                doc["paths"][path] = item
    doc["components"]["securitySchemes"] = SECURITY_SCHEMES
    doc["paths"] = dict(sorted(doc["paths"].items()))
    document_errors(doc)
    _drop_unused_schemas(doc)
    doc["info"]["contact"] = CONTACT
    doc["servers"] = SERVERS
    doc["tags"] = _tags_in_use(doc)
    return doc


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for item in doc["paths"].values()
        for method, operation in item.items()
        if method in METHODS and isinstance(operation, dict)
    ]


def _tags_in_use(doc: dict[str, Any]) -> list[dict[str, str]]:
    """The global tags with their descriptions: those known, then any other in use (bare)."""
    used = {tag for operation in _operations(doc) for tag in operation.get("tags", [])}
    known = [{"name": name, "description": text} for name, text in TAGS.items() if name in used]
    return known + [{"name": name} for name in sorted(used - TAGS.keys())]


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def _drop_unused_schemas(doc: dict[str, Any]) -> None:
    """Drop schemas nothing refers to any more (FastAPI's validation error, replaced by
    ``Problem``), following references from the paths through the schemas."""
    schemas: dict[str, Any] = doc["components"]["schemas"]
    reachable: set[str] = set()
    pending = _refs(doc["paths"])
    while pending:
        name = pending.pop()
        if name in reachable or name not in schemas:
            continue
        reachable.add(name)
        pending |= _refs(schemas[name])
    for name in set(schemas) - reachable:
        del schemas[name]


async def fetch_service_documents(
    http: httpx.AsyncClient, services: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Each reachable service's document, and the names of those that did not answer."""
    documents, missing = {}, []
    for name, url in services.items():
        try:
            response = await http.get(f"{url}/openapi.json", timeout=5)
            response.raise_for_status()
            documents[name] = response.json()
        except (httpx.HTTPError, ValueError):
            missing.append(name)
    return documents, missing
