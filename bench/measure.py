"""The measurements. Every load runs in a process of its own (``loadgen.run_in_process``)."""

from __future__ import annotations

import asyncio
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from bench import dataset
from bench.api import Caller, json_of
from bench.loadgen import Auth, LoadResult, LoadSpec, Target, percentile, run_in_process
from bench.platform import Running


@dataclass(frozen=True)
class Durations:
    throughput: float  # seconds per closed-loop run
    latency: float  # seconds per open-loop run
    concurrency: int
    propagation_samples: int
    commitment_samples: int
    commitment_rate: float
    report_samples: int


FULL_DURATIONS = Durations(
    throughput=10,
    latency=15,
    concurrency=32,
    propagation_samples=300,
    commitment_samples=300,
    commitment_rate=25,
    report_samples=15,
)
QUICK_DURATIONS = Durations(
    throughput=3,
    latency=4,
    concurrency=32,
    propagation_samples=40,
    commitment_samples=60,
    commitment_rate=25,
    report_samples=5,
)


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def summary(result: LoadResult, *, with_throughput: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "requests": len(result.latencies),
        "p50_ms": ms(percentile(result.latencies, 50)),
        "p99_ms": ms(percentile(result.latencies, 99)),
        "max_ms": ms(max(result.latencies) if result.latencies else None),
        "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
        "transport_errors": result.failed,
    }
    if with_throughput:
        out["rps"] = round(result.throughput, 1)
    if result.behind:
        out["generator_behind_ms"] = ms(result.behind)
    return out


@dataclass
class Endpoints:
    """The three ways to ``GET`` something small: the bare app, the service, the gateway."""

    bare: LoadSpec | None
    direct: LoadSpec
    gateway: LoadSpec


def read_endpoints(
    running: Running, reader: Caller, actor_ids: list[str], d: Durations, *, with_bare: bool
) -> Endpoints:
    targets = [Target("GET", f"/v1/actors/{actor_id}") for actor_id in actor_ids]
    bare = LoadSpec(
        "127.0.0.1",
        running.bare_port,
        [Target("GET", "/v1/hello")],
        concurrency=d.concurrency,
        duration=d.throughput,
    )
    return Endpoints(
        bare=bare if with_bare else None,
        direct=LoadSpec(
            "127.0.0.1",
            running.service_port("actors"),
            targets,
            auth=Auth(
                identity_key_pem=running.identity_key,
                client_id=reader.client_id,
                role="agency",
                state=reader.state,
            ),
            concurrency=d.concurrency,
            duration=d.throughput,
        ),
        gateway=LoadSpec(
            "127.0.0.1",
            running.gateway_port,
            targets,
            auth=Auth(bearer=reader.bearer),
            concurrency=d.concurrency,
            duration=d.throughput,
        ),
    )


def cpu_seconds(pids: dict[str, int]) -> dict[str, float]:
    """CPU time (user + system, all threads) each process has used so far (Linux ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for name, pid in pids.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[name] = (int(fields[11]) + int(fields[12])) / tick
    return used


def cpu_per_request(
    before: dict[str, float], after: dict[str, float], requests: int
) -> dict[str, float]:
    """Milliseconds of CPU per request, per process: independent of other load on the machine."""
    return {
        name: round((after[name] - before[name]) * 1000 / requests, 2)
        for name in before
        if name in after and requests and after[name] - before[name] > 0
    }


def throughput_and_latency(
    endpoints: Endpoints, d: Durations, pids: dict[str, int]
) -> dict[str, Any]:
    """Closed-loop throughput of each, then open-loop latency at half the gateway's capacity.

    During the closed-loop runs the CPU time of every platform process is read before and
    after: CPU per request tells where the time goes even on a busy machine.
    """
    names = [n for n in ("bare", "direct", "gateway") if getattr(endpoints, n) is not None]
    throughput = {}
    for name in names:
        spec: LoadSpec = getattr(endpoints, name)
        before = cpu_seconds(pids)
        result = run_in_process(spec)
        throughput[name] = summary(result, with_throughput=True)
        throughput[name]["cpu_ms_per_request"] = cpu_per_request(
            before, cpu_seconds(pids), result.sent
        )
    rate = max(10.0, round(throughput["gateway"]["rps"] / 2))
    latency = {}
    for name in names:
        spec = getattr(endpoints, name)
        open_loop = LoadSpec(
            spec.host,
            spec.port,
            spec.targets,
            auth=spec.auth,
            concurrency=d.concurrency,
            duration=d.latency,
            warmup=1.0,
            rate=rate,
        )
        latency[name] = summary(run_in_process(open_loop))
    return {
        "concurrency": d.concurrency,
        "throughput": throughput,
        "rate": rate,
        "latency": latency,
    }


async def propagation(
    gateway_writer: Caller, funding: Caller, samples: int, rng: random.Random
) -> dict[str, Any]:
    """From ``POST /v1/actors`` returning (through the gateway) to funding knowing the actor.

    Funding is polled directly (signed identity) on the actor's funding summary every ~2 ms; the
    time counted ends when the first successful poll returned (an upper bound).
    """
    times: list[float] = []
    polls = 0
    for _ in range(samples):
        body = dataset.actor(rng, gateway_writer.state or "DE")
        body = {k: body[k] for k in ("kind", "public_name", "sectors", "host_country")}
        created = await gateway_writer.call("POST", "/v1/actors", json=body, expect=201)
        returned = time.perf_counter()
        path = f"/v1/funding/actors/{created['id']}/summary"
        while True:
            reply = await funding.request("GET", path)
            polls += 1
            if reply.status == 200:
                times.append(time.perf_counter() - returned)
                break
            if time.perf_counter() - returned > 30:
                raise TimeoutError("an actor did not reach funding within 30 s")
            await asyncio.sleep(0.002)
        await asyncio.sleep(0.02)  # let the platform settle between samples
    return {
        "samples": len(times),
        "p50_ms": ms(percentile(times, 50)),
        "p99_ms": ms(percentile(times, 99)),
        "max_ms": ms(max(times) if times else None),
        "polls_per_sample": round(polls / max(1, len(times)), 1),
        "sorted_ms": [ms(t) for t in sorted(times)],
        "method": "POST /v1/actors via gateway, then GET /v1/funding/actors/{id}/summary on funding every 2 ms",
    }


def commitment_latency(
    running: Running,
    bearer: str,
    actors: dataset.Weighted,
    d: Durations,
    rng: random.Random,
) -> dict[str, Any]:
    """``POST /v1/funding/commitments`` through the gateway at a fixed, modest rate.

    One donor writes them all, to actors drawn with the dataset's own skew (the overlap check
    looks at every donor's commitments to the actor, whoever asks).
    """
    targets = [
        Target(
            "POST",
            "/v1/funding/commitments",
            orjson.dumps(dataset.commitment(rng, actors.pick(rng))),
        )
        for _ in range(d.commitment_samples)
    ]
    spec = LoadSpec(
        "127.0.0.1",
        running.gateway_port,
        targets,
        auth=Auth(bearer=bearer),
        concurrency=8,
        duration=d.commitment_samples / d.commitment_rate,
        warmup=0.0,
        rate=d.commitment_rate,
        unique=True,
    )
    before = cpu_seconds(running.pids())
    raw = run_in_process(spec)
    result = summary(raw)
    result["cpu_ms_per_request"] = cpu_per_request(before, cpu_seconds(running.pids()), raw.sent)
    result["rate"] = d.commitment_rate
    return result


def report_latency(running: Running, bearer: str, path: str, samples: int) -> dict[str, Any]:
    """One report, requested ``samples`` times one after another (after one warm-up request)."""
    spec = LoadSpec(
        "127.0.0.1",
        running.gateway_port,
        [Target("GET", path)],
        auth=Auth(bearer=bearer),
        concurrency=1,
        duration=600,
        warmup=0.0,
        max_requests=samples + 1,
    )
    before = cpu_seconds(running.pids())
    result = run_in_process(spec)
    used = cpu_per_request(before, cpu_seconds(running.pids()), result.sent)
    result.latencies = result.latencies[1:]
    return {**summary(result), "cpu_ms_per_request": used}


async def report_shape(caller: Caller, path: str) -> dict[str, Any]:
    """The report's size, to show that the data behind it grew (and that it answered 200)."""
    reply = await caller.request("GET", path)
    body = json_of(reply) if reply.status == 200 else None
    shape: dict[str, Any] = {"status": reply.status, "bytes": len(reply.body)}
    if isinstance(body, dict):
        for key in ("total_committed_eur", "actors_funded", "hhi"):
            if key in body:
                shape[key] = body[key]
        items = body.get("items") or body.get("actors")
        if isinstance(items, list):
            shape["rows"] = len(items)
    return shape
