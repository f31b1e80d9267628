"""Coordination on SQLite and PostgreSQL: overlap notices for both donors, resolving them, joint
programmes and coordinated overlaps, leadership and region shares with suppression, the vetting
warning, and the FX rate event."""

from typing import Any

from agora_common.events import CloudEvent
from agora_common.tables import outbox
from agora_common.testing.client import Caller, ServiceClient
from funding.events.handlers import on_vetting_decided
from sqlalchemy import select

DE, FR, NL = Caller("agency", "DE"), Caller("agency", "FR"), Caller("agency", "NL")
ADMIN = Caller("admin")
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
SECRET_DIGITS = "777333"


def grant(actor_id: str, **over: object) -> dict[str, object]:
    body: dict[str, object] = {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": "10000.00",
        "currency": "EUR",
        "period": YEAR,
        "purposes": ["anti_war"],
    }
    body.update(over)
    return body


async def commit(funding: ServiceClient, caller: Caller, body: dict[str, object]) -> Any:
    response = await funding.post("/v1/funding/commitments", caller=caller, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def published(funding: ServiceClient, kind: str) -> list[dict[str, Any]]:
    async with funding.app.state.db.transaction(readonly=True) as session:
        rows = (await session.execute(select(outbox.c.payload).order_by(outbox.c.seq))).all()
    events = [CloudEvent.from_json(r.payload) for r in rows]
    return [e.data for e in events if e.type == f"agora.funding.{kind}.v1"]


async def notices(funding: ServiceClient, caller: Caller, **params: str) -> list[dict[str, Any]]:
    response = await funding.get("/v1/funding/overlaps", caller=caller, params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_both_donors_see_the_notice_and_either_resolves_it(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_journalist")
    earlier = await commit(funding, DE, grant(actor))
    later = await commit(funding, FR, grant(actor, purposes=["anti_war", "public_debate"]))
    [overlap] = later["overlaps"]
    assert (overlap["commitment_id"], overlap["coordinated"]) == (earlier["id"], False)
    overlap_id = overlap["overlap_id"]

    for caller in (DE, FR):
        [notice] = await notices(funding, caller)
        assert notice["id"] == overlap_id
        assert (notice["status"], notice["coordinated"]) == ("open", False)
        assert notice["shared_purposes"] == ["anti_war"]
        sides = notice["commitments"]
        assert [(s["commitment_id"], s["donor"]) for s in sides] == [
            (earlier["id"], "DE"),
            (later["id"], "FR"),
        ]
        assert [s["yours"] for s in sides] == [caller is DE, caller is FR]
    assert await notices(funding, NL) == []
    assert [n["id"] for n in await notices(funding, DE, status="open")] == [overlap_id]
    assert await notices(funding, DE, status="resolved") == []
    [detected] = await published(funding, "overlap_detected")
    assert detected["donor"] == "FR"
    assert detected["overlapping"] == [
        {
            "commitment_id": earlier["id"],
            "donor": "DE",
            "overlap_id": overlap_id,
            "coordinated": False,
        }
    ]

    url = f"/v1/funding/overlaps/{overlap_id}/resolve"
    # A third donor learns nothing, not even that the notice exists.
    body = {"resolution": "co_funding", "note": "Agreed by phone."}
    assert (await funding.post(url, caller=NL, json=body)).status_code == 404
    unknown = "/v1/funding/overlaps/ovl_unknown/resolve"
    assert (await funding.post(unknown, caller=DE, json=body)).status_code == 404
    # Validation first (even for an unknown notice), without echoing what was sent.
    for bad in (
        {"resolution": "merge_them"},
        {"resolution": "co_funding", "note": "bell\u0007here"},
        {"resolution": "co_funding", "extra": 1},
        {},
    ):
        for target in (url, unknown):
            refused = await funding.post(target, caller=DE, json=bad)
            assert refused.status_code == 422, (bad, refused.text)
            assert "merge_them" not in refused.text
            assert "bell" not in refused.text

    resolved = await funding.post(url, caller=DE, json=body)
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["resolution"] == "co_funding"
    assert resolved.json()["note"] == "Agreed by phone."
    assert resolved.json()["resolved_by"] == "DE"
    # Repeating it changes nothing and publishes nothing more.
    again = await funding.post(url, caller=DE, json=body)
    assert again.status_code == 200
    assert again.json()["resolved_at"] == resolved.json()["resolved_at"]
    assert len(await published(funding, "overlap_resolved")) == 1
    [fr_view] = await notices(funding, FR, status="resolved")
    assert (fr_view["resolution"], fr_view["note"]) == ("co_funding", "Agreed by phone.")
    assert await notices(funding, FR, status="open") == []

    # The other donor may resolve it too (its answer is the latest).
    fr = await funding.post(url, caller=FR, json={"resolution": "will_adjust"})
    assert fr.status_code == 200, fr.text
    assert (fr.json()["resolved_by"], fr.json()["note"]) == ("FR", None)
    events = await published(funding, "overlap_resolved")
    assert events[-1] == {
        "overlap_id": overlap_id,
        "actor_id": actor,
        "resolution": "will_adjust",
        "resolved_by": "FR",
        "commitments": [
            {
                "commitment_id": earlier["id"],
                "donor": "DE",
                "overlap_id": None,
                "coordinated": False,
            },
            {"commitment_id": later["id"], "donor": "FR", "overlap_id": None, "coordinated": False},
        ],
    }
    # The note is free text: it stays in funding.
    assert "Agreed" not in str(events)


async def test_notices_page_and_refuse_foreign_cursors(funding: ServiceClient, actors: Any) -> None:
    actor = await actors.known("act_paged")
    await commit(funding, DE, grant(actor))
    for _ in range(3):
        await commit(funding, FR, grant(actor))
    first = await funding.get("/v1/funding/overlaps", caller=DE, params={"limit": 2})
    assert first.status_code == 200
    assert len(first.json()["items"]) == 2
    cursor = first.json()["next_cursor"]
    rest = await funding.get(
        "/v1/funding/overlaps", caller=DE, params={"limit": 2, "cursor": cursor}
    )
    ids = [n["id"] for n in first.json()["items"] + rest.json()["items"]]
    assert len(set(ids)) == 3
    assert rest.json()["next_cursor"] is None
    for bad in ({"cursor": "not-a-cursor"}, {"status": "closed"}, {"limit": "0"}):
        refused = await funding.get("/v1/funding/overlaps", caller=DE, params=bad)
        assert refused.status_code == 422, bad
    assert (await funding.get("/v1/funding/overlaps", caller=ADMIN)).status_code == 403


async def test_a_confidential_commitment_stays_a_flag_in_notices(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_quiet")
    secret = await commit(
        funding,
        DE,
        grant(actor, instrument="fellowship", amount=f"{SECRET_DIGITS}.00", confidential=True),
    )
    await commit(funding, FR, grant(actor))
    [fr_view] = await notices(funding, FR)
    hidden = fr_view["commitments"][0]
    assert hidden["commitment_id"] == secret["id"]
    assert (hidden["confidential"], hidden["instrument"]) == (True, None)
    [de_view] = await notices(funding, DE)
    assert de_view["commitments"][0]["instrument"] == "fellowship"
    for view in (fr_view, de_view):
        assert SECRET_DIGITS not in str(view)
    resolved = await funding.post(
        f"/v1/funding/overlaps/{fr_view['id']}/resolve",
        caller=FR,
        json={"resolution": "not_an_overlap"},
    )
    assert resolved.status_code == 200
    assert resolved.json()["commitments"][0]["instrument"] is None
    assert SECRET_DIGITS not in resolved.text


async def test_joint_programmes_make_overlaps_coordinated(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_joint")
    created = await funding.post(
        "/v1/funding/programmes",
        caller=DE,
        json={"name": "Independent media 2026", "donors": ["DE", "FR"]},
    )
    assert created.status_code == 201, created.text
    programme = created.json()
    assert (programme["donors"], programme["created_by"]) == (["DE", "FR"], "DE")
    for caller in (DE, FR):
        listed = await funding.get("/v1/funding/programmes", caller=caller)
        assert [p["id"] for p in listed.json()["items"]] == [programme["id"]]
    assert (await funding.get("/v1/funding/programmes", caller=NL)).json()["items"] == []
    assert (await funding.get("/v1/funding/programmes", caller=ADMIN)).status_code == 403

    # The caller's state must be a donor; names are one clean line; nothing is echoed.
    for bad in (
        {"name": "Without me", "donors": ["FR", "NL"]},
        {"name": "Alone", "donors": ["DE"]},
        {"name": "Twice", "donors": ["DE", "DE"]},
        {"name": "tab\u200bhidden", "donors": ["DE", "FR"]},
        {"name": "", "donors": ["DE", "FR"]},
        {"name": "Lower", "donors": ["DE", "fr"]},
    ):
        refused = await funding.post("/v1/funding/programmes", caller=DE, json=bad)
        assert refused.status_code == 422, (bad, refused.text)
        assert "hidden" not in refused.text

    pid = programme["id"]
    de = await commit(funding, DE, grant(actor, programme_id=pid))
    assert de["programme_id"] == pid
    fr = await commit(funding, FR, grant(actor, programme_id=pid))
    [overlap] = fr["overlaps"]
    assert overlap["coordinated"] is True
    for caller in (DE, FR):
        [notice] = await notices(funding, caller)
        assert (notice["status"], notice["coordinated"]) == ("coordinated", True)
        assert await notices(funding, caller, status="open") == []
    resolving = await funding.post(
        f"/v1/funding/overlaps/{overlap['overlap_id']}/resolve",
        caller=DE,
        json={"resolution": "co_funding"},
    )
    assert resolving.status_code == 409
    [detected] = await published(funding, "overlap_detected")
    assert detected["overlapping"][0]["coordinated"] is True

    # Outside the programme, the same pair is an open notice.
    nl = await commit(funding, NL, grant(actor))
    assert [o["coordinated"] for o in nl["overlaps"]] == [False, False]
    # A donor not in the programme, or a programme that does not exist: one answer.
    for programme_id in (pid, "prg_unknown"):
        refused = await funding.post(
            "/v1/funding/commitments", caller=NL, json=grant(actor, programme_id=programme_id)
        )
        assert refused.status_code == 422
        assert [e["loc"] for e in refused.json()["errors"]] == [["body", "programme_id"]]


async def test_leadership_and_region_shares_suppress_small_cells(
    funding: ServiceClient, actors: Any
) -> None:
    women_led = {"women_led": True, "minority_led": False, "regional": True}
    minority_led = {"women_led": False, "minority_led": True, "regional": False}
    for i in range(5):
        actor = await actors.known(f"act_w{i}", leadership=women_led, origin_region="SIB")
        await commit(funding, DE, grant(actor, amount="1000.00"))
    for i in range(2):
        actor = await actors.known(f"act_m{i}", leadership=minority_led, origin_region="NCAU")
        await commit(funding, FR, grant(actor, amount="3000.00"))
    unknown = await actors.known("act_u", origin_region=None)
    await commit(funding, NL, grant(unknown, amount="4000.00"))
    # Confidential money enters no sum, not even the leadership of its actor.
    hidden = await actors.known("act_hidden", leadership=women_led, origin_region="SIB")
    await commit(funding, NL, grant(hidden, amount=f"{SECRET_DIGITS}.00", confidential=True))

    report = await funding.get(
        "/v1/funding/reports/concentration", caller=ADMIN, params={"as_of": "2026-06-01"}
    )
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["total_committed_eur"] == "15000.00"
    assert body["leadership"] == {
        "women_led": {"actors": 5, "eur": "5000.00", "share": 0.3333},
        "regional": {"actors": 5, "eur": "5000.00", "share": 0.3333},
        # 2 minority-led actors, 1 unknown: fewer than 5, not reported.
        "minority_led": {"actors": None, "eur": None, "share": None},
        "unknown": {"actors": None, "eur": None, "share": None},
    }
    assert body["by_origin_region"] == {
        "SIB": {"actors": 5, "eur": "5000.00", "share": 0.3333},
        "NCAU": {"actors": None, "eur": None, "share": None},
        "unknown": {"actors": None, "eur": None, "share": None},
    }
    assert SECRET_DIGITS not in report.text
    assert body["confidential_commitments"] == 1


def vetting(actor_id: str, state: str, decision: str, version: int) -> CloudEvent:
    return CloudEvent(
        type="agora.actors.vetting_decided.v1",
        source="agora/actors",
        subject=actor_id,
        data={"actor_id": actor_id, "state": state, "decision": decision, "version": version},
    )


async def test_a_donor_is_warned_when_its_state_declined_the_actor(
    funding: ServiceClient, actors: Any
) -> None:
    actor = await actors.known("act_vetted")

    async def decide(state: str, decision: str, version: int) -> None:
        async with funding.app.state.db.transaction() as session:
            await on_vetting_decided(session, vetting(actor, state, decision, version))

    await decide("DE", "declined", 2)
    await decide("FR", "approved", 1)
    warned = await commit(funding, DE, grant(actor))
    assert [w["code"] for w in warned["warnings"]] == ["declined_by_your_state"]
    assert warned["status"] == "committed"  # a warning, not a refusal
    assert (await commit(funding, FR, grant(actor)))["warnings"] == []
    # An older decision arriving late changes nothing; a newer one does.
    await decide("DE", "approved", 1)
    assert [w["code"] for w in (await commit(funding, DE, grant(actor)))["warnings"]] == [
        "declined_by_your_state"
    ]
    await decide("DE", "approved", 3)
    assert (await commit(funding, DE, grant(actor)))["warnings"] == []


async def test_setting_a_rate_publishes_it(funding: ServiceClient) -> None:
    response = await funding.put(
        "/v1/funding/fx-rates/USD",
        caller=ADMIN,
        json={"eur_per_unit": "0.912345678901", "as_of": "2026-01-01"},
    )
    assert response.status_code == 200, response.text
    assert await published(funding, "fx_rate_set") == [
        {"currency": "USD", "eur_per_unit": "0.912345678901", "as_of": "2026-01-01"}
    ]
