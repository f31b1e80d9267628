"""Authorization as a matrix: every operation of the merged OpenAPI document, called as every role.

The resources belong to the state DE. ``owner`` is an agency of DE, ``other`` an agency of FR;
``steward`` is DE's steward, ``other_steward`` FR's; ``monitor`` scrapes /metrics and nothing
else; ``revoked`` is a DE agency whose client was revoked after it got its token. The table below is
the one place that says what each role gets; an operation in the document without a row fails
the test, and so does a row for an operation that no longer exists.

Besides the status, every answer to a caller that is not the custodian is searched for the
actor's personal values (OWASP API1/API3), and no answer may carry the internal audit header.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
from agora_platform.testing.authorization import MATRIX, ROLES, UNAUTHENTICATED
from agora_platform.testing.e2e import Agora, eventually

MARK = secrets.token_hex(6)
PERSONAL = {
    "legal_name": f"Legal Name {MARK}",
    "contact": {"email": f"person.{MARK}@example.org", "phone": "+49 30 1234567"},
    "representation": {
        "gender": "non_binary",
        "ethnic_origin": f"Origin {MARK}",
        "national_minority": True,
        "vulnerable_groups": [f"group-{MARK}"],
    },
    "consent": {"given_on": "2025-01-10", "scope": f"Consent {MARK}"},
}
ACTOR = {
    "kind": "individual",
    "public_name": f"Public {MARK}",
    "sectors": ["human_rights"],
    "activities": ["anti_war"],
    "host_country": "DE",
    "origin_region": "RU-TA",
    "relocated_on": "2022-09-01",
    "risk_level": "high",
    **PERSONAL,
}
# A state per role whose grant that role tries to withdraw.
GRANTEES = dict(
    zip(ROLES, ("BE", "AT", "CZ", "DK", "EE", "FI", "IE", "LU", "LT", "LV"), strict=True)
)
PUBLIC_ACTOR = {k: v for k, v in ACTOR.items() if k not in PERSONAL}
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
MERGE_PATCH = "application/merge-patch+json"
TRANSFER = {"to_state": "FR", "grants": "keep"}
# A receiver nobody listens on (deliveries to it fail and are retried; nothing waits for them).
WEBHOOK_URL = "http://127.0.0.1:9/hook"
OVERLAP_EVENT = "funding.overlap_detected"
# The ids of the DE actors this test registered (their risk_level is personal).
DE_ACTORS: set[str] = set()


@dataclass
class Call:
    """One request: what fills the path, the query, the body and extra headers."""

    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None
    form: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    """The resources owned by DE that every role is pointed at."""

    agora: Agora
    clients: dict[str, httpx.AsyncClient]
    actor_id: str
    conflict_actor_id: str
    commitment_id: str
    cycle_id: str
    webhook_id: str = ""

    async def actor(self) -> str:
        created = await self.clients["owner"].post("/v1/actors", json=ACTOR)
        assert created.status_code == 201, created.text
        DE_ACTORS.add(created.json()["id"])
        return str(created.json()["id"])

    async def etag(self, actor_id: str) -> str:
        return (await self.clients["owner"].get(f"/v1/actors/{actor_id}")).headers["etag"]

    async def permit(self) -> str:
        """A permit DE issued on the world's actor."""
        body = {"type": "work", "valid_from": "2025-06-01", "valid_until": "2026-03-01"}
        issued = await self.clients["owner"].post(f"/v1/actors/{self.actor_id}/permits", json=body)
        assert issued.status_code == 201, issued.text
        return str(issued.json()["id"])

    async def transfer(self) -> dict[str, str]:
        """A fresh DE actor and its pending custody transfer to FR (the ``other`` role). Without
        personal values, and not counted among DE's actors: once accepted it is FR's own."""
        created = await self.clients["owner"].post("/v1/actors", json=PUBLIC_ACTOR)
        assert created.status_code == 201, created.text
        actor_id = str(created.json()["id"])
        made = await self.clients["owner"].post(
            f"/v1/actors/{actor_id}/custody-transfers", json=TRANSFER
        )
        assert made.status_code == 201, made.text
        return {"actor_id": actor_id, "transfer_id": made.json()["id"]}

    async def commitment(self, status: str = "committed") -> str:
        body = {
            "actor_id": self.actor_id,
            "instrument": "grant",
            "amount": "1000.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["anti_war"],
            "status": status,
        }
        created = await self.clients["owner"].post("/v1/funding/commitments", json=body)
        assert created.status_code == 201, created.text
        return str(created.json()["id"])

    async def overlap(self) -> str:
        """An open overlap notice between a DE commitment and an NL one on the world's actor."""
        await self.commitment()
        nl = self.clients.get("nl") or await self.agora.agency("NL")
        self.clients["nl"] = nl
        body = {
            "actor_id": self.actor_id,
            "instrument": "grant",
            "amount": "700.00",
            "currency": "EUR",
            "period": PERIOD,
            "purposes": ["anti_war"],
        }
        created = await nl.post("/v1/funding/commitments", json=body)
        assert created.status_code == 201, created.text
        return str(created.json()["overlaps"][0]["overlap_id"])

    async def webhook(self, *, fresh: bool = False) -> str:
        """An endpoint of DE's agency (the same one each time unless ``fresh``)."""
        if fresh or not self.webhook_id:
            body = {"url": WEBHOOK_URL, "events": [OVERLAP_EVENT]}
            created = await self.clients["owner"].post("/v1/webhooks", json=body)
            assert created.status_code == 201, created.text
            if fresh:
                return str(created.json()["id"])
            self.webhook_id = str(created.json()["id"])
        return self.webhook_id

    async def cycle(self) -> str:
        body = {"name": f"Cycle {secrets.token_hex(3)}", "period": PERIOD}
        created = await self.clients["admin"].post("/v1/evaluation/cycles", json=body)
        assert created.status_code == 201, created.text
        return str(created.json()["id"])


