"""Evaluator assignment, outstanding actors and history on SQLite and PostgreSQL."""

from collections import Counter, deque
from typing import Any

from agora_common.testing.client import Caller, ServiceClient
from evaluation.assignments.models import Assignment
from sqlalchemy import func, select, text

Seed = Any  # the `seed` fixture of conftest.py

ADMIN = Caller("admin")
AGENCY = Caller("agency", "DE")
STATES = ("DE", "DE", "FR", "FR", "SE", None, None)
EVALUATORS = [Caller("evaluator", s, f"ev-{i + 1}") for i, s in enumerate(STATES)]
SCORES = {"standards_and_visions": 3, "knowledge_generation": 2, "domestic_outreach": 3}


async def open_cycle(client: ServiceClient, start: str, end: str) -> str:
    body = {"name": f"Round {start[:4]}", "period": {"start": start, "end": end}}
    response = await client.post("/v1/evaluation/cycles", caller=ADMIN, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def assign(client: ServiceClient, cycle_id: str) -> dict[str, Any]:
    response = await client.post(f"/v1/evaluation/cycles/{cycle_id}/assignments", caller=ADMIN)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def all_assignments(client: ServiceClient, cycle_id: str, who: Caller) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        params = {"limit": "7", **({"cursor": cursor} if cursor else {})}
        page = await client.get(
            f"/v1/evaluation/cycles/{cycle_id}/assignments", caller=who, params=params
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def by_actor(items: list[Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in items:
        found.setdefault(item["actor_id"], set()).add(item["evaluator_id"])
    return found


def fits_under(
    cap: int, eligible: dict[str, set[str]], previous: dict[str, set[str]], evaluators: set[str]
) -> bool:
    """Whether every actor can have min(2, eligible) evaluators, repeating last cycle's only where
    too few others are eligible, with no evaluator above ``cap`` (max flow, Edmonds–Karp)."""
    graph: dict[str, dict[str, int]] = {}

    def edge(u: str, v: str, capacity: int) -> None:
        graph.setdefault(u, {})[v] = graph.get(u, {}).get(v, 0) + capacity
        graph.setdefault(v, {}).setdefault(u, 0)

    demand = 0
    for actor, can in eligible.items():
        need = min(2, len(can))
        fresh = can - previous.get(actor, set())
        repeats = max(0, need - len(fresh))
        demand += need
        edge("source", f"{actor}/fresh", need - repeats)
        edge("source", f"{actor}/again", repeats)
        for e in fresh:
            edge(f"{actor}/fresh", e, 1)
        for e in can & previous.get(actor, set()):
            edge(f"{actor}/again", e, 1)
    for e in evaluators:
        edge(e, "sink", cap)
    flow = 0
    while True:
        parent: dict[str, str | None] = {"source": None}
        queue = deque(["source"])
        while queue and "sink" not in parent:
            u = queue.popleft()
            for v, left in graph[u].items():
                if left > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if "sink" not in parent:
            return flow == demand
        v = "sink"
        while (u := parent[v]) is not None:
            graph[u][v] -= 1
            graph[v][u] += 1
            v = u
        flow += 1


async def test_thirty_actors_seven_evaluators_balanced_eligible_and_rotated(
    evaluation: ServiceClient, seed: Seed
) -> None:
    for who in EVALUATORS:
        enrolled = await evaluation.put("/v1/evaluation/evaluators/me", caller=who)
        assert enrolled.status_code == 200, enrolled.text
        assert enrolled.json()["state"] == who.state
    actors = [await seed.actor(actor_id=f"act_{i:02d}") for i in range(30)]
    funders: dict[str, set[str]] = {}
    for i, actor in enumerate(actors):
        donors = {("DE", "FR", "PL")[i % 3]}
        if i % 5 == 0:
            donors.add("FR" if "FR" not in donors else "SE")
        if i == 29:
            donors |= {"DE", "FR", "SE"}
        for donor in sorted(donors):
            await seed.commitment(donor=donor, actor_id=actor, start="2026-01-01", end="2027-12-31")
        if i == 7:
            # Confidential funding keeps a state's evaluators away all the same (SE: else
            # eligible for this actor).
            await seed.commitment(
                donor="SE", actor_id=actor, start="2026-01-01", end="2027-12-31", confidential=True
            )
            donors = donors | {"SE"}
        funders[actor] = donors
    conflicts = {
        ("ev-5", actors[0]),
        ("ev-5", actors[1]),
        ("ev-6", actors[4]),
        ("ev-6", actors[29]),
    }
    for evaluator, actor in sorted(conflicts):
        who = next(e for e in EVALUATORS if e.client_id == evaluator)
        declared = await evaluation.post(
            "/v1/evaluation/conflicts",
            caller=who,
            json={"actor_id": actor, "reason": "Advised it."},
        )
        assert declared.status_code == 201, declared.text
    unfunded = await seed.actor()  # never funded: never assigned
    # Funded only confidentially: never assigned either (assignments and progress would tell
    # agencies and evaluators that somebody funds it).
    secretly_funded = await seed.actor()
    await seed.commitment(
        donor="DE",
        actor_id=secretly_funded,
        start="2026-01-01",
        end="2026-12-31",
        confidential=True,
    )

    def eligible(actor: str) -> set[str]:
        return {
            e.client_id
            for e in EVALUATORS
            if (e.client_id, actor) not in conflicts and e.state not in funders[actor]
        }

    first = await open_cycle(evaluation, "2026-01-01", "2026-12-31")
    run = await assign(evaluation, first)
    assert run["actors"] == 30
    assert run["short_actor_ids"] == [actors[29]]  # DE, FR and SE fund it; ev-6 declared
    assert (run["actors_short"], run["actors_assigned"]) == (1, 29)
    assert (run["assignments"], run["created"], run["withdrawn"]) == (59, 59, 0)
    assigned = by_actor(await all_assignments(evaluation, first, ADMIN))
    assert unfunded not in assigned
    assert secretly_funded not in assigned
    for actor in actors:
        assert assigned[actor] <= eligible(actor), actor  # never an ineligible assignment
        assert len(assigned[actor]) == min(2, len(eligible(actor))), actor
    loads = Counter(e for chosen in assigned.values() for e in chosen)
    print("cycle 1 loads:", dict(sorted(loads.items())))
    assert max(loads.values()) - min(loads.values()) <= 1, loads

    # A rerun keeps everything and adds nothing.
    again = await assign(evaluation, first)
    assert (again["created"], again["withdrawn"], again["assignments"]) == (0, 0, 59)
    assert by_actor(await all_assignments(evaluation, first, ADMIN)) == assigned

    # An evaluator sees its own assignments only.
    own = await all_assignments(evaluation, first, EVALUATORS[0])
    assert {a["evaluator_id"] for a in own} == {"ev-1"}
    assert len(own) == loads["ev-1"]

    # The next cycle rotates: last cycle's evaluators only where too few others are eligible.
    second = await open_cycle(evaluation, "2027-01-01", "2027-12-31")
    run = await assign(evaluation, second)
    assert run["assignments"] == 59
    rotated = by_actor(await all_assignments(evaluation, second, ADMIN))
    for actor in actors:
        others = eligible(actor) - assigned[actor]
        repeated = rotated[actor] & assigned[actor]
        assert rotated[actor] <= eligible(actor)
        assert len(repeated) == max(0, len(rotated[actor]) - len(others)), actor
    loads = Counter(e for chosen in rotated.values() for e in chosen)
    print("cycle 2 loads:", dict(sorted(loads.items())))
    # Rotation comes first: here it forces a spread (ev-5..7 are the only fresh evaluators of
    # several actors), and no assignment under it has a lower maximum load.
    everyone = {e.client_id for e in EVALUATORS}
    can = {a: eligible(a) for a in actors}
    assert fits_under(max(loads.values()), can, assigned, everyone)
    assert not fits_under(max(loads.values()) - 1, can, assigned, everyone)
    assert fits_under(9, can, {}, everyone)  # cycle 1: 59 over 7 cannot do better than 9
    assert not fits_under(8, can, {}, everyone)


async def test_a_rerun_withdraws_what_became_ineligible_and_fills_the_gap(
    evaluation: ServiceClient, seed: Seed
) -> None:
    trio = EVALUATORS[4:7]  # SE, unaffiliated, unaffiliated
    for who in trio:
        await evaluation.put("/v1/evaluation/evaluators/me", caller=who)
    actor = await seed.actor()
    await seed.commitment(donor="DE", actor_id=actor)
    cycle_id = await open_cycle(evaluation, "2026-01-01", "2026-12-31")
    await assign(evaluation, cycle_id)
    before = by_actor(await all_assignments(evaluation, cycle_id, ADMIN))[actor]
    assert len(before) == 2
    leaving = sorted(before)[0]
    who = next(e for e in trio if e.client_id == leaving)
    await evaluation.post(
        "/v1/evaluation/conflicts", caller=who, json={"actor_id": actor, "reason": "New job."}
    )
    run = await assign(evaluation, cycle_id)
    assert (run["withdrawn"], run["created"], run["assignments"]) == (1, 1, 2)
    after = by_actor(await all_assignments(evaluation, cycle_id, ADMIN))[actor]
    assert leaving not in after
    assert after == {e.client_id for e in trio} - {leaving}

    # Each new assignment was written with its event, in the same transaction.
    async with evaluation.app.state.db.transaction() as session:
        events = await session.scalar(
            text("SELECT count(*) FROM outbox WHERE subject LIKE '%assignment_created%'")
        )
        rows = await session.scalar(select(func.count()).select_from(Assignment))
    assert (events, rows) == (3, 2)


async def test_who_may_assign_and_read(evaluation: ServiceClient, seed: Seed) -> None:
    cycle_id = await open_cycle(evaluation, "2026-01-01", "2026-12-31")
    base = f"/v1/evaluation/cycles/{cycle_id}"
    for who in (AGENCY, EVALUATORS[0]):
        assert (await evaluation.post(f"{base}/assignments", caller=who)).status_code == 403
    assert (await evaluation.get(f"{base}/assignments", caller=AGENCY)).status_code == 403
    assert (await evaluation.get(f"{base}/progress", caller=EVALUATORS[0])).status_code == 403
    assert (await evaluation.put("/v1/evaluation/evaluators/me", caller=ADMIN)).status_code == 403
    assert (await evaluation.get("/v1/evaluation/evaluators", caller=AGENCY)).status_code == 403
    for path in (
        "/v1/evaluation/cycles/cyc_nope/assignments",
        "/v1/evaluation/cycles/cyc_nope/progress",
    ):
        assert (await evaluation.get(path, caller=ADMIN)).status_code == 404
    assert (
        await evaluation.post("/v1/evaluation/cycles/cyc_nope/assignments", caller=ADMIN)
    ).status_code == 404
    bad = await evaluation.get(f"{base}/assignments", caller=ADMIN, params={"cursor": "x!"})
    assert bad.status_code == 422
    closed = await evaluation.post(f"{base}/close", caller=ADMIN)
    assert closed.status_code == 200
    refused = await evaluation.post(f"{base}/assignments", caller=ADMIN)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"


async def test_progress_empties_as_assessments_arrive_and_history_keeps_every_cycle(
    evaluation: ServiceClient, seed: Seed
) -> None:
    trio = EVALUATORS[4:7]
    for who in trio:
        await evaluation.put("/v1/evaluation/evaluators/me", caller=who)
    funded = sorted([await seed.actor(), await seed.actor()])
    for actor in funded:
        await seed.commitment(donor="DE", actor_id=actor, start="2026-01-01", end="2027-12-31")
    cycles = [
        await open_cycle(evaluation, "2026-01-01", "2026-12-31"),
        await open_cycle(evaluation, "2027-01-01", "2027-12-31"),
    ]
    for year, cycle_id in enumerate(cycles):
        base = f"/v1/evaluation/cycles/{cycle_id}"
        await assign(evaluation, cycle_id)
        progress = await evaluation.get(f"{base}/progress", caller=AGENCY, params={"limit": "1"})
        assert progress.status_code == 200, progress.text
        first = progress.json()
        assert first["items"] == [{"actor_id": funded[0], "assessments": 0, "assigned": 2}]
        rest = await evaluation.get(
            f"{base}/progress", caller=ADMIN, params={"cursor": first["next_cursor"]}
        )
        assert [i["actor_id"] for i in rest.json()["items"]] == [funded[1]]
        for who in trio:
            for item in await all_assignments(evaluation, cycle_id, who):
                scores = {**SCORES, "domestic_outreach": year + 2}
                body = {"actor_id": item["actor_id"], "scores": scores, "rationale": "Read."}
                made = await evaluation.post(f"{base}/assessments", caller=who, json=body)
                assert made.status_code == 201, made.text
            mine = await all_assignments(evaluation, cycle_id, who)
            assert all(item["assessed"] for item in mine)
        done = await evaluation.get(f"{base}/progress", caller=ADMIN)
        assert done.json() == {"items": [], "next_cursor": None}

    history = await evaluation.get(f"/v1/evaluation/actors/{funded[0]}/history", caller=AGENCY)
    assert history.status_code == 200, history.text
    entries = history.json()["items"]
    assert [e["cycle_id"] for e in entries] == cycles
    assert [e["scorecard"]["domestic_outreach"]["median"] for e in entries] == [2.0, 3.0]
    assert all(e["scorecard"]["complete"] for e in entries)
    assert not any(e.client_id in history.text for e in trio)
    paged = await evaluation.get(
        f"/v1/evaluation/actors/{funded[0]}/history", caller=ADMIN, params={"limit": "1"}
    )
    assert [e["cycle_id"] for e in paged.json()["items"]] == cycles[:1]
    assert paged.json()["next_cursor"] is not None
    for who, status in ((trio[0], 403), (AGENCY, 404)):
        path = f"/v1/evaluation/actors/{'act_unknown' if status == 404 else funded[0]}/history"
        assert (await evaluation.get(path, caller=who)).status_code == status
    await seed.erase(funded[0])
    gone = await evaluation.get(f"/v1/evaluation/actors/{funded[0]}/history", caller=AGENCY)
    assert gone.status_code == 404
