"""Statistics through the gateway: an agency that makes counted changes at will (registrations,
edits of its own actors' consent scope) does not get a new release, so it cannot difference
two releases around someone else's registration; the response says how it is protected.

The attack itself, run 200 times against the service's own functions, and its negative control
are in services/actors/tests/integration/test_statistics_privacy.py (they set the clock)."""

from __future__ import annotations

import secrets
from typing import Any

from agora_platform.testing.e2e import Agora

MARK = secrets.token_hex(4)


def _person(gender: str) -> dict[str, Any]:
    return {
        "kind": "individual",
        "public_name": f"Stats {MARK}",
        "sectors": ["culture"],
        "host_country": "LT",
        "representation": {"gender": gender},
        "consent": {"given_on": "2024-03-01", "scope": "statistics"},
    }


async def test_an_agency_cannot_trigger_a_new_release(agora: Agora) -> None:
    attacker = await agora.client("agency", "FR")
    other_state = await agora.client("agency", "DE")
    own = []
    for gender in ("female", "male") * 3:
        created = await attacker.post("/v1/actors", json=_person(gender))
        assert created.status_code == 201, created.text
        own.append(created.json()["id"])
    first = await attacker.get("/v1/actors/statistics")
    assert first.status_code == 200, first.text
    privacy = first.json()["privacy"]
    assert privacy["mechanism"] == "discrete_laplace"
    assert privacy["epsilon"] in (0.0, 1.0)
    assert privacy["budget"]["epsilon"] == 4.0
    assert privacy["budget"]["min_interval_hours"] == 168.0

    # Far more counted changes than a release asks for, around one registration by DE.
    for version in range(1, 6):
        edited = await attacker.patch(
            f"/v1/actors/{own[0]}",
            json={"consent": {"scope": f"statistics {version}"}},
            headers={"If-Match": f'"{version}"', "Content-Type": "application/merge-patch+json"},
        )
        assert edited.status_code == 200, edited.text
    target = await other_state.post("/v1/actors", json=_person("female"))
    assert target.status_code == 201, target.text
    for gender in ("female", "male") * 3:
        assert (await attacker.post("/v1/actors", json=_person(gender))).status_code == 201

    for client in (attacker, other_state, agora.admin):
        again = await client.get("/v1/actors/statistics")
        assert again.status_code == 200
        assert again.json() == first.json()  # the same release: same noise, same time