async def _grant(world: World, state: str) -> None:
    granted = await world.clients["owner"].post(
        f"/v1/actors/{world.actor_id}/grants", json={"state": state}
    )
    assert granted.status_code == 201, granted.text


# What each call needs; an operation not listed here gets the world's ids and no body.
async def _request_for(operation: str, role: str, world: World) -> Call:
    a, c, y = world.actor_id, world.commitment_id, world.cycle_id
    # A dead letter that does not exist: an admin gets 404, everybody else is refused first.
    base = {
        "actor_id": a,
        "commitment_id": c,
        "cycle_id": y,
        "currency": "USD",
        "dead_letter_id": "9000000000000",
    }
    match operation:
        case "POST /v1/auth/token":
            return Call(
                form={
                    "grant_type": "client_credentials",
                    "client_id": "nobody",
                    "client_secret": "x",
                }
            )
        case "POST /v1/admin/clients":
            # An admin creates evaluators alone (agencies: see test_an_admin_cannot_create_an_agency).
            return Call(json={"name": f"made by {role}", "role": "evaluator", "state": "IT"})
        case "POST /v1/admin/clients/{client_id}/approve":
            # Pending by another admin than the caller: the creator may not approve its own.
            creator = await world.agora.second_admin() if role == "admin" else world.agora.admin
            pending = await creator.post(
                "/v1/admin/clients",
                json={"name": f"steward for {role}", "role": "steward", "state": "IT"},
            )
            assert pending.status_code == 202, pending.text
            return Call(path={"client_id": pending.json()["client_id"]})
        case "POST /v1/stewardship/clients":
            return Call(json={"name": f"agency enrolled by {role}"})
        case "DELETE /v1/stewardship/clients/{client_id}":
            victim = await world.agora.register_client("agency", "DE")
            return Call(path={"client_id": victim["client_id"]})
        case "DELETE /v1/admin/clients/{client_id}":
            victim = await world.agora.register_client("agency", "IT")
            return Call(path={"client_id": victim["client_id"]})
        case "POST /v1/actors":
            # Another state's own actor carries no values of DE's actor: those would be its own.
            return Call(json=ACTOR if role == "owner" else PUBLIC_ACTOR)
        case "PATCH /v1/actors/{actor_id}":
            return Call(
                path=base,
                json={"public_name": f"Renamed by {role}"},
                headers={"If-Match": await world.etag(a), "Content-Type": MERGE_PATCH},
            )
        case "DELETE /v1/actors/{actor_id}":
            fresh = await world.actor()
            return Call(path={"actor_id": fresh}, headers={"If-Match": await world.etag(fresh)})
        case "POST /v1/actors/{actor_id}/grants":
            return Call(path=base, json={"state": "NL"})
        case "DELETE /v1/actors/{actor_id}/grants/{state}":
            state = GRANTEES[role]
            await _grant(world, state)
            return Call(path={**base, "state": state})
        case "POST /v1/actors/{actor_id}/permits":
            body = {"type": "residence", "valid_from": "2025-06-01", "valid_until": "2026-03-01"}
            return Call(path=base, json={**body, "family_members": 2})
        case "PUT /v1/actors/{actor_id}/vetting":
            return Call(path=base, json={"decision": "approved", "decided_on": "2025-05-01"})
        case "GET /v1/actors/permits/expiring":
            return Call(query={"within_days": "90"})
        case "PATCH /v1/actors/{actor_id}/permits/{permit_id}":
            return Call(
                path={**base, "permit_id": await world.permit()}, json={"status": "revoked"}
            )
        case "GET /v1/actors/custody-transfers":
            return Call(query={"direction": "incoming"})
        case "POST /v1/actors/{actor_id}/custody-transfers":
            return Call(path={"actor_id": await world.actor()}, json=TRANSFER)
        case (
            "POST /v1/actors/{actor_id}/custody-transfers/{transfer_id}/accept"
            | "POST /v1/actors/{actor_id}/custody-transfers/{transfer_id}/decline"
            | "POST /v1/actors/{actor_id}/custody-transfers/{transfer_id}/cancel"
        ):
            return Call(path=await world.transfer())
        case "POST /v1/funding/commitments":
            return Call(
                json={
                    "actor_id": a,
                    "instrument": "fellowship",
                    "amount": "500.00",
                    "currency": "EUR",
                    "period": PERIOD,
                    "purposes": ["public_debate"],
                }
            )
        case "POST /v1/funding/commitments/{commitment_id}/cancel":
            return Call(path={"commitment_id": await world.commitment()})
        case "POST /v1/funding/commitments/{commitment_id}/commit":
            return Call(path={"commitment_id": await world.commitment("pledged")})
        case "POST /v1/funding/commitments/{commitment_id}/complete":
            return Call(path={"commitment_id": await world.commitment()})
        case "POST /v1/funding/commitments/{commitment_id}/disbursements":
            return Call(path=base, json={"amount": "10.00", "date": "2026-02-01"})
        case "POST /v1/funding/overlaps/{overlap_id}/resolve":
            return Call(
                path={"overlap_id": await world.overlap()},
                json={"resolution": "co_funding", "note": f"Agreed ({role})."},
            )
        case "POST /v1/funding/programmes":
            state = {"owner": "DE", "other": "FR"}.get(role, "DE")
            return Call(json={"name": f"Programme of {role}", "donors": [state, "NL"]})
        case "PUT /v1/funding/donors/{code}":
            return Call(path={"code": "DE"}, json={"iati_org_ref": "XM-DAC-5-7"})
        case "GET /v1/funding/donors/{code}":
            return Call(path={"code": "DE"})
        case "GET /v1/funding/exports/iati" | "GET /v1/funding/exports/360giving":
            # Exports name the donor by its IATI identifier: DE's and FR's stewards set theirs.
            for steward, state in (("steward", "DE"), ("other_steward", "FR")):
                await world.clients[steward].put(
                    f"/v1/funding/donors/{state}", json={"iati_org_ref": f"{state}-AGORA-1"}
                )
            return Call()
        case "PUT /v1/funding/fx-rates/{currency}":
            return Call(path=base, json={"eur_per_unit": "0.91", "as_of": "2026-01-01"})
        case "POST /v1/evaluation/cycles":
            return Call(json={"name": f"Cycle by {role}", "period": PERIOD})
        case "POST /v1/evaluation/cycles/{cycle_id}/close":
            return Call(path={"cycle_id": await world.cycle()})
        case "POST /v1/evaluation/cycles/{cycle_id}/assessments":
            scores = {"standards_and_visions": 3, "knowledge_generation": 2, "domestic_outreach": 4}
            return Call(path=base, json={"actor_id": a, "scores": scores, "rationale": "Seen."})
        case "GET /v1/evaluation/cycles/{cycle_id}/assessments":
            return Call(path=base, query={"actor_id": a})
        case "POST /v1/evaluation/conflicts":
            return Call(json={"actor_id": world.conflict_actor_id, "reason": "Former colleague."})
        case "POST /v1/evaluation/activities":
            return Call(
                json={
                    "actor_id": a,
                    "cycle_id": y,
                    "kind": "event",
                    "title": "Open debate",
                    "date": "2026-03-01",
                    "participants": {"total": 40, "women": 20, "non_russian_ethnic_origin": 8},
                }
            )
        case "GET /v1/evaluation/reports/representation" | "GET /v1/evaluation/reports/portfolio":
            return Call(query={"cycle_id": y})
        case "POST /v1/webhooks":
            # Loopback is allowed in development; an evaluator subscribes to its assignments only.
            event = "evaluation.assignment_created" if role == "evaluator" else OVERLAP_EVENT
            return Call(json={"url": WEBHOOK_URL, "events": [event]})
        case "DELETE /v1/webhooks/{webhook_id}" | "GET /v1/webhooks/{webhook_id}/deliveries":
            # DE's agency's endpoint; the one it deletes itself is a fresh one.
            fresh = role == "owner" and operation.startswith("DELETE")
            return Call(path={"webhook_id": await world.webhook(fresh=fresh)})
    return Call(path=base)


