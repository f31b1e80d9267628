"""Webhook rules without a database: SSRF, the retry schedule, signatures, sealing, recipients."""

from __future__ import annotations

import ipaddress
import itertools
import json
from datetime import UTC, date, datetime

import pytest
from agora_contracts.events import (
    AssignmentCreated,
    DuplicateSuspected,
    OverlapDetected,
    OverlappingCommitment,
    PermitExpiring,
)
from gateway.webhooks.catalogue import SOURCES
from gateway.webhooks.config import DAY_SECONDS, WebhookSettings
from gateway.webhooks.delivery import backoff_schedule, sign
from gateway.webhooks.sealing import WebhookSecrets, new_secret
from gateway.webhooks.ssrf import RefusedTarget, parse_url, resolve
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

REFUSED_IN_PRODUCTION = [
    "http://hooks.example.org/x",  # plain http
    "ftp://hooks.example.org/x",
    "https://user:pw@hooks.example.org/x",  # credentials
    "https://127.0.0.1/x",
    "https://127.1.2.3/x",
    "https://[::1]/x",
    "https://[::ffff:127.0.0.1]/x",  # IPv4-mapped loopback
    "https://[::ffff:10.0.0.1]/x",  # IPv4-mapped private
    "https://[::ffff:169.254.169.254]/x",
    "https://0.0.0.0/x",
    "https://0.1.2.3/x",
    "https://[::]/x",
    "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
    "https://10.1.2.3/x",
    "https://172.16.0.1/x",
    "https://192.168.1.1/x",
    "https://100.64.0.1/x",  # shared address space
    "https://224.0.0.1/x",  # multicast
    "https://255.255.255.255/x",
    "https://[fc00::1]/x",
    "https://[fd12:3456::1]/x",
    "https://[fe80::1]/x",
    "https://[2002:7f00:1::]/x",  # 6to4 of 127.0.0.1
    "https://[2002:a00:1::]/x",  # 6to4 of 10.0.0.1
    "https://[64:ff9b::7f00:1]/x",  # NAT64 of 127.0.0.1
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x",  # Teredo
    "https://2130706433/x",  # decimal 127.0.0.1
    "https://0177.0.0.1/x",  # octal
    "https://0x7f.0.0.1/x",  # hexadecimal
    "https://0x7f000001/x",
    "https://127.1/x",  # short form
    "https://017700000001/x",
    "https://hooks.example.org/x#part",  # fragment
    "https://hooks.example.org:0/x",
    "https://hooks.example.org:99999/x",
    "https:///x",  # no host
    "https://hooks_example.org/x",  # not a DNS name
    "https://hööks.example.org/x",  # not ASCII
]


@pytest.mark.parametrize("url", REFUSED_IN_PRODUCTION)
def test_production_refuses_urls_to_anything_but_public_https(url: str) -> None:
    with pytest.raises(RefusedTarget) as refused:
        parse_url(url, allow_loopback=False)
    assert refused.value.reason  # a reason to show the caller …
    assert url not in refused.value.reason  # … that does not echo the URL


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.org/agora?token=1",
        "https://93.184.216.34/hook",
        "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook",
        "https://xn--hks-una.example.org/x",
    ],
)
def test_production_accepts_public_https(url: str) -> None:
    parse_url(url, allow_loopback=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/x",
        "http://[::1]:8080/x",
        "https://[::ffff:127.0.0.1]/x",
        "http://localhost:8080/x",
    ],
)
def test_development_accepts_loopback(url: str) -> None:
    parse_url(url, allow_loopback=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/x",
        "https://10.0.0.1/x",
        "https://169.254.169.254/x",
        "http://93.184.216.34/x",  # plain http only to loopback
        "https://2130706433/x",
        "https://[fc00::1]/x",
    ],
)
def test_development_still_refuses_other_private_addresses(url: str) -> None:
    with pytest.raises(RefusedTarget):
        parse_url(url, allow_loopback=True)


async def test_a_name_is_judged_by_the_addresses_it_resolves_to() -> None:
    """``localhost`` (from /etc/hosts, a real resolution) is loopback: allowed in development,
    refused in production although nothing in the name says so."""
    target = parse_url("https://localhost:8443/x", allow_loopback=False)
    with pytest.raises(RefusedTarget, match="loopback"):
        await resolve(target, allow_loopback=False)
    addresses = await resolve(target, allow_loopback=True)
    assert addresses
    assert all(a.is_loopback for a in addresses)
    plain = parse_url("http://localhost:8443/x", allow_loopback=True)
    assert await resolve(plain, allow_loopback=True)


async def test_a_name_that_does_not_resolve_is_refused() -> None:
    target = parse_url("https://no-such-host.invalid/x", allow_loopback=False)
    with pytest.raises(RefusedTarget, match="does not resolve"):
        await resolve(target, allow_loopback=False)


