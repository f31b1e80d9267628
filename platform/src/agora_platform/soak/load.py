"""The soak's mixed load: agencies of several states register, patch, commit, disburse and read;
evaluators assess. Every write is retried until it has an answer (the same ``Idempotency-Key``
for a POST, the same ``If-Match`` for a PATCH), and every answer is counted by status.

The ledger keeps what the platform acknowledged (a 2xx), so that the verification can look for
each write in the services and their read models afterwards.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from agora_common.applied import ALREADY_APPLIED_TYPE

# Answers that mean "try again": the part behind the gateway is down or restarting.
RETRYABLE = frozenset({502, 503, 504})
SECTORS = ("civil_society", "independent_media", "research", "human_rights", "culture")
KINDS = ("organisation", "initiative", "media_outlet")
STATES = ("DE", "FR", "NL", "PL")
DISBURSEMENT = Decimal("100.00")
CYCLE_PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
COMMITMENT_PERIOD = {"start": "2026-03-01", "end": "2027-02-28"}


@dataclass
class Answer:
    """One HTTP answer (or a failed connection: status 0) as the load saw it."""

    at: float
    operation: str
    status: int
    retry_after: bool


@dataclass
class Ledger:
    """What the platform acknowledged, and every answer it gave."""

    actors: dict[str, str] = field(default_factory=dict)  # id → registering state
    actor_versions: dict[str, int] = field(default_factory=dict)  # id → last acknowledged version
    patches: Counter[str] = field(default_factory=Counter)  # actor id → acknowledged patches
    # A patch refused as stale after a retry: its first attempt may have been applied.
    patches_uncertain: Counter[str] = field(default_factory=Counter)
    commitments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (donor, actor)
    disbursements: Counter[str] = field(default_factory=Counter)  # commitment id → acknowledged
    assessments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (evaluator, actor)
    answers: list[Answer] = field(default_factory=list)
    abandoned: Counter[str] = field(default_factory=Counter)  # writes without an answer at the end
    refused: Counter[str] = field(default_factory=Counter)  # "operation status" of final 4xx
    # Writes answered only after retries: "operation: the statuses seen before the answer".
    retried: Counter[str] = field(default_factory=Counter)
    # Retried writes the service refused as already applied (409, its answer was lost with a
    # gateway): acknowledged, they exist once, but their ids are unknown here.
    applied_unanswered: Counter[str] = field(default_factory=Counter)

    @property
    def writes_acknowledged(self) -> int:
        return (
            len(self.actors)
            + sum(self.patches.values())
            + len(self.commitments)
            + sum(self.disbursements.values())
            + len(self.assessments)
            + sum(self.applied_unanswered.values())
        )

    def by_status(self) -> dict[str, int]:
        counts = Counter(
            "connection_failed" if a.status == 0 else str(a.status) for a in self.answers
        )
        return dict(sorted(counts.items()))


def refusal(operation: str, response: httpx.Response) -> str:
    """``operation status problem-type`` of a final 4xx (the type says which rule refused)."""
    try:
        problem = response.json()
        kind = str(problem.get("type", "")).rsplit(":", 1)[-1]
        if kind == "blank":  # a validation error: which field, and what rule
            kind = ";".join(
                f"{'.'.join(map(str, e.get('loc', [])))}:{e.get('type', '')}"
                for e in problem.get("errors", [])[:2]
            ) or str(problem.get("title", ""))
    except (ValueError, AttributeError):
        kind = ""
    return f"{operation} {response.status_code} {kind}".strip()


def _already_applied(response: httpx.Response) -> bool:
    """The service's 409 for a key it applied before (agora_common.applied)."""
    if response.status_code != 409:
        return False
    try:
        return bool(response.json().get("type") == ALREADY_APPLIED_TYPE)
    except (ValueError, AttributeError):
        return False


class Caller:
    """A signed-in client of the gateway that signs in again when its token is refused."""

    def __init__(self, url: str, client_id: str, secret: str, *, role: str, state: str | None):
        self.client_id = client_id
        self.secret = secret
        self.role = role
        self.state = state
        self.http = httpx.AsyncClient(base_url=url, timeout=30)
        self.token = ""

    async def sign_in(self) -> httpx.Response:
        """Ask for a token; ``token`` stays empty unless the answer is 200."""
        self.token = ""
        response = await self.http.post(
            "/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.secret,
            },
        )
        if response.status_code == 200:
            self.token = str(response.json()["access_token"])
        return response

    async def close(self) -> None:
        await self.http.aclose()


