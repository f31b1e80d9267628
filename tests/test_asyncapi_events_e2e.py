"""Every event the platform publishes fits its message in the AsyncAPI document the gateway serves.

A scenario through the gateway publishes events of all three services; then every event in the
outboxes (this test's and those of every test before it in the session) and every audit
checkpoint on the ``AUDIT`` stream is checked against ``/asyncapi.json``. The session's platform
checks the outboxes once more when it stops (``tests/conftest.py``), after every test.
"""

from __future__ import annotations

import json

import nats
from agora_platform.testing.e2e import Agora, eventually
from agora_platform.testing.events import (
    Published,
    asyncapi_document,
    invalid_events,
    published_events,
)

ORG = {
    "kind": "organisation",
    "public_name": "Events Schema Check",
    "sectors": ["independent_media"],
    "host_country": "LT",
}
PERIOD = {"start": "2051-01-01", "end": "2051-12-31"}
EXPECTED = {
    "agora.actors.registered.v1",
    "agora.actors.updated.v1",
    "agora.funding.commitment_made.v1",
    "agora.funding.overlap_detected.v1",
    "agora.funding.disbursement_recorded.v1",
    "agora.funding.commitment_cancelled.v1",
    "agora.evaluation.cycle_opened.v1",
}


async def scenario(agora: Agora) -> None:
    """Events of every service: an actor registered and changed, two overlapping commitments,
    a disbursement and a cancellation, and an evaluation cycle opened."""
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    created = await de.post("/v1/actors", json=ORG)
    assert created.status_code == 201, created.text
    actor = f"/v1/actors/{created.json()['id']}"
    patched = await de.patch(
        actor,
        json={"sectors": ["independent_media", "research"]},
        headers={
            "If-Match": created.headers["etag"],
            "Content-Type": "application/merge-patch+json",
        },
    )
    assert patched.status_code == 200, patched.text

    async def known_to_funding() -> bool:
        summary = await fr.get(f"/v1/funding/actors/{created.json()['id']}/summary")
        return summary.status_code == 200

    await eventually(known_to_funding)
    commitment = {
        "actor_id": created.json()["id"],
        "instrument": "grant",
        "amount": "1000.00",
        "currency": "EUR",
        "period": PERIOD,
        "purposes": ["anti_war"],
    }
    first = await de.post("/v1/funding/commitments", json=commitment)
    second = await fr.post("/v1/funding/commitments", json=commitment)
    assert (first.status_code, second.status_code) == (201, 201), second.text
    url = f"/v1/funding/commitments/{first.json()['id']}"
    paid = await de.post(f"{url}/disbursements", json={"amount": "10.50", "date": "2051-02-01"})
    assert paid.status_code == 201, paid.text
    assert (await de.post(f"{url}/cancel")).status_code == 200
    cycle = await agora.admin.post(
        "/v1/evaluation/cycles", json={"name": "Schema check 2051", "period": PERIOD}
    )
    assert cycle.status_code == 201, cycle.text


async def checkpoints(agora: Agora) -> list[Published]:
    """The messages of the AUDIT stream, read as the gateway reads them."""
    platform = agora.platform
    assert platform.nats_url is not None
    nc = await nats.connect(platform.nats_url, **platform.nats_credentials("gateway"))  # type: ignore[arg-type]
    try:
        js = nc.jetstream()
        info = await js.stream_info("AUDIT")
        found = []
        if not info.state.messages:
            return found  # no checkpoint yet (a busy machine): asked again
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg("AUDIT", seq)
            found.append(
                Published(
                    f"AUDIT #{seq}",
                    str(message.subject),
                    dict(message.headers or {}),
                    message.data or b"",
                )
            )
        return found
    finally:
        await nc.close()


async def test_every_published_event_fits_the_asyncapi_document(agora: Agora) -> None:
    await scenario(agora)
    document = asyncapi_document(agora.platform)

    async def all_published() -> list[Published] | None:
        events = published_events(agora.platform)
        types = {json.loads(e.payload)["type"] for e in events}
        return events if types >= EXPECTED else None

    events = await eventually(all_published, timeout=30)
    audit = await eventually(lambda: checkpoints(agora), timeout=30)  # the first comes in 5 s
    assert invalid_events(document, [*events, *audit]) == []