async def _call(client: httpx.AsyncClient, operation: str, call: Call) -> httpx.Response:
    method, template = operation.split(" ", 1)
    url = template.format(**{k: v for k, v in call.path.items() if f"{{{k}}}" in template})
    if call.form is not None:
        return await client.request(method, url, data=call.form, headers=call.headers)
    if call.json is not None and "Content-Type" in call.headers:
        return await client.request(
            method, url, params=call.query, content=orjson.dumps(call.json), headers=call.headers
        )
    return await client.request(
        method, url, params=call.query, json=call.json, headers=call.headers
    )


async def _clients(agora: Agora) -> dict[str, httpx.AsyncClient]:
    clients = {
        "admin": agora.admin,
        "owner": await agora.client("agency", "DE"),
        "other": await agora.client("agency", "FR"),
        "evaluator": await agora.client("evaluator"),
        "auditor": await agora.client("auditor"),
        "steward": await agora.steward("DE"),
        "other_steward": await agora.steward("FR"),
        "monitor": await agora.client("monitor"),
        "anonymous": httpx.AsyncClient(base_url=agora.url, timeout=30),
    }
    revoked = await agora.register_client("agency", "DE")
    clients["revoked"] = await agora.login(revoked["client_id"], revoked["client_secret"])
    assert (
        await agora.admin.delete(f"/v1/admin/clients/{revoked['client_id']}")
    ).status_code == 204
    return clients


