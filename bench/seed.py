"""Build the dataset through the real services, concurrently.

Writes go straight to each service with an internal identity the benchmark signs (as the gateway
would): the gateway is measured on its own, and seeding through it would only double the time the
dataset takes on two cores.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import nats

from bench import dataset
from bench.api import ApiError, Caller, fit_to_schema, json_of, request_schema
from bench.platform import Running
from bench.rawhttp import Pool, Reply


@dataclass(frozen=True)
class Sizes:
    actors: int
    commitments: int
    checkpoints: tuple[int, ...]
    activities: int
    assessments_per_cycle: int  # actors assessed per cycle, by two evaluators each
    assessed_cycles: int
    concurrency: int = 24

    def scaled(self, factor: float) -> Sizes:
        """The same shape at ``factor`` times the size (for trying the harness out)."""

        def n(value: int) -> int:
            return max(1, round(value * factor))

        return Sizes(
            actors=n(self.actors),
            commitments=n(self.commitments),
            checkpoints=tuple(n(c) for c in self.checkpoints),
            activities=n(self.activities),
            assessments_per_cycle=n(self.assessments_per_cycle),
            assessed_cycles=self.assessed_cycles,
            concurrency=self.concurrency,
        )


FULL = Sizes(
    actors=15_000,
    commitments=100_000,
    checkpoints=(10_000, 50_000, 100_000),
    activities=10_000,
    assessments_per_cycle=1_000,
    assessed_cycles=3,
)
QUICK = Sizes(
    actors=300,
    commitments=2_000,
    checkpoints=(200, 1_000, 2_000),
    activities=200,
    assessments_per_cycle=40,
    assessed_cycles=2,
    concurrency=12,
)


async def in_parallel(count: int, concurrency: int, work: Callable[[int], Awaitable[None]]) -> None:
    """Run ``work(i)`` for i in range(count), ``concurrency`` at a time; the first error stops all."""
    indexes = iter(range(count))

    async def worker() -> None:
        for i in indexes:
            await work(i)

    await asyncio.gather(*(worker() for _ in range(min(concurrency, count))))


@dataclass
class Stage:
    name: str
    count: int = 0
    seconds: float = 0.0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def reject(self, reply: Reply) -> None:
        """Count a refused write by status and problem detail (no submitted values are echoed)."""
        self.rejected += 1
        problem = json_of(reply) if reply.body.startswith(b"{") else None
        detail = (problem or {}).get("detail") or (problem or {}).get("title") or ""
        reason = f"{reply.status} {str(detail)[:120]}".strip()
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "count": self.count,
            "seconds": round(self.seconds, 1),
            "per_second": round(self.count / self.seconds, 1) if self.seconds else None,
            "rejected": self.rejected,
        }
        if self.reasons:
            out["rejected_because"] = self.reasons
        return out


@dataclass
class Dataset:
    actor_ids: list[str] = field(default_factory=list)
    by_custodian: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cycle_ids: dict[int, str] = field(default_factory=dict)
    commitments: int = 0
    donors: set[str] = field(default_factory=set)
    activities: int = 0
    assessments: int = 0
    stages: dict[str, Stage] = field(default_factory=dict)
    dropped_fields: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # operations the platform does not offer yet

    def stage(self, name: str) -> Stage:
        return self.stages.setdefault(name, Stage(name))


class Seeder:
    def __init__(self, running: Running, sizes: Sizes, seed: int = 2026) -> None:
        self.running = running
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.data = Dataset()
        self.pools = {
            name: Pool("127.0.0.1", running.service_port(name), sizes.concurrency)
            for name in ("actors", "funding", "evaluation")
        }
        from agora_common.identity import IdentitySigner

        self.signer = IdentitySigner(running.identity_key)
        self.schemas: dict[str, dict[str, Any] | None] = {}
        self._popular: dataset.Weighted | None = None

    def caller(
        self, service: str, role: str, state: str | None, client_id: str | None = None
    ) -> Caller:
        return Caller(
            self.pools[service],
            signer=self.signer,
            client_id=client_id or f"bench-{role}-{state or 'none'}",
            role=role,
            state=state,
        )

    async def offers(self, service: str, method: str, path: str) -> bool:
        """Whether ``service`` has the operation; remembers its body schema for ``fit``."""
        key = f"{method} {path}"
        if key not in self.schemas:
            self.schemas[key] = await request_schema(self.pools[service], method, path)
            if self.schemas[key] is None:
                self.data.missing.append(key)
        return self.schemas[key] is not None

    async def post(self, caller: Caller, path: str, body: dict[str, Any], stage: Stage) -> Any:
        """POST ``body`` (fitted to the service's schema); on 422 drop the fields it names, once."""
        key = f"POST {path if '/cycles/' not in path else '/v1/evaluation/cycles/{cycle_id}/assessments'}"
        dropped = self.data.dropped_fields.setdefault(key, [])
        fitted = {
            k: v for k, v in fit_to_schema(body, self.schemas.get(key)).items() if k not in dropped
        }
        for _ in range(3):
            reply = await caller.request("POST", path, json=fitted)
            if reply.status in (200, 201):
                return json_of(reply)
            if reply.status != 422:
                break
            fields = {
                e["loc"][1]
                for e in (json_of(reply) or {}).get("errors") or []
                if len(e.get("loc", [])) > 2 and e["loc"][0] == "body" and e["loc"][1] in fitted
            }
            if not fields:
                break
            dropped.extend(sorted(fields - set(dropped)))
            fitted = {k: v for k, v in fitted.items() if k not in fields}
        stage.reject(reply)
        if stage.rejected > max(20, stage.count // 20):
            raise ApiError("POST", path, reply)
        return None

    # --- stages -------------------------------------------------------------------------

    async def prepare(self) -> None:
        """Exchange rates and evaluation cycles (operator's work)."""
        funding_admin = self.caller("funding", "admin", None)
        stage = self.data.stage("setup")
        started = time.perf_counter()
        if await self.offers("funding", "PUT", "/v1/funding/fx-rates/{currency}"):
            for code, rate in dataset.fx_rates().items():
                await funding_admin.call(
                    "PUT",
                    f"/v1/funding/fx-rates/{code}",
                    json={"eur_per_unit": str(rate), "as_of": "2016-01-01"},
                )
                stage.count += 1
        if await self.offers("evaluation", "POST", "/v1/evaluation/cycles"):
            evaluation_admin = self.caller("evaluation", "admin", None)
            for year in range(dataset.FIRST_YEAR, dataset.FIRST_YEAR + dataset.YEARS):
                created = await evaluation_admin.call(
                    "POST", "/v1/evaluation/cycles", json=dataset.cycle(year), expect=201
                )
                self.data.cycle_ids[year] = created["id"]
                stage.count += 1
        stage.seconds += time.perf_counter() - started

    async def actors(self) -> None:
        await self.offers("actors", "POST", "/v1/actors")
        stage = self.data.stage("actors")
        custodians = [dataset.donor(self.rng) for _ in range(self.sizes.actors)]
        bodies = [dataset.actor(self.rng, c) for c in custodians]

        async def register(i: int) -> None:
            caller = self.caller("actors", "agency", custodians[i])
            created = await self.post(caller, "/v1/actors", bodies[i], stage)
            if created:
                self.data.actor_ids.append(created["id"])
                self.data.by_custodian[custodians[i]].append(created["id"])
                stage.count += 1

        started = time.perf_counter()
        await in_parallel(len(bodies), self.sizes.concurrency, register)
        stage.seconds += time.perf_counter() - started

    def popular(self) -> dataset.Weighted:
        if self._popular is None:
            self._popular = dataset.Weighted.zipf(self.data.actor_ids, self.rng)
        return self._popular

    async def evaluation(self) -> None:
        """Activities over every cycle; assessments by two unaffiliated evaluators per actor."""
        years = sorted(self.data.cycle_ids)
        if not years:
            return
        if await self.offers("evaluation", "POST", "/v1/evaluation/activities"):
            stage = self.data.stage("activities")
            popular = self.popular()
            plans = []
            for _ in range(self.sizes.activities):
                year = self.rng.choice(years)
                donor_state = dataset.donor(self.rng)
                body = dataset.activity(
                    self.rng, popular.pick(self.rng), self.data.cycle_ids[year], year
                )
                plans.append((donor_state, body))

            async def report(i: int) -> None:
                state, body = plans[i]
                if await self.post(
                    self.caller("evaluation", "agency", state),
                    "/v1/evaluation/activities",
                    body,
                    stage,
                ):
                    stage.count += 1
                    self.data.activities += 1

            started = time.perf_counter()
            await in_parallel(len(plans), self.sizes.concurrency, report)
            stage.seconds += time.perf_counter() - started
        path = "/v1/evaluation/cycles/{cycle_id}/assessments"
        if await self.offers("evaluation", "POST", path):
            stage = self.data.stage("assessments")
            evaluators = [
                self.caller("evaluation", "evaluator", None, client_id=f"bench-evaluator-{n}")
                for n in range(8)
            ]
            plans2 = []
            for year in years[-self.sizes.assessed_cycles - 1 : -1] or years[-1:]:
                count = min(self.sizes.assessments_per_cycle, len(self.data.actor_ids))
                for actor_id in self.rng.sample(self.data.actor_ids, count):
                    for evaluator in self.rng.sample(evaluators, 2):
                        plans2.append((evaluator, year, dataset.assessment(self.rng, actor_id)))

            async def assess(i: int) -> None:
                evaluator, year, body = plans2[i]
                target = f"/v1/evaluation/cycles/{self.data.cycle_ids[year]}/assessments"
                if await self.post(evaluator, target, body, stage):
                    stage.count += 1
                    self.data.assessments += 1

            started = time.perf_counter()
            await in_parallel(len(plans2), self.sizes.concurrency, assess)
            stage.seconds += time.perf_counter() - started

    async def commitments(self, upto: int) -> None:
        """Add commitments (random over the ten years) until the dataset holds ``upto``."""
        if not await self.offers("funding", "POST", "/v1/funding/commitments"):
            return
        stage = self.data.stage("commitments")
        popular = self.popular()
        plans = [
            (dataset.donor(self.rng), dataset.commitment(self.rng, popular.pick(self.rng)))
            for _ in range(max(0, upto - self.data.commitments))
        ]

        async def commit(i: int) -> None:
            state, body = plans[i]
            if await self.post(
                self.caller("funding", "agency", state), "/v1/funding/commitments", body, stage
            ):
                stage.count += 1
                self.data.commitments += 1
                self.data.donors.add(state)

        started = time.perf_counter()
        await in_parallel(len(plans), self.sizes.concurrency, commit)
        stage.seconds += time.perf_counter() - started

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()


async def wait_quiet(nats_url: str, credentials: dict[str, str], limit: float = 600.0) -> float:
    """Wait until every JetStream consumer has caught up (nothing pending, nothing unacked).

    Returns the seconds waited. Measurements start on a platform that is not still digesting.
    """
    started = time.perf_counter()
    nc = await nats.connect(nats_url, **credentials)
    try:
        js = nc.jetstream()
        calm = 0
        last: tuple[int, int] | None = None
        while time.perf_counter() - started < limit:
            pending = 0
            messages = 0
            for stream in await js.streams_info():
                messages += stream.state.messages
                for consumer in await js.consumers_info(stream.config.name or ""):
                    pending += (consumer.num_pending or 0) + (consumer.num_ack_pending or 0)
            now = (pending, messages)
            calm = calm + 1 if pending == 0 and now == last else 0
            if calm >= 2:
                return time.perf_counter() - started
            last = now
            await asyncio.sleep(0.25)
        raise TimeoutError("the consumers did not catch up")
    finally:
        await nc.close()
