"""``python -m bench [--quick]``: start the platform, build the dataset, measure, report.

Environment:
- ``AGORA_BENCH_DB``: ``sqlite`` (default) or ``postgres`` (fresh databases on
  ``AGORA_BENCH_POSTGRES_URL``, default ``postgresql://postgres@127.0.0.1:5432/postgres``,
  dropped afterwards);
- ``AGORA_BENCH_OUT``: where the JSON results go (default ``var/bench/results.json``);
- ``AGORA_BENCH_KEEP``: set to keep the temporary data directory (logs) after the run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform as host
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from bench import measure, platform, report
from bench.api import Caller, new_client, token
from bench.rawhttp import Pool
from bench.seed import FULL, QUICK, Dataset, Seeder, Sizes, wait_quiet

CONCENTRATION_AS_OF = "2025-06-30"
PORTFOLIO_YEAR = 2024


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def machine(backend: platform.Backend) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": sys.version.split()[0],
        "implementation": host.python_implementation(),
        "os": f"{host.system()} {host.release()}",
        "database": backend.describe(),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
    }


async def bench(
    running: platform.Running,
    sizes: Sizes,
    d: measure.Durations,
    save: Callable[[dict[str, Any]], object],
) -> dict[str, Any]:
    """Seed, measure at each checkpoint, then the read path and propagation; ``save`` keeps
    what was measured so far (a run cut short still leaves its numbers)."""
    gateway = Pool("127.0.0.1", running.gateway_port, 8)
    admin = Caller(gateway, bearer=await token(gateway, platform.ADMIN_ID, running.admin_secret))
    reader = await new_client(admin, gateway, role="agency", state="DE", name="bench agency DE")
    # Another state's agency sees DE's actors without personal data (and is not audited).
    outsider = await new_client(admin, gateway, role="agency", state="FR", name="bench agency FR")
    seeder = Seeder(running, sizes)
    data = seeder.data
    results: dict[str, Any] = {"checkpoints": []}
    rng = random.Random(7)
    extra = 0  # commitments made by the measurements themselves
    try:
        log("setup: exchange rates, evaluation cycles")
        await seeder.prepare()
        log(f"seeding {sizes.actors} actors (concurrency {sizes.concurrency})")
        await seeder.actors()
        log(f"  {data.stage('actors').as_dict()}; waiting for the read models")
        monitor = running.platform.nats_credentials("monitor")
        waited = await wait_quiet(running.platform.nats_url or "", monitor)
        log(f"  caught up after {waited:.1f} s")
        # The read path and propagation need only the actors: measured first, so that a run cut
        # short still has them.
        log("read path: bare app, actors service directly, through the gateway")
        own = data.by_custodian.get("DE") or data.actor_ids
        ids = own[:1000]
        if not ids:
            ids = [
                (await reader.call("POST", "/v1/actors", json=_minimal_actor(), expect=201))["id"]
            ]
        results["read"] = measure.throughput_and_latency(
            measure.read_endpoints(running, reader, ids, d, with_bare=True),
            d,
            running.pids(with_bare=True),
        )
        log(f"  custodian reads: {report.read_line(results['read'])}")
        public = measure.throughput_and_latency(
            measure.read_endpoints(running, outsider, ids, d, with_bare=False), d, running.pids()
        )
        public["throughput"]["bare"] = results["read"]["throughput"]["bare"]
        results["read_public"] = public
        log(f"  public reads: {report.read_line(public)}")
        if await seeder.offers("funding", "GET", "/v1/funding/actors/{actor_id}/summary"):
            log("event propagation: actors → funding")
            funding = seeder.caller("funding", "agency", "DE", client_id=reader.client_id)
            results["propagation"] = await measure.propagation(
                reader, funding, d.propagation_samples, rng
            )
            log(f"  {report.propagation_line(results['propagation'])}")
        results["dataset"] = dataset_summary(data, 0)
        save(results)
        log("seeding activities and assessments")
        await seeder.evaluation()
        for name in ("activities", "assessments"):
            if name in data.stages:
                log(f"  {name}: {data.stage(name).as_dict()}")
        for checkpoint in sizes.checkpoints:
            log(f"seeding commitments up to {checkpoint}")
            await seeder.commitments(checkpoint)
            if "commitments" in data.stages:
                log(f"  {data.stage('commitments').as_dict()}")
            waited = await wait_quiet(
                running.platform.nats_url or "", running.platform.nats_credentials("monitor")
            )
            log(
                f"  caught up after {waited:.1f} s; measuring at {data.commitments + extra} commitments"
            )
            point: dict[str, Any] = {
                "commitments": data.commitments + extra,
                "seeded": data.commitments,
            }
            point["reports"] = await reports(running, seeder, reader, d)
            if data.commitments and await seeder.offers(
                "funding", "POST", "/v1/funding/commitments"
            ):
                point["commitment_post"] = measure.commitment_latency(
                    running, reader.bearer or "", seeder.popular(), d, rng
                )
                extra += d.commitment_samples
            results["checkpoints"].append(point)
            results["dataset"] = dataset_summary(data, extra)
            save(results)
            log(f"  {report.checkpoint_line(point)}")
    finally:
        seeder.close()
        gateway.close()
    results["dataset"] = dataset_summary(data, extra)
    return results


def dataset_summary(data: Dataset, extra: int) -> dict[str, Any]:
    return {
        "actors": len(data.actor_ids),
        "commitments": data.commitments,
        "commitments_including_measured": data.commitments + extra,
        "donors": len(data.donors),
        "cycles": len(data.cycle_ids),
        "activities": data.activities,
        "assessments": data.assessments,
        "stages": {name: stage.as_dict() for name, stage in data.stages.items()},
        "fields_the_services_refused": {k: v for k, v in data.dropped_fields.items() if v},
        "operations_missing": data.missing,
    }


def _minimal_actor() -> dict[str, Any]:
    return {
        "kind": "organisation",
        "public_name": "Bench",
        "sectors": ["research"],
        "host_country": "DE",
    }


async def reports(
    running: platform.Running, seeder: Seeder, reader: Caller, d: measure.Durations
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    paths = {}
    if await seeder.offers("funding", "GET", "/v1/funding/reports/concentration"):
        paths["concentration"] = f"/v1/funding/reports/concentration?as_of={CONCENTRATION_AS_OF}"
    cycle_id = seeder.data.cycle_ids.get(PORTFOLIO_YEAR)
    if cycle_id and await seeder.offers("evaluation", "GET", "/v1/evaluation/reports/portfolio"):
        paths["portfolio"] = f"/v1/evaluation/reports/portfolio?cycle_id={cycle_id}"
    for name, path in paths.items():
        # The first read after the writes computes the report anew (and keeps it); the timed
        # ones after it are what a repeated read costs while nothing changes.
        cpu_before, started = measure.cpu_seconds(running.pids()), time.perf_counter()
        shape = await measure.report_shape(reader, path)
        first = {
            "ms": round((time.perf_counter() - started) * 1000, 2),
            "cpu_ms": measure.cpu_per_request(cpu_before, measure.cpu_seconds(running.pids()), 1),
        }
        timing = measure.report_latency(running, reader.bearer or "", path, d.report_samples)
        out[name] = {**timing, "first": first, "response": shape, "path": path.split("?")[0]}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run on a small dataset")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply the dataset's size (default 1)"
    )
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    sizes = (QUICK if args.quick else FULL).scaled(args.scale)
    durations = measure.QUICK_DURATIONS if args.quick else measure.FULL_DURATIONS
    db = os.environ.get("AGORA_BENCH_DB", "sqlite").strip().lower()
    if db not in {"sqlite", "postgres", "postgresql"}:
        parser.error("AGORA_BENCH_DB must be sqlite or postgres")
    backend = platform.Backend(
        "sqlite" if db == "sqlite" else "postgres",
        admin_url=os.environ.get(
            "AGORA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
    )
    out = Path(os.environ.get("AGORA_BENCH_OUT", "var/bench/results.json"))
    data_dir = Path(tempfile.mkdtemp(prefix="agora-bench-"))
    started = time.perf_counter()
    started_at = datetime.now(UTC)
    log(f"{mode} run on {backend.kind}; data in {data_dir}")
    command = ("AGORA_BENCH_DB=postgres " if backend.kind == "postgres" else "") + (
        "make bench-quick" if args.quick else "make bench"
    )
    if args.scale != 1:
        command += f" (python -m bench{' --quick' if args.quick else ''} --scale {args.scale})"

    commit = os.environ.get("AGORA_BENCH_COMMIT") or _git_commit()

    def document(results: dict[str, Any], *, complete: bool) -> dict[str, Any]:
        doc = {
            "run": {
                "mode": mode,
                "command": command,
                "database": backend.kind,
                "scale": args.scale,
                "commit": commit,
                "complete": complete,
                "started_at": started_at.isoformat(timespec="seconds"),
                "duration_s": round(time.perf_counter() - started, 1),
            },
            "machine": {**about, "load_average_at_end": [round(v, 2) for v in os.getloadavg()]},
            **results,
        }
        doc["ratios"] = report.ratios(doc)
        doc["targets"] = report.targets(doc)
        return doc

    def save(results: dict[str, Any], *, complete: bool = False) -> dict[str, Any]:
        doc = document(results, complete=complete)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
        return doc

    signal.signal(signal.SIGTERM, _interrupted)
    running = platform.start(data_dir, backend)
    try:
        about = machine(backend)
        log(
            f"platform up: gateway :{running.gateway_port}; {about['cores']} cores; {about['database']}"
        )
        results = asyncio.run(bench(running, sizes, durations, save))
    finally:
        running.stop()
        if os.environ.get("AGORA_BENCH_KEEP"):
            log(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    final = save(results, complete=True)
    print()
    print(report.table(final))
    log(f"results written to {out}")


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=platform.ROOT,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt
