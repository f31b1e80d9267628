"""Schemathesis against the gateway's merged OpenAPI document, with valid tokens, all checks.

Each operation is called as a role that may use it (the first role the authorization matrix
lets through), so the generated requests reach the services instead of stopping at a 401/403.
Every operation gets valid (positive) and invalid (negative) requests. ``make fuzz`` runs the
same test with many more examples (``AGORA_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import requests
import schemathesis
from agora_platform import Platform
from agora_platform.testing.authorization import MATRIX, ROLES
from agora_platform.testing.e2e import Agora
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.config import SchemathesisConfig

EXAMPLES = int(os.environ.get("AGORA_FUZZ_EXAMPLES", "4"))
# Every check runs. One is configured: a schema-valid request may still break a rule the schema
# cannot state — an ISO code list, a cross-field rule, an unknown actor id, an opaque cursor, an
# Idempotency-Key reused with another body — and the contract answers those with 422.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
            }
        }
    }
)


@pytest.fixture(scope="session")
async def fuzz_tokens(agora: Agora) -> dict[str, str]:
    """A valid bearer token per role that the fuzz calls as (the agency and steward of DE)."""
    tokens = {"admin": str(agora.admin.headers["Authorization"]).removeprefix("Bearer ")}
    for role, (kind, state) in {
        "owner": ("agency", "DE"),
        "evaluator": ("evaluator", None),
        "auditor": ("auditor", None),
        "monitor": ("monitor", None),
    }.items():
        created = await agora.register_client(kind, state, name=f"fuzz {role}")
        tokens[role] = await agora.token(created["client_id"], created["client_secret"])
    steward_id, steward_secret = await agora.new_steward("DE")
    tokens["steward"] = await agora.token(steward_id, steward_secret)
    return tokens


FUZZED_ROLES = ("admin", "owner", "evaluator", "auditor", "steward", "monitor")


def _role_for(operation: str) -> str | None:
    """The first role the matrix lets use ``operation``; None for the public ones."""
    for role, status in zip(ROLES, MATRIX[operation], strict=True):
        if 200 <= status < 300 and role in FUZZED_ROLES:
            return role
    return None


def _fuzz(operation: Any, mode: GenerationMode, run: Any) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    def one(case: Case) -> None:
        run(case)

    one()


def test_gateway_api_under_schemathesis(platform: Platform, fuzz_tokens: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_url(f"{platform.gateway_url}/openapi.json", config=CONFIG)
    session = requests.Session()
    operations = 0
    cases = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        name = f"{operation.method.upper()} {operation.path}"
        role = _role_for(name)
        headers = {"Authorization": f"Bearer {fuzz_tokens[role]}"} if role else {}
        operations += 1

        def run(case: Case, headers: dict[str, str] = headers) -> None:
            nonlocal cases
            cases += 1
            case.call_and_validate(base_url=platform.gateway_url, session=session, headers=headers)

        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, run)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{name} ({mode.value}): {str(exc).strip()[:1500]}")
    print(f"\nschemathesis: {operations} operations, {cases} cases, {len(failures)} failures")
    assert failures == [], "\n\n".join(failures)
