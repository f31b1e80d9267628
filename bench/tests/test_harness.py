"""Smoke tests of the benchmark harness itself (never of the platform's speed)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import orjson
import pytest
from agora_common.identity import IDENTITY_HEADER, IdentityVerifier
from agora_common.nats_server import free_port
from agora_common.testing.client import new_keypair

from bench import dataset, report
from bench.api import fit_to_schema
from bench.loadgen import Auth, LoadSpec, Target, _Requests, percentile, run_in_process, run_load
from bench.platform import start_bare
from bench.rawhttp import Pool


@pytest.fixture(scope="module")
def bare_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    process = start_bare(port, tmp_path_factory.mktemp("bare"))
    yield port
    process.terminate()
    process.wait(timeout=10)


def test_closed_loop_counts_every_answer(bare_port: int) -> None:
    spec = LoadSpec(
        "127.0.0.1",
        bare_port,
        [Target("GET", "/v1/hello")],
        concurrency=4,
        duration=0.5,
        warmup=0.1,
    )
    result = run_load(spec)
    assert result.failed == 0
    assert set(result.statuses) == {200}
    assert result.ok == result.sent
    assert 0 < len(result.latencies) <= result.ok
    assert result.throughput > 0


def test_open_loop_sends_at_the_rate_asked_in_its_own_process(bare_port: int) -> None:
    spec = LoadSpec(
        "127.0.0.1",
        bare_port,
        [Target("GET", "/v1/hello"), Target("GET", "/nowhere")],
        concurrency=4,
        duration=1.0,
        warmup=0.0,
        rate=40,
    )
    result = run_in_process(spec)
    # 40 requests are scheduled in one second; each is sent once, half to a path that is not there.
    assert result.sent == 40
    assert result.statuses == {200: 20, 404: 20}
    assert len(result.latencies) == 40


def test_unique_targets_are_each_sent_once(bare_port: int) -> None:
    targets = [Target("GET", f"/v1/hello?n={n}") for n in range(7)]
    spec = LoadSpec(
        "127.0.0.1", bare_port, targets, concurrency=3, duration=30, warmup=0, unique=True
    )
    result = run_load(spec)
    assert result.sent == 7
    assert result.statuses == {200: 7}


async def test_pool_reads_json_and_survives_a_closed_connection(bare_port: int) -> None:
    pool = Pool("127.0.0.1", bare_port, 2)
    try:
        first = await pool.request("GET", "/v1/hello")
        assert first.status == 200
        assert orjson.loads(first.body) == {"id": "bench", "status": "ok"}
        pool.close()  # the next request reconnects
        assert (await pool.request("GET", "/v1/hello")).status == 200
    finally:
        pool.close()


def test_signed_identity_is_bound_to_the_request_and_verifies() -> None:
    private, public = new_keypair()
    body = b'{"a": 1}'
    spec = LoadSpec(
        "127.0.0.1",
        1,
        [Target("POST", "/v1/things?x=1", body)],
        auth=Auth(identity_key_pem=private, client_id="c1", role="agency", state="DE"),
    )
    raw = _Requests(spec).raw(0)
    head, _, sent_body = raw.partition(b"\r\n\r\n")
    assert sent_body == body
    headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:] if ": " in line)
    identity = IdentityVerifier(public).verify(
        headers[IDENTITY_HEADER], method="POST", path="/v1/things", query="x=1", body=body
    )
    assert (identity.client_id, identity.role, identity.state) == ("c1", "agency", "DE")
    with pytest.raises(Exception, match="another request"):
        IdentityVerifier(public).verify(
            headers[IDENTITY_HEADER], method="POST", path="/v1/things", query="x=2", body=body
        )


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) is None


def test_dataset_is_deterministic_and_well_formed() -> None:
    first = [dataset.commitment(random.Random(5), "a1") for _ in range(3)]
    again = [dataset.commitment(random.Random(5), "a1") for _ in range(3)]
    assert first == again
    rng = random.Random(11)
    for _ in range(500):
        body = dataset.commitment(rng, "a1")
        start = date.fromisoformat(body["period"]["start"])
        end = date.fromisoformat(body["period"]["end"])
        assert date(2016, 1, 1) <= start <= end
        assert set(body["purposes"]) <= set(dataset.ACTIVITIES)
        if body["instrument"] in {"residence_permit", "work_permit"}:
            assert "amount" not in body
            assert "currency" not in body
        else:
            assert Decimal(body["amount"]) > 0
            assert body["currency"] in dataset.CURRENCIES
        actor = dataset.actor(rng, "DE")
        assert ("consent" in actor) == ("representation" in actor)
        assert actor["kind"] in dataset.KINDS
        activity = dataset.activity(rng, "a1", "c1", 2024)["participants"]
        assert activity["women"] <= activity["total"]
        assert activity["non_russian_ethnic_origin"] <= activity["total"]
    assert len(dataset.DONORS) == 30
    assert "EUR" not in dataset.fx_rates()


def test_popular_actors_are_picked_more_often() -> None:
    rng = random.Random(3)
    weighted = dataset.Weighted.zipf([f"a{n}" for n in range(1000)], rng)
    picks = [weighted.pick(rng) for _ in range(20_000)]
    top = weighted.ids[0]
    bottom = weighted.ids[-1]
    assert picks.count(top) > 5 * max(1, picks.count(bottom))


def test_bodies_are_fitted_to_what_a_service_accepts() -> None:
    schema = {"properties": {"kind": {}, "public_name": {}}}
    body = {"kind": "organisation", "public_name": "X", "legal_name": "secret"}
    assert fit_to_schema(body, schema) == {"kind": "organisation", "public_name": "X"}
    assert fit_to_schema(body, {}) == body


def _document(read_gateway_rps: float, reports_ms: tuple[float, float]) -> dict:
    def timing(p50: float, p99: float) -> dict:
        return {"p50_ms": p50, "p99_ms": p99, "max_ms": p99}

    return {
        "run": {"mode": "quick", "database": "sqlite", "duration_s": 1.0, "started_at": "now"},
        "machine": {"cores": 2, "cpu": "x", "python": "3.11", "database": "SQLite"},
        "dataset": {},
        "read": {
            "concurrency": 32,
            "rate": read_gateway_rps / 2,
            "throughput": {
                "bare": {"rps": 1000.0, "cpu_ms_per_request": {"bare": 0.1}},
                "direct": {"rps": 700.0, "cpu_ms_per_request": {"actors": 0.8}},
                "gateway": {
                    "rps": read_gateway_rps,
                    "cpu_ms_per_request": {"actors": 0.8, "gateway": 0.9},
                },
            },
            "latency": {
                "bare": timing(1, 2),
                "direct": timing(2, 4),
                "gateway": timing(3, 6.5),
            },
        },
        "read_public": {
            "concurrency": 32,
            "rate": 400.0,
            "throughput": {
                "bare": {"rps": 1000.0, "cpu_ms_per_request": {"bare": 0.1}},
                "direct": {"rps": 900.0, "cpu_ms_per_request": {"actors": 1.5}},
                "gateway": {"rps": 450.0, "cpu_ms_per_request": {"actors": 1.5, "gateway": 2.0}},
            },
            "latency": {"direct": timing(2, 4), "gateway": timing(3, 8)},
        },
        "propagation": {"p50_ms": 10, "p99_ms": 120, "max_ms": 130, "samples": 5},
        "checkpoints": [
            {
                "commitments": 10_000,
                "reports": {"concentration": timing(reports_ms[0], reports_ms[0])},
                "commitment_post": timing(5, 20),
            },
            {
                "commitments": 100_000,
                "reports": {"concentration": timing(reports_ms[1], reports_ms[1])},
                "commitment_post": timing(6, 30),
            },
        ],
    }


def test_targets_judge_the_measurements() -> None:
    document = _document(600.0, (10.0, 14.0))
    document["dataset"] = {"stages": {"actors": {"per_second": 400.0}}}
    document["ratios"] = report.ratios(document)
    assert document["ratios"]["read"]["throughput_gateway_over_direct"] == 0.857
    assert document["ratios"]["read"]["cpu_gateway_over_bare"] == 9.0
    assert document["ratios"]["read_public"]["cpu_gateway_over_bare"] == 20.0
    assert document["ratios"]["read"]["p99_gateway_minus_direct_ms"] == 2.5
    verdicts = {t["name"]: t["met"] for t in report.targets(document)}
    assert verdicts["gateway CPU per GET / bare (custodian)"] is True
    assert verdicts["actors CPU per GET / bare (custodian)"] is True
    assert verdicts["gateway / direct throughput (custodian)"] is True
    assert verdicts["gateway p99 overhead over direct (custodian)"] is True
    assert verdicts["gateway CPU per GET / bare (public)"] is False
    assert verdicts["actors CPU per GET / bare (public)"] is False
    assert verdicts["gateway / direct throughput (public)"] is False
    assert verdicts["gateway p99 overhead over direct (public)"] is False
    assert verdicts["propagation p99 (actors → funding)"] is False
    assert verdicts["commitment POST p99 at 100000"] is False
    assert verdicts["commitment POST growth exponent"] is True  # 5 → 6 ms over 10×
    assert verdicts["concentration report p99 at 100000"] is True
    assert verdicts["concentration report growth exponent"] is True  # 10 → 14 ms over 10×
    assert verdicts["portfolio report p99 at 100000"] is None
    assert verdicts["seeding actors / before (89.9/s)"] is True
    assert verdicts["seeding commitments / before (124.6/s)"] is None
    worse = _document(400.0, (10.0, 150.0))
    worse["ratios"] = report.ratios(worse)
    verdicts = {t["name"]: t["met"] for t in report.targets(worse)}
    assert verdicts["gateway / direct throughput (custodian)"] is False
    assert verdicts["concentration report p99 at 100000"] is False
    assert verdicts["concentration report growth exponent"] is False
    worse["targets"] = report.targets(worse)
    text = report.table(worse)
    assert "MISSED" in text
    assert "not measured" in text