def test_the_connection_goes_to_the_checked_address_with_the_host_named() -> None:
    target = parse_url("https://hooks.example.org:8443/a?b=1", allow_loopback=False)
    assert target.url_for(ipaddress.ip_address("93.184.216.34")) == (
        "https://93.184.216.34:8443/a?b=1"
    )
    assert (
        target.url_for(ipaddress.ip_address("2606:2800::1")) == "https://[2606:2800::1]:8443/a?b=1"
    )
    assert target.host_header == "hooks.example.org:8443"
    assert parse_url("https://hooks.example.org/", allow_loopback=False).host_header == (
        "hooks.example.org"
    )


def test_the_default_schedule_retries_for_at_least_a_day_with_growing_waits() -> None:
    settings = WebhookSettings(env="production")
    settings.check()
    schedule = backoff_schedule(settings)
    assert sum(schedule) >= DAY_SECONDS
    assert schedule[0] == 5
    growing = schedule[: schedule.index(max(schedule))]
    assert all(b == a * 4 for a, b in itertools.pairwise(growing))
    assert max(schedule) <= 6 * 3600
    assert sum(schedule[:-1]) < DAY_SECONDS  # no retry more than needed


def test_a_short_schedule_is_refused_in_production_only() -> None:
    short = {"webhooks_retry_for_seconds": 60.0}
    WebhookSettings(env="development", **short).check()
    with pytest.raises(RuntimeError, match="24 h"):
        WebhookSettings(env="production", **short).check()
    with pytest.raises(RuntimeError, match="LOOPBACK"):
        WebhookSettings(env="production", webhooks_allow_loopback=True).check()
    assert WebhookSettings(env="development").loopback_allowed()
    assert not WebhookSettings(env="production").loopback_allowed()
    tiny = WebhookSettings(
        webhooks_retry_first_seconds=0.1,
        webhooks_retry_max_interval_seconds=0.4,
        webhooks_retry_for_seconds=1.0,
    )
    assert backoff_schedule(tiny) == [0.1, 0.4, 0.4, 0.4]


def test_the_signature_verifies_with_the_standard_webhooks_library() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    payload = json.dumps({"type": "funding.overlap_detected", "data": {"actor_id": "act_1"}})
    headers = sign(secret, msg_id="msg_1", timestamp=datetime.now(UTC), payload=payload)
    assert Webhook(secret).verify(payload, headers)["data"] == {"actor_id": "act_1"}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(payload.replace("act_1", "act_2"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(payload, headers)


def test_a_secret_is_sealed_for_its_endpoint_under_the_gateway_key() -> None:
    secrets = WebhookSecrets(b"k" * 32)
    secret = new_secret()
    sealed = secrets.seal(secret, endpoint_id="wh_a")
    assert secret not in sealed
    assert secret[6:] not in sealed
    assert secrets.open(sealed, endpoint_id="wh_a") == secret
    assert secrets.open(sealed, endpoint_id="wh_b") is None  # bound to its endpoint
    assert WebhookSecrets(b"x" * 32).open(sealed, endpoint_id="wh_a") is None


def _notices(
    event_type: str, data: dict[str, object]
) -> list[tuple[str | None, dict[str, object]]]:
    return [(n.state or n.evaluator_id, n.data) for n in SOURCES[event_type].notices(data)]


def test_an_overlap_reaches_each_donor_with_its_own_commitments_only() -> None:
    event = OverlapDetected(
        commitment_id="com_new",
        actor_id="act_1",
        donor="DE",
        purposes=["anti_war"],
        overlapping=[
            OverlappingCommitment(commitment_id="com_nl", donor="NL", overlap_id="ov_1"),
            OverlappingCommitment(commitment_id="com_fr", donor="FR", overlap_id="ov_2"),
        ],
    )
    notices = dict(_notices("agora.funding.overlap_detected.v1", event.to_data()))
    assert set(notices) == {"DE", "NL", "FR"}
    assert len(notices["DE"]["overlapping"]) == 2  # type: ignore[arg-type]
    assert [o["commitment_id"] for o in notices["NL"]["overlapping"]] == ["com_nl"]  # type: ignore[attr-defined]
    assert "com_nl" not in json.dumps(notices["FR"])


def test_permits_duplicates_and_assignments_reach_whom_they_concern() -> None:
    permit = PermitExpiring(
        permit_id="per_1",
        actor_id="act_1",
        issuing_state="FR",
        custodian_state="DE",
        threshold_days=30,
        valid_until=date(2027, 1, 1),
    )
    assert [s for s, _ in _notices("agora.actors.permit_expiring.v1", permit.to_data())] == [
        "DE",
        "FR",
    ]
    own = permit.model_copy(update={"issuing_state": "DE"})
    assert [s for s, _ in _notices("agora.actors.permit_expiring.v1", own.to_data())] == ["DE"]
    duplicate = DuplicateSuspected(match_id="m_1", states=["DE", "NL"], matched_on=["email"])
    assert [s for s, _ in _notices("agora.actors.duplicate_suspected.v1", duplicate.to_data())] == [
        "DE",
        "NL",
    ]
    assignment = AssignmentCreated(cycle_id="cyc_1", actor_id="act_1", evaluator_id="cl_ev")
    assert _notices("agora.evaluation.assignment_created.v1", assignment.to_data()) == [
        ("cl_ev", assignment.to_data())
    ]
