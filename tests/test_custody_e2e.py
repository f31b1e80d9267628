"""A custody transfer through the gateway: the custodian hands an actor over, the receiving
state sees it pending and accepts, then reads the personal data; the old custodian cannot."""

from __future__ import annotations

import secrets
from typing import Any

from agora_platform.testing.e2e import Agora

MARK = secrets.token_hex(6)
PERSON: dict[str, Any] = {
    "kind": "individual",
    "public_name": f"Custody E2E {MARK}",
    "legal_name": f"Legal {MARK}",
    "sectors": ["independent_media"],
    "host_country": "MT",
    "risk_level": "high",
    "contact": {"email": f"custody.{MARK}@example.org"},
}


async def test_an_accepted_transfer_moves_the_personal_data_to_the_new_custodian(
    agora: Agora,
) -> None:
    old = await agora.agency("MT")
    new = await agora.agency("CY")
    stranger = await agora.agency("SI")
    actor = (await old.post("/v1/actors", json=PERSON)).json()
    url = f"/v1/actors/{actor['id']}"
    assert (await old.get(url)).json()["legal_name"] == PERSON["legal_name"]

    requested = await old.post(
        f"{url}/custody-transfers",
        json={"to_state": "CY", "grants": "drop"},
        headers={"Idempotency-Key": f"custody-{MARK}"},
    )
    assert requested.status_code == 201, requested.text
    transfer = requested.json()
    incoming = await new.get("/v1/actors/custody-transfers", params={"direction": "incoming"})
    assert transfer["id"] in [t["id"] for t in incoming.json()["items"]]
    elsewhere = await stranger.get("/v1/actors/custody-transfers", params={"direction": "incoming"})
    assert transfer["id"] not in [t["id"] for t in elsewhere.json()["items"]]

    accept = f"{url}/custody-transfers/{transfer['id']}/accept"
    assert (await stranger.post(accept)).status_code == 404
    assert (await old.post(accept)).status_code == 403
    accepted = await new.post(accept)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert "x-agora-audit" not in accepted.headers

    as_new = (await new.get(url)).json()
    assert as_new["custodian_state"] == "CY"
    assert as_new["legal_name"] == PERSON["legal_name"]
    assert as_new["contact"]["email"] == PERSON["contact"]["email"]
    as_old = await old.get(url)
    assert as_old.json()["custodian_state"] == "CY"
    assert MARK not in as_old.text.replace(PERSON["public_name"], "")
    patch = await old.patch(
        url,
        content=b'{"public_name": "x"}',
        headers={"Content-Type": "application/merge-patch+json", "If-Match": '"2"'},
    )
    assert patch.status_code == 403
