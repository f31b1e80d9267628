"""The actor read model fed by real actors.* events from the test nats-server."""

import asyncio
from typing import Any

import nats
from agora_common.events import CloudEvent
from agora_common.testing.client import Caller, ServiceClient
from agora_common.testing.nats import NatsServer

DE = Caller("agency", "DE")


async def publish(server: NatsServer, event: CloudEvent) -> None:
    nc = await nats.connect(server.url)
    try:
        js = nc.jetstream()
        try:
            await js.stream_info("ACTORS")
        except nats.js.errors.NotFoundError:
            # The actor registry owns its stream and creates it; funding only consumes from it.
            await js.add_stream(name="ACTORS", subjects=["agora.actors.>"])
        subject = event.type.removesuffix(".v1")
        await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": event.id})
    finally:
        await nc.drain()


async def commit(funding: ServiceClient, actor_id: str) -> int:
    response = await funding.post(
        "/v1/funding/commitments",
        caller=DE,
        json={
            "actor_id": actor_id,
            "instrument": "fellowship",
            "amount": "1000.00",
            "currency": "EUR",
            "period": {"start": "2026-01-01", "end": "2026-06-30"},
            "purposes": ["future_visions"],
        },
    )
    return response.status_code


async def eventually(check: Any, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def read_model(actors: Any, actor_id: str) -> Any:
    from funding.actors_view.models import KnownActor

    async with actors.db.transaction(readonly=True) as session:
        return await session.get(KnownActor, actor_id)


async def test_actor_events_from_the_stream(
    funding: ServiceClient, actors: Any, nats_server: NatsServer, backend: str
) -> None:
    actor_id = f"act_stream_{backend}"
    assert await commit(funding, actor_id) == 422  # never heard of it

    await publish(nats_server, actors.event(actor_id, version=1, host_country="LT"))

    async def known() -> bool:
        return await commit(funding, actor_id) == 201

    await eventually(known)

    # A newer update applies; an older one arriving late is ignored.
    await publish(
        nats_server,
        actors.event(
            actor_id, version=3, event_type="updated", host_country="PL", relocated_on="2023-01-01"
        ),
    )
    await publish(
        nats_server, actors.event(actor_id, version=2, event_type="updated", host_country="EE")
    )

    async def updated() -> bool:
        row = await read_model(actors, actor_id)
        return row is not None and row.version == 3

    await eventually(updated)
    await publish(nats_server, actors.event("act_marker", version=1))

    async def marker() -> bool:
        return await read_model(actors, "act_marker") is not None

    await eventually(marker)  # the stale update before it has been handled too
    row = await read_model(actors, actor_id)
    assert (row.version, row.host_country, str(row.relocated_on)) == (3, "PL", "2023-01-01")

    await publish(nats_server, actors.event(actor_id, version=4, event_type="erased"))

    async def erased() -> bool:
        row = await read_model(actors, actor_id)
        return bool(row.erased)

    await eventually(erased)
    row = await read_model(actors, actor_id)
    assert (row.kind, row.host_country, row.custodian_state) == (None, None, None)
    assert await commit(funding, actor_id) == 422
    # A replayed registration cannot bring an erased actor back.
    await publish(nats_server, actors.event(actor_id, version=5))
    await publish(nats_server, actors.event("act_marker2", version=1))

    async def marker2() -> bool:
        return await read_model(actors, "act_marker2") is not None

    await eventually(marker2)
    assert (await read_model(actors, actor_id)).erased