async def _world(agora: Agora, clients: dict[str, httpx.AsyncClient]) -> World:
    world = World(agora, clients, "", "", "", "")
    world.actor_id = await world.actor()
    world.conflict_actor_id = await world.actor()
    await _grant(world, "SE")  # shared with a state none of the callers belongs to
    for role in ("owner", "other"):  # each state records its own vetting decision
        vetted = await clients[role].put(
            f"/v1/actors/{world.actor_id}/vetting",
            json={"decision": "pending", "decided_on": "2025-04-01"},
        )
        assert vetted.status_code == 201, vetted.text

    async def funding_knows_the_actor() -> str | None:
        try:
            return await world.commitment()
        except AssertionError:
            return None

    world.commitment_id = await eventually(funding_knows_the_actor)
    world.cycle_id = await world.cycle()
    return world


def _leaks(response: httpx.Response) -> list[str]:
    """Personal values of the actor found in an answer."""
    text = response.text
    found = [name for name, value in _personal_strings() if value in text]
    if text.startswith(("{", "[")) and _shows_risk_level(response.json()):
        found.append("risk_level")
    return found


def _personal_strings() -> list[tuple[str, str]]:
    return [
        ("legal_name", PERSONAL["legal_name"]),
        ("contact.email", PERSONAL["contact"]["email"]),
        ("representation.ethnic_origin", PERSONAL["representation"]["ethnic_origin"]),
        ("representation.vulnerable_groups", PERSONAL["representation"]["vulnerable_groups"][0]),
        ("consent.scope", PERSONAL["consent"]["scope"]),
    ]


