"""Which pages each role uses: the menu shows only these, and the pages refuse the others."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    title: str
    path: str
    roles: frozenset[str]


AREAS: tuple[Area, ...] = (
    Area("overview", "Overview", "/console/overview", frozenset({"agency", "admin"})),
    Area("actors", "Actors", "/console/actors", frozenset({"agency", "evaluator", "admin"})),
    Area("funding", "Funding", "/console/funding", frozenset({"agency"})),
    Area("permits", "Permits", "/console/permits", frozenset({"agency"})),
    Area("evaluation", "Evaluation", "/console/evaluation", frozenset({"evaluator"})),
    Area("audit", "Audit trail", "/console/audit", frozenset({"auditor"})),
    Area("admin", "Administration", "/console/admin", frozenset({"admin"})),
    Area("stewardship", "Stewardship", "/console/stewardship", frozenset({"steward"})),
)
BY_KEY = {area.key: area for area in AREAS}

ROLE_NAMES = {
    "agency": "Agency",
    "evaluator": "Evaluator",
    "admin": "Operator",
    "auditor": "Auditor",
    "steward": "Steward",
    "none": "No console role",
}


def areas_for(role: str) -> list[Area]:
    return [area for area in AREAS if role in area.roles]


def home_for(role: str) -> str:
    """The first page a role lands on after signing in."""
    areas = areas_for(role)
    return areas[0].path if areas else "/console/nothing"


def safe_next(value: str | None) -> str | None:
    """``value`` if it is a path inside the console (no scheme, host or protocol-relative URL)."""
    if not value or len(value) > 2000:
        return None
    if not value.startswith("/console/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    if value.startswith(("/console/login", "/console/logout")):
        return None
    return value
