"""A concentration report read again answers from the report the service kept, but never past
a change: every change that alters the report is in the next read, in this process and in any
other on the same database (both databases)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from agora_common.identity import IdentitySigner
from agora_common.testing.client import Caller, ServiceClient, running
from agora_common.testing.nats import NatsServer
from funding.config import Settings
from funding.main import create_app

DE, FR = Caller("agency", "DE"), Caller("agency", "FR")
ADMIN = Caller("admin")
TODAY = datetime.now(UTC).date()
PERIOD = {
    "start": (TODAY - timedelta(days=30)).isoformat(),
    "end": (TODAY + timedelta(days=300)).isoformat(),
}
DAYS = (TODAY.isoformat(), (TODAY - timedelta(days=10)).isoformat())  # kept totals, history


@pytest.fixture
async def other_process(
    funding_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """A second funding service on the same database, with reports of its own."""
    settings = Settings(
        AGORA_FUNDING_DATABASE_URL=funding_db_url,
        AGORA_FUNDING_THIN_GRANT_EUR=Decimal("5000"),  # as the first's (conftest)
        nats_url=nats_server.url,
        internal_verify_key=identity_keys[1].decode(),
        data_dir=tmp_path / "other",
    )
    async with running(create_app(settings), signer) as client:
        yield client


async def report(funding: ServiceClient, day: str) -> dict[str, Any]:
    response = await funding.get(
        "/v1/funding/reports/concentration", caller=ADMIN, params={"as_of": day}
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def reports(funding: ServiceClient) -> list[dict[str, Any]]:
    """Each day's report, read twice: the second read must equal the first."""
    found = []
    for day in DAYS:
        first = await report(funding, day)
        assert await report(funding, day) == first
        found.append(first)
    return found


async def commit(
    funding: ServiceClient, caller: Caller, actor: str, amount: str, currency: str, status: str
) -> str:
    body = {
        "actor_id": actor,
        "instrument": "grant",
        "period": PERIOD,
        "purposes": ["anti_war"],
        "status": status,
        "amount": amount,
        "currency": currency,
    }
    response = await funding.post("/v1/funding/commitments", caller=caller, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_every_change_is_in_the_next_read(funding: ServiceClient, actors: Any) -> None:
    a = await actors.known("act_snapA", established_on="2010-01-01", relocated_on="2014-03-01")
    b = await actors.known("act_snapB", established_on="2010-01-01", relocated_on="2014-03-01")
    response = await funding.put(
        "/v1/funding/fx-rates/USD",
        caller=ADMIN,
        json={"eur_per_unit": "0.9", "as_of": "2020-01-01"},
    )
    assert response.status_code == 200
    await commit(funding, DE, a, "1000.00", "EUR", "committed")
    pledge = await commit(funding, FR, b, "1000.00", "USD", "pledged")
    before = await reports(funding)
    assert [r["commitments"] for r in before] == [1, 1]

    # A pledge made binding.
    assert (await funding.post(f"/v1/funding/commitments/{pledge}/commit", caller=FR)).is_success
    after = await reports(funding)
    assert [(r["commitments"], r["total_committed_eur"]) for r in after] == [(2, "1900.00")] * 2

    # An FX rate corrected (effective before both report days).
    response = await funding.put(
        "/v1/funding/fx-rates/USD",
        caller=ADMIN,
        json={"eur_per_unit": "0.8", "as_of": "2020-01-01"},
    )
    assert response.status_code == 200
    assert [r["total_committed_eur"] for r in await reports(funding)] == ["1800.00"] * 2

    # An actor's attributes: B founded after 2022-02-24 is a new actor.
    await actors.apply(
        actors.event(b, version=2, event_type="updated", established_on="2023-01-01")
    )
    assert [r["new_actor_share"] for r in await reports(funding)] == [round(800 / 1800, 4)] * 2

    # A commitment cancelled (recorded today: a past day counts it with its present status).
    assert (await funding.post(f"/v1/funding/commitments/{pledge}/cancel", caller=FR)).is_success
    assert [r["total_committed_eur"] for r in await reports(funding)] == ["1000.00"] * 2

    # An actor erased.
    await actors.apply(actors.event(a, version=2, event_type="erased"))
    assert [r["commitments"] for r in await reports(funding)] == [0, 0]


async def test_a_change_through_another_process_is_in_the_next_read(
    funding: ServiceClient, other_process: ServiceClient, actors: Any
) -> None:
    a = await actors.known("act_snapC")
    await commit(funding, DE, a, "1000.00", "EUR", "committed")
    assert [r["commitments"] for r in await reports(funding)] == [1, 1]
    await commit(other_process, FR, a, "500.00", "EUR", "committed")
    assert [r["total_committed_eur"] for r in await reports(funding)] == ["1500.00"] * 2
    assert await reports(other_process) == await reports(funding)
