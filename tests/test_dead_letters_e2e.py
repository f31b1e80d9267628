"""Dead letters through the gateway: an event the consumers cannot apply is parked, an admin
lists and inspects it without its payload, and a replay that still fails changes nothing.

The event is published into ACTORS as the actors service would (its own NATS user): a
``registered`` event whose payload lacks the version every reader needs, and carries a name
besides. Funding's and evaluation's consumers both park it. (Fixing a cause and replaying it
once is tested on the mechanism, libs/common/tests/integration/test_dead_letters.py.)
"""

from __future__ import annotations

import secrets
from typing import Any

import nats
from agora_common.events import CloudEvent
from agora_platform.testing.e2e import Agora, Platform, eventually

NAME = f"Hidden Person {secrets.token_hex(4)}"


async def _park_one(platform: Platform) -> str:
    event = CloudEvent(
        type="agora.actors.registered.v1",
        source="agora/actors",
        subject="act_deadletter",
        data={"actor_id": "act_deadletter", "kind": "individual", "legal_name": NAME},
    )
    assert platform.nats_url is not None
    nc = await nats.connect(platform.nats_url, **platform.nats_credentials("actors"))  # type: ignore[arg-type]
    try:
        await nc.jetstream().publish("agora.actors.registered", event.to_json())
    finally:
        await nc.close()
    return event.id


async def test_an_admin_lists_inspects_and_cannot_replay_a_poison_event(
    agora: Agora, platform: Platform
) -> None:
    event_id = await _park_one(platform)
    admin = agora.admin

    async def parked(service: str) -> dict[str, Any] | None:
        after = None
        while True:
            params = {"limit": "200"} | ({"after": str(after)} if after else {})
            page = await admin.get(f"/v1/{service}/dead-letters", params=params)
            assert page.status_code == 200, page.text
            assert NAME not in page.text
            body = page.json()
            for item in body["items"]:
                if item["event_id"] == event_id:
                    return dict(item)
            if body["next_after"] is None:
                return None
            after = body["next_after"]

    for service in ("funding", "evaluation"):
        letter = await eventually(lambda service=service: parked(service), timeout=30)
        assert letter["event_type"] == "agora.actors.registered.v1"
        assert letter["error_class"] == "ValidationError"
        assert letter["consumer"] == f"{service}-actors"
        assert letter["applied"] is False
        assert letter["stream_seq"] is not None
        assert letter["attempts"] == 1
        one = await admin.get(f"/v1/{service}/dead-letters/{letter['id']}")
        assert one.status_code == 200
        assert one.json() == letter
        assert NAME not in one.text

        # The cause cannot be fixed (the payload itself is wrong): the replay is refused.
        replay = await admin.post(f"/v1/{service}/dead-letters/{letter['id']}/replay")
        assert replay.status_code == 409, replay.text
        assert replay.headers["content-type"] == "application/problem+json"
        assert NAME not in replay.text
        again = await admin.get(f"/v1/{service}/dead-letters/{letter['id']}")
        assert again.json()["applied"] is False
        # Another service's dead letter is not this one's to show.
        other = "evaluation" if service == "funding" else "funding"
        elsewhere = await admin.get(f"/v1/{other}/dead-letters/{letter['id']}")
        assert elsewhere.status_code == 404

    agency = await agora.agency("DE")
    refused = await agency.get("/v1/funding/dead-letters")
    assert refused.status_code == 403