def _shows_risk_level(value: Any) -> bool:
    """Whether one of DE's actors of this test appears with its risk_level (personal too; its
    values are common words, so the member is looked for on DE's actors, not other states')."""
    if isinstance(value, list):
        return any(_shows_risk_level(item) for item in value)
    if not isinstance(value, dict):
        return False
    if value.get("id") in DE_ACTORS and "risk_level" in value:
        return True
    return any(_shows_risk_level(item) for item in value.values())


async def _denials_since(auditor: httpx.AsyncClient, since: str) -> int:
    count, cursor = 0, None
    while True:
        params = {"action": "access.denied", "since": since, "limit": "200"}
        page = (
            await auditor.get(
                "/v1/audit/events", params={**params, "cursor": cursor} if cursor else params
            )
        ).json()
        count += sum(record["client_id"] is not None for record in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return count


async def _access_logged(steward: httpx.AsyncClient, actor_id: str) -> bool:
    """Whether the steward's access log names the actor."""
    cursor = None
    while True:
        params = {"limit": "200", **({"cursor": cursor} if cursor else {})}
        page = (await steward.get("/v1/stewardship/access-log", params=params)).json()
        if any(record["resource"] == actor_id for record in page["items"]):
            return True
        cursor = page["next_cursor"]
        if cursor is None:
            return False


async def test_an_admin_cannot_create_an_agency(agora: Agora) -> None:
    refused = await agora.admin.post(
        "/v1/admin/clients", json={"name": "Ministry", "role": "agency", "state": "DE"}
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "steward" in refused.json()["detail"]


def _operations(document: dict[str, Any]) -> set[str]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in methods
    }


async def test_every_operation_as_every_role(agora: Agora) -> None:
    document = (await httpx.AsyncClient(base_url=agora.url).get("/openapi.json")).json()
    operations = _operations(document)
    assert sorted(operations - MATRIX.keys()) == [], "operations without a row in MATRIX"
    assert sorted(MATRIX.keys() - operations) == [], "rows for operations that do not exist"

    clients = await _clients(agora)
    world = await _world(agora, clients)
    mismatches: list[str] = []
    leaks: list[str] = []
    refusals = 0
    started = datetime.now(UTC).isoformat()
    # Refused roles first, so that an operation that succeeds cannot change what they see.
    for operation in sorted(operations):
        expected = dict(zip(ROLES, MATRIX[operation], strict=True))
        for role in sorted(ROLES, key=lambda r: 200 <= expected[r] < 300):
            call = await _request_for(operation, role, world)
            response = await _call(clients[role], operation, call)
            refusals += response.status_code in (401, 403) and role not in UNAUTHENTICATED
            if response.status_code != expected[role]:
                mismatches.append(
                    f"{operation} as {role}: {response.status_code}, expected {expected[role]}"
                    f" {response.text[:160]}"
                )
            if role != "owner" and (found := _leaks(response)):
                leaks.append(f"{operation} as {role}: {', '.join(found)}")
            assert "x-agora-audit" not in response.headers
            if response.status_code >= 400 and operation != "POST /v1/auth/token":
                assert response.headers["content-type"] == "application/problem+json", operation
    # /metrics is outside the document: a monitor or an admin scrapes it, nobody else.
    for role, client in clients.items():
        expected = {"admin": 200, "monitor": 200, "anonymous": 401, "revoked": 401}.get(role, 403)
        scraped = await client.get("/metrics")
        refusals += scraped.status_code in (401, 403) and role not in UNAUTHENTICATED
        if scraped.status_code != expected:
            mismatches.append(f"GET /metrics as {role}: {scraped.status_code}, expected {expected}")
    # DE's steward sees the reads of DE's actor; FR's steward, of another state, does not.
    assert await _access_logged(clients["steward"], world.actor_id)
    assert not await _access_logged(clients["other_steward"], world.actor_id)
    # Every refusal of a caller with a valid token is in the audit trail (those without one are
    # sampled: gateway.abuse).
    assert await _denials_since(clients["auditor"], started) == refusals
    # The search for personal values finds them where they belong: with the custodian.
    own = await clients["owner"].get(f"/v1/actors/{world.actor_id}")
    assert len(_leaks(own)) == len(_personal_strings()) + 1  # and its risk_level
    await clients["anonymous"].aclose()
    assert leaks == [], "personal data reached a caller without the right"
    assert mismatches == [], "\n".join(mismatches)
    print(f"authorization matrix: {len(operations)} operations × {len(ROLES)} roles")