class Load:
    """Workers calling the gateway until ``stop`` is set; writes in flight then finish."""

    def __init__(
        self,
        ledger: Ledger,
        agencies: list[Caller],
        evaluators: list[Caller],
        cycle_id: str,
        *,
        seed: int = 16,
        give_up_at: float = float("inf"),
    ) -> None:
        self.ledger = ledger
        self.agencies = agencies
        self.evaluators = evaluators
        self.cycle_id = cycle_id
        self.random = random.Random(seed)
        self.stop = asyncio.Event()
        self.give_up_at = give_up_at
        self.etags: dict[str, str] = {}
        self.assessed: set[tuple[str, str]] = set()
        self.sequence = 0

    # -- one request, retried until it has an answer ------------------------------------

    async def call(
        self,
        caller: Caller,
        operation: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        headers: dict[str, str] | None = None,
        write: bool = True,
    ) -> httpx.Response | None:
        """Send until a final answer: 2xx or 4xx (not 401/409/429 of the gateway itself);
        a read is sent once. None: no final answer before ``give_up_at``, or a retried write
        the service had already applied (counted in ``applied_unanswered``)."""
        extra = dict(headers or {})
        if write and method == "POST":
            extra["Idempotency-Key"] = str(uuid.uuid4())
        delay = 0.2
        seen: list[str] = []
        while True:
            if not caller.token and not await self.sign_in(caller):
                if time.monotonic() > self.give_up_at:
                    if write:
                        self.ledger.abandoned[operation] += 1
                    return None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
                continue
            try:
                response = await caller.http.request(
                    method,
                    path,
                    json=json,
                    headers={"Authorization": f"Bearer {caller.token}", **extra},
                )
                status = response.status_code
                retry_after = "retry-after" in response.headers
            except httpx.TransportError:
                response, status, retry_after = None, 0, False
            self.ledger.answers.append(Answer(time.monotonic(), operation, status, retry_after))
            if status == 401:
                caller.token = ""  # expired or refused after a gateway restart: sign in again
            if write and seen and response is not None and _already_applied(response):
                self.ledger.applied_unanswered[operation] += 1
                self.ledger.retried[
                    f"{operation} 409 applied after {','.join(sorted(set(seen)))}"
                ] += 1
                return None
            if response is not None and (
                200 <= status < 300 or (400 <= status < 500 and status not in (401, 409, 429))
            ):
                if seen and write:
                    before = ",".join(sorted(set(seen)))
                    self.ledger.retried[f"{operation} {status} after {before}"] += 1
                return response
            seen.append(str(status) if status else "no connection")
            if not write or time.monotonic() > self.give_up_at:
                if write:
                    self.ledger.abandoned[operation] += 1
                return None
            wait = delay
            if response is not None and response.headers.get("retry-after", "").isdigit():
                wait = min(float(response.headers["retry-after"]), 5.0)
            await asyncio.sleep(wait)
            delay = min(delay * 2, 2.0)

    async def sign_in(self, caller: Caller) -> bool:
        """A new token for ``caller``; its answer is counted like any other."""
        try:
            response = await caller.sign_in()
        except httpx.TransportError:
            self.ledger.answers.append(Answer(time.monotonic(), "sign_in", 0, False))
            return False
        retry_after = "retry-after" in response.headers
        self.ledger.answers.append(
            Answer(time.monotonic(), "sign_in", response.status_code, retry_after)
        )
        return bool(caller.token)

    # -- the operations --------------------------------------------------------------

    async def register(self, agency: Caller) -> None:
        self.sequence += 1
        body = {
            "kind": self.random.choice(KINDS),
            "public_name": f"Soak initiative {self.sequence}",
            "sectors": [self.random.choice(SECTORS)],
            "host_country": "LT",
        }
        response = await self.call(agency, "register", "POST", "/v1/actors", json=body)
        if response is not None and response.status_code == 201:
            actor_id = str(response.json()["id"])
            assert agency.state is not None
            self.ledger.actors[actor_id] = agency.state
            self.etags[actor_id] = response.headers.get("etag", '"1"')
            self.ledger.actor_versions[actor_id] = int(self.etags[actor_id].strip('"'))
        elif response is not None:
            self.ledger.refused[refusal("register", response)] += 1

    async def patch(self, agency: Caller) -> None:
        own = [a for a, state in self.ledger.actors.items() if state == agency.state]
        if not own:
            return await self.register(agency)
        actor_id = self.random.choice(own)
        etag = self.etags[actor_id]
        body = {"sectors": [self.random.choice(SECTORS)]}
        sent = len(self.ledger.answers)
        response = await self.call(
            agency,
            "patch",
            "PATCH",
            f"/v1/actors/{actor_id}",
            json=body,
            headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
        )
        if response is None:
            return None
        if response.status_code == 200:
            self.ledger.patches[actor_id] += 1
            self.etags[actor_id] = response.headers.get("etag", etag)
            self.ledger.actor_versions[actor_id] = int(self.etags[actor_id].strip('"'))
        else:
            self.ledger.refused[refusal("patch", response)] += 1
            if response.status_code == 412 and len(self.ledger.answers) - sent > 1:
                self.ledger.patches_uncertain[actor_id] += 1
            await self._refresh_etag(agency, actor_id)
        return None

    async def _refresh_etag(self, agency: Caller, actor_id: str) -> None:
        current = await self.call(agency, "read", "GET", f"/v1/actors/{actor_id}", write=False)
        if current is not None and current.status_code == 200 and "etag" in current.headers:
            self.etags[actor_id] = current.headers["etag"]

    async def commit(self, agency: Caller) -> None:
        if not self.ledger.actors:
            return await self.register(agency)
        actor_id = self.random.choice(list(self.ledger.actors))
        body = {
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "60000.00",
            "currency": "EUR",
            "period": COMMITMENT_PERIOD,
            "purposes": ["domestic_outreach"],
            "status": "committed",
        }
        response = await self.call(agency, "commit", "POST", "/v1/funding/commitments", json=body)
        if response is not None and response.status_code == 201:
            assert agency.state is not None
            self.ledger.commitments[str(response.json()["id"])] = (agency.state, actor_id)
        elif response is not None:
            # 404: the actor has not reached funding's read model yet (events are asynchronous).
            self.ledger.refused[refusal("commit", response)] += 1
        return None

    async def disburse(self, agency: Caller) -> None:
        own = [c for c, (donor, _) in self.ledger.commitments.items() if donor == agency.state]
        if not own:
            return await self.commit(agency)
        commitment_id = self.random.choice(own)
        body = {"amount": str(DISBURSEMENT), "date": "2026-06-01"}
        response = await self.call(
            agency,
            "disburse",
            "POST",
            f"/v1/funding/commitments/{commitment_id}/disbursements",
            json=body,
        )
        if response is not None and response.status_code == 201:
            self.ledger.disbursements[commitment_id] += 1
        elif response is not None:
            self.ledger.refused[refusal("disburse", response)] += 1
        return None

    async def assess(self, evaluator: Caller) -> None:
        candidates = [
            a for a in self.ledger.actors if (evaluator.client_id, a) not in self.assessed
        ]
        if not candidates:
            return
        actor_id = self.random.choice(candidates)
        self.assessed.add((evaluator.client_id, actor_id))
        body = {
            "actor_id": actor_id,
            "scores": {
                "standards_and_visions": self.random.randint(0, 4),
                "knowledge_generation": self.random.randint(0, 4),
                "domestic_outreach": self.random.randint(0, 4),
            },
            "rationale": "Reviewed during the soak.",
        }
        path = f"/v1/evaluation/cycles/{self.cycle_id}/assessments"
        response = await self.call(evaluator, "assess", "POST", path, json=body)
        if response is not None and response.status_code == 201:
            self.ledger.assessments[str(response.json()["id"])] = (evaluator.client_id, actor_id)
        elif response is not None:
            # 404 or 422 on actor_id: the actor has not reached evaluation's read model yet.
            self.ledger.refused[refusal("assess", response)] += 1
            if response.status_code in (404, 422):
                self.assessed.discard((evaluator.client_id, actor_id))

    async def read(self, caller: Caller) -> None:
        choice = self.random.random()
        if self.ledger.actors and choice < 0.4:
            actor_id = self.random.choice(list(self.ledger.actors))
            path = f"/v1/actors/{actor_id}"
        elif (
            own := [c for c, (d, _) in self.ledger.commitments.items() if d == caller.state]
        ) and (choice < 0.7):
            path = f"/v1/funding/commitments/{self.random.choice(own)}"
        elif choice < 0.85:
            path = "/v1/actors?limit=20"
        else:
            path = f"/v1/evaluation/cycles/{self.cycle_id}"
        response = await self.call(caller, "read", "GET", path, write=False)
        if response is not None and response.status_code >= 400:
            self.ledger.refused[refusal("read", response)] += 1

    # -- the workers -----------------------------------------------------------------

    async def agency_worker(self, agency: Caller, pause: float) -> None:
        operations = (
            (0.30, self.register),
            (0.12, self.patch),
            (0.15, self.commit),
            (0.13, self.disburse),
            (0.30, self.read),
        )
        while not self.stop.is_set():
            [operation] = self.random.choices(
                [o for _, o in operations], weights=[w for w, _ in operations]
            )
            await operation(agency)
            await asyncio.sleep(pause)

    async def evaluator_worker(self, evaluator: Caller, pause: float) -> None:
        while not self.stop.is_set():
            if self.random.random() < 0.6:
                await self.assess(evaluator)
            else:
                await self.read(evaluator)
            await asyncio.sleep(pause * 2)

    async def run(self, pause: float) -> None:
        await asyncio.gather(
            *(self.agency_worker(a, pause) for a in self.agencies),
            *(self.evaluator_worker(e, pause) for e in self.evaluators),
        )
