"""The gateway in the running platform: audit of personal data, idempotent registration,
one trace across services, the coordination overview and the services' metrics."""

from __future__ import annotations

import json
import secrets

import httpx
from agora_platform.testing.e2e import Agora, eventually

ORG = {
    "kind": "organisation",
    "public_name": "Exile Research Centre",
    "sectors": ["research"],
    "host_country": "DE",
}


async def _audit(agora: Agora, auditor: httpx.AsyncClient, **params: str) -> list[dict]:
    response = await auditor.get("/v1/audit/events", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_reading_personal_data_is_audited_without_the_values(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    fr = await agora.client("agency", "FR")
    auditor = await agora.client("auditor")
    legal_name = f"Name {secrets.token_hex(4)}"
    created = await de.post("/v1/actors", json={**ORG, "legal_name": legal_name})
    assert created.status_code == 201
    actor_id = created.json()["id"]

    read = await de.get(f"/v1/actors/{actor_id}")
    public_read = await fr.get(f"/v1/actors/{actor_id}")

    assert "x-agora-audit" not in read.headers
    assert "legal_name" not in public_read.json()
    records = await _audit(agora, auditor, resource=actor_id)
    actions = [(r["action"], r["client_id"], r["state"]) for r in records]
    assert ("actor.personal_data.write", de.client_id, "DE") in actions  # type: ignore[attr-defined]
    assert ("actor.personal_data.read", de.client_id, "DE") in actions  # type: ignore[attr-defined]
    assert not [a for a in actions if a[1] == fr.client_id]  # type: ignore[attr-defined]
    trail = json.dumps(await _audit(agora, auditor))
    assert legal_name not in trail
    assert (await auditor.get("/v1/audit/verify")).json()["valid"] is True


async def test_a_repeated_registration_is_replayed_not_repeated(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    key = {"Idempotency-Key": secrets.token_hex(8)}

    first = await de.post("/v1/actors", json=ORG, headers=key)
    again = await de.post("/v1/actors", json=ORG, headers=key)
    changed = await de.post("/v1/actors", json={**ORG, "public_name": "Other"}, headers=key)

    assert first.status_code == 201
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["location"] == first.headers["location"]
    assert changed.status_code == 422


async def test_a_replayed_answer_with_personal_data_is_audited_again(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    auditor = await agora.client("auditor")
    key = {"Idempotency-Key": secrets.token_hex(8)}
    body = {**ORG, "legal_name": f"Name {secrets.token_hex(4)}"}

    first = await de.post("/v1/actors", json=body, headers=key)
    again = await de.post("/v1/actors", json=body, headers=key)

    assert again.headers["idempotent-replayed"] == "true"
    assert "x-agora-audit" not in again.headers
    records = await _audit(agora, auditor, resource=first.json()["id"])
    assert [r["action"] for r in records] == ["actor.personal_data.write"] * 2


async def test_one_registration_is_one_trace_across_the_services(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    trace_id = secrets.token_hex(16)
    traceparent = f"00-{trace_id}-{secrets.token_hex(8)}-01"

    created = await de.post("/v1/actors", json=ORG, headers={"traceparent": traceparent})
    assert created.status_code == 201
    request_id = created.headers["x-request-id"]

    def services_with_trace() -> set[str]:
        seen = set()
        for path in (agora.platform.log_dir or agora.platform.data_dir).glob("*.log"):
            for line in path.read_text(errors="replace").splitlines():
                if trace_id in line and line.startswith("{"):
                    entry = json.loads(line)
                    seen.add(entry["service"])
                    if entry["service"] in ("gateway", "actors"):
                        assert entry["request_id"] == request_id
        return seen

    async def everywhere() -> bool:
        return {"gateway", "actors", "funding", "evaluation"} <= services_with_trace()

    assert await eventually(everywhere)


async def test_the_overview_is_for_agencies_and_tolerates_each_part(agora: Agora) -> None:
    de = await agora.client("agency", "DE")
    evaluator = await agora.client("evaluator")

    overview = await de.get("/v1/coordination/overview")
    refused = await evaluator.get("/v1/coordination/overview")

    assert overview.status_code == 200, overview.text
    body = overview.json()
    assert set(body) == {"generated_at", "actors", "funding", "permits_expiring", "evaluation"}
    for part in ("actors", "funding", "permits_expiring", "evaluation"):
        assert isinstance(body[part]["available"], bool)
    assert body["actors"]["available"] is True
    assert refused.status_code == 403


async def test_services_expose_metrics_for_their_outbox_and_consumers(agora: Agora) -> None:
    async with httpx.AsyncClient() as http:
        ports = agora.platform.service_ports
        funding = (await http.get(f"http://127.0.0.1:{ports['funding']}/metrics")).text
        actors = (await http.get(f"http://127.0.0.1:{ports['actors']}/metrics")).text
    assert "agora_consumer_lag{" in funding
    assert 'agora_outbox_backlog{service="actors"}' in actors
    assert 'route="/v1/actors/{actor_id}"' in actors or 'route="/v1/actors"' in actors
    assert "act_" not in actors


async def test_read_only_fields_cannot_be_assigned(agora: Agora) -> None:
    """OWASP API3 (mass assignment): custodian, id and version are the platform's to set."""
    de = await agora.client("agency", "DE")
    forged = {**ORG, "custodian_state": "FR", "id": "act_chosen", "version": 99}

    created = await de.post("/v1/actors", json=forged)
    if created.status_code == 201:
        assert created.json()["custodian_state"] == "DE"
        assert created.json()["id"] != "act_chosen"
    else:
        assert created.status_code == 422
    actor = await de.post("/v1/actors", json=ORG)
    patched = await de.patch(
        f"/v1/actors/{actor.json()['id']}",
        content=json.dumps({"custodian_state": "FR"}),
        headers={"If-Match": actor.headers["etag"], "Content-Type": "application/merge-patch+json"},
    )
    assert patched.status_code in (200, 422)
    current = await de.get(f"/v1/actors/{actor.json()['id']}")
    assert current.json()["custodian_state"] == "DE"


async def test_a_key_replayed_after_erasure_returns_no_personal_data(agora: Agora) -> None:
    """The erased person's stored answer is forgotten: the replayed key reaches the service
    again, which refuses it as already applied (409, agora_common.applied), never the erased
    actor's record."""
    de = await agora.client("agency", "DE")
    key = {"Idempotency-Key": secrets.token_hex(8)}
    body = {**ORG, "legal_name": f"Name {secrets.token_hex(4)}"}
    first = await de.post("/v1/actors", json=body, headers=key)
    assert first.status_code == 201, first.text
    actor_id = first.json()["id"]

    erased = await de.delete(f"/v1/actors/{actor_id}", headers={"If-Match": first.headers["etag"]})
    assert erased.status_code == 204, erased.text
    again = await de.post("/v1/actors", json=body, headers=key)

    assert "idempotent-replayed" not in again.headers
    assert again.status_code == 409, again.text
    assert again.json()["type"] == "https://agora.example/problems/idempotency-key-applied"
    assert actor_id not in again.text
    assert body["legal_name"] not in again.text
    assert (await de.get(f"/v1/actors/{actor_id}")).status_code == 410
    # Each write was on the trail before it was forwarded, named by its route template.
    auditor = await agora.client("auditor")
    attempted = await _audit(
        agora,
        auditor,
        client_id=de.client_id,  # type: ignore[attr-defined]
        outcome="attempted",
    )
    assert [(r["action"], r["resource"]) for r in attempted] == [
        ("POST /v1/actors", first.headers["x-request-id"]),
        ("DELETE /v1/actors/{actor_id}", erased.headers["x-request-id"]),
        ("POST /v1/actors", again.headers["x-request-id"]),
    ]
