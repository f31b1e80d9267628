"""The IATI 2.03 and 360Giving 1.4 exports against real SQLite and PostgreSQL: random
commitments of several donors, statuses, disbursements, currencies, confidential ones, fellowships
and individuals; every export validated against the vendored schemas and codelists."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import funding.exports
import pycountry
import pytest
from agora_common.testing.client import Caller, ServiceClient
from funding.exports import service as export_service
from iso4217 import Currency
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry
from referencing.jsonschema import DRAFT202012

DE, FR = Caller("agency", "DE"), Caller("agency", "FR")
DE_STEWARD, FR_STEWARD = Caller("steward", "DE"), Caller("steward", "FR")
DE_REF, FR_REF = "XM-DAC-5-7", "FR-RCS-123456789"
IATI_URL, THREESIXTY_URL = "/v1/funding/exports/iati", "/v1/funding/exports/360giving"
STANDARDS = Path(funding.exports.__file__).parent / "standards"
IATI_NS = "{urn:agora:iati-extension}confidential"
# Decimals per currency: 0 (JPY), 2 (EUR), 3 (KWD); amounts are checked digit for digit.
CURRENCIES = {"JPY": 0, "EUR": 2, "KWD": 3}
PURPOSES = [
    "anti_war",
    "ukraine_support",
    "repression_support",
    "future_visions",
    "public_debate",
    "domestic_outreach",
    "war_crimes_documentation",
    "historical_memory",
    "decentralisation",
    "minority_rights",
    "lgbtq_advocacy",
]


def iati_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / "iati-2.03" / "iati-activities-schema.xsd")))


def threesixty_validator() -> Draft202012Validator:
    """The package schema, its $ref to the grant schema (a 1.4.2 URL) resolved to the local file."""
    folder = STANDARDS / "360giving-1.4.3"
    grant = json.loads((folder / "360-giving-schema.json").read_text())
    package = json.loads((folder / "360-giving-package-schema.json").read_text())
    # Its "$schema" (http, no "s") is not a URI referencing knows: say which dialect it is.
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [
            (grant["$id"], resource),
            (grant["$id"].replace("/1.4.3/", "/1.4.2/"), resource),
        ]
    )
    return Draft202012Validator(package, registry=registry, format_checker=DATE_TIME)


# jsonschema checks "date-time" only with an optional package; without the check a plain date
# would match both branches of the schema's oneOf (date-time | YYYY-MM-DD) and fail.
DATE_TIME = FormatChecker(formats=())
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@DATE_TIME.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _RFC3339.fullmatch(value) is not None and bool(datetime.fromisoformat(value))


CODELISTS: dict[str, dict[str, str]] = json.loads(
    (STANDARDS / "iati-codelists" / "codelists.json").read_text()
)["codelists"]


@dataclass
class Made:
    """What the test made for one donor, to compare the exports against."""

    commitments: dict[str, dict[str, Any]] = field(default_factory=dict)

    def of(self, *, confidential: bool | None = None) -> dict[str, dict[str, Any]]:
        return {
            k: v
            for k, v in self.commitments.items()
            if confidential is None or v["confidential"] == confidential
        }


def amount(rng: random.Random, currency: str) -> Decimal:
    decimals = CURRENCIES[currency]
    return Decimal(rng.randint(10**decimals, 10**9)).scaleb(-decimals)


async def random_commitments(
    funding: ServiceClient, actors: Any, rng: random.Random, caller: Caller, count: int
) -> Made:
    """``count`` random commitments of ``caller``'s state, moved through random statuses."""
    made = Made()
    for n in range(count):
        kind = rng.choice(["individual", "organisation", "media_outlet", "initiative"])
        country = rng.choice(["DE", "LT", "GE", "AM", "RS"])
        actor = await actors.known(
            f"act_{caller.state}{n}{rng.randrange(10**6)}", kind=kind, host_country=country
        )
        instrument = rng.choice(["grant", "fellowship", "in_kind", "residence_permit"])
        currency = rng.choice(list(CURRENCIES))
        body: dict[str, Any] = {
            "actor_id": actor,
            "instrument": instrument,
            "period": {"start": "2026-01-01", "end": rng.choice(["2026-12-31", "2029-06-30"])},
            "purposes": rng.sample(PURPOSES, rng.randint(1, 4)),
            "status": rng.choice(["pledged", "committed"]),
            "confidential": rng.random() < 0.3,
        }
        total = amount(rng, currency)
        if instrument != "residence_permit":
            body |= {"amount": str(total), "currency": currency}
        created = await funding.post("/v1/funding/commitments", caller=caller, json=body)
        assert created.status_code == 201, created.text
        commitment_id = created.json()["id"]
        url = f"/v1/funding/commitments/{commitment_id}"
        payments: list[tuple[str, Decimal, str]] = []
        status = body["status"]
        move = rng.choice(["stay", "commit", "pay", "complete", "cancel"])
        if move != "stay" and status == "pledged" and move != "cancel":
            assert (await funding.post(f"{url}/commit", caller=caller)).status_code == 200
            status = "committed"
        binding = status == "committed"
        if move == "pay" and "amount" in body:
            for day in rng.sample(range(1, 28), rng.randint(1, 3)):
                part = (total / 4).quantize(Decimal(1).scaleb(-CURRENCIES[currency]))
                if part <= 0:
                    continue
                paid = await funding.post(
                    f"{url}/disbursements",
                    caller=caller,
                    json={"amount": str(part), "date": f"2026-03-{day:02d}"},
                )
                assert paid.status_code == 201, paid.text
                payments.append((paid.json()["id"], part, f"2026-03-{day:02d}"))
        if move == "complete" and status == "committed":
            assert (await funding.post(f"{url}/complete", caller=caller)).status_code == 200
            status = "completed"
        if move == "cancel":
            assert (await funding.post(f"{url}/cancel", caller=caller)).status_code == 200
            status = "cancelled"
        made.commitments[commitment_id] = {
            **body,
            "id": commitment_id,
            "kind": kind,
            "host_country": country,
            "amount": total if "amount" in body else None,
            "status": (await funding.get(url, caller=caller)).json()["status"],
            "payments": payments,
            "binding": binding,
        }
    return made


async def set_ref(
    funding: ServiceClient, caller: Caller, ref: str, confidential: str = "omit"
) -> None:
    response = await funding.put(
        f"/v1/funding/donors/{caller.state}",
        caller=caller,
        json={"iati_org_ref": ref, "confidential_in_exports": confidential},
    )
    assert response.status_code == 200, response.text


def valid_iati(text: str) -> etree._Element:
    document = etree.fromstring(text.encode())
    schema = iati_schema()
    assert schema.validate(document), schema.error_log
    return document


def check_codelists(document: etree._Element) -> None:
    """Every coded value of the export is in its IATI codelist (or ISO list)."""
    for activity in document.iter("iati-activity"):
        assert activity.find("activity-status").get("code") in CODELISTS["ActivityStatus"]
        for day in activity.iter("activity-date"):
            assert day.get("type") in CODELISTS["ActivityDateType"]
        for org in activity.iter("participating-org"):
            assert org.get("role") in CODELISTS["OrganisationRole"]
        for org in [*activity.iter("reporting-org"), *activity.iter("participating-org")]:
            assert org.get("type") in (None, *CODELISTS["OrganisationType"])
        for sector in activity.iter("sector"):
            assert sector.get("vocabulary") in CODELISTS["SectorVocabulary"]
            if sector.get("vocabulary") == "1":
                assert sector.get("code") in CODELISTS["Sector"]
        for vocabulary in {s.get("vocabulary") for s in activity.iter("sector")}:
            shares = [
                Decimal(s.get("percentage"))
                for s in activity.iter("sector")
                if s.get("vocabulary") == vocabulary
            ]
            assert sum(shares) == 100
        for kind in activity.iter("transaction-type"):
            assert kind.get("code") in CODELISTS["TransactionType"]
        currencies = [activity.get("default-currency")] + [
            v.get("currency") for v in activity.iter("value")
        ]
        for code in filter(None, currencies):
            assert Currency(code).exponent is not None
        for country in activity.iter("recipient-country"):
            assert pycountry.countries.get(alpha_2=country.get("code")) is not None


EXPECTED_STATUS = {"pledged": "1", "committed": "2", "disbursed": "2", "completed": "4"}


def check_activity(activity: etree._Element, made: dict[str, Any]) -> None:
    assert activity.findtext("iati-identifier") == f"{DE_REF}-{made['id']}"
    assert activity.find("reporting-org").get("ref") == DE_REF
    assert activity.find("activity-status").get("code") == EXPECTED_STATUS.get(made["status"], "5")
    days = {d.get("type"): d.get("iso-date") for d in activity.iter("activity-date")}
    assert days == {"1": made["period"]["start"], "3": made["period"]["end"]}
    assert activity.find("recipient-country").get("code") == made["host_country"]
    own = {s.get("code") for s in activity.iter("sector") if s.get("vocabulary") == "99"}
    assert own == set(made["purposes"])
    transactions = [
        (
            t.find("transaction-type").get("code"),
            Decimal(t.findtext("value")),
            t.find("value").get("currency"),
        )
        for t in activity.iter("transaction")
    ]
    expected = [("3", part, made.get("currency")) for _, part, _ in made["payments"]]
    if made["amount"] is not None and made["binding"]:
        expected.insert(0, ("2", made["amount"], made["currency"]))
    assert sorted(transactions) == sorted(expected)
    # Exact digits: the value text is the amount as the donor wrote it.
    for t in activity.iter("transaction"):
        if t.find("transaction-type").get("code") == "2":
            assert t.findtext("value") == str(made["amount"])
    recipient = activity.findall("participating-org")[1]
    assert recipient.get("role") == "4"
    assert recipient.get("ref") is None
    assert "not named" in recipient.findtext("narrative")


async def test_iati_export_of_random_commitments_is_valid_and_complete(
    funding: ServiceClient, actors: Any
) -> None:
    seed = random.randrange(10**9)
    rng = random.Random(seed)
    made = await random_commitments(funding, actors, rng, DE, 24)
    other = await random_commitments(funding, actors, rng, FR, 6)
    await set_ref(funding, DE_STEWARD, DE_REF)
    await set_ref(funding, FR, FR_REF)

    response = await funding.get(IATI_URL, caller=DE)
    assert response.status_code == 200, (seed, response.text)
    assert response.headers["content-type"].startswith("application/xml")
    document = valid_iati(response.text)
    check_codelists(document)
    activities = {a.findtext("iati-identifier"): a for a in document.iter("iati-activity")}
    expected = {
        k: v
        for k, v in made.of(confidential=False).items()
        if v["instrument"] != "residence_permit"
    }
    assert set(activities) == {f"{DE_REF}-{k}" for k in expected}, seed
    for commitment_id, item in expected.items():
        check_activity(activities[f"{DE_REF}-{commitment_id}"], item)
    # Nothing of another donor, and no actor id at all (recipients are never identified).
    for commitment_id in other.commitments:
        assert commitment_id not in response.text
    for item in made.commitments.values():
        assert item["actor_id"] not in response.text
    assert IATI_NS not in response.text

    # The donor chooses to flag its confidential commitments instead of omitting them.
    await set_ref(funding, DE, DE_REF, confidential="flag")
    flagged = valid_iati((await funding.get(IATI_URL, caller=DE)).text)
    shown = {a.findtext("iati-identifier"): a for a in flagged.iter("iati-activity")}
    for commitment_id, item in made.commitments.items():
        if item["instrument"] == "residence_permit":
            continue
        activity = shown[f"{DE_REF}-{commitment_id}"]
        assert activity.get(IATI_NS) == ("true" if item["confidential"] else None)


def grants_of(text: str) -> dict[str, Any]:
    """The package, valid against the 360Giving 1.4.3 schemas, its numbers read as Decimals."""
    package = json.loads(text, parse_float=Decimal)
    as_floats = json.loads(text)
    errors = list(threesixty_validator().iter_errors(as_floats))
    assert not errors, [e.message for e in errors]
    return dict(package)


async def test_360giving_export_of_random_commitments_is_valid_and_complete(
    funding: ServiceClient, actors: Any
) -> None:
    seed = random.randrange(10**9)
    rng = random.Random(seed)
    made = await random_commitments(funding, actors, rng, DE, 24)
    other = await random_commitments(funding, actors, rng, FR, 6)
    await set_ref(funding, DE, DE_REF)

    response = await funding.get(THREESIXTY_URL, caller=DE)
    assert response.status_code == 200, (seed, response.text)
    assert response.headers["content-type"] == "application/json"
    package = grants_of(response.text)
    assert package["version"] == "1.4"
    grants = {g["id"]: g for g in package["grants"]}
    expected = {
        k: v
        for k, v in made.of(confidential=False).items()
        if v["instrument"] in ("grant", "fellowship")
        and v["status"] in ("committed", "disbursed", "completed")
    }
    assert set(grants) == {f"{DE_REF}-{k}" for k in expected}, seed
    for commitment_id, item in expected.items():
        grant = grants[f"{DE_REF}-{commitment_id}"]
        assert (grant["currency"], grant["amountAwarded"]) == (item["currency"], item["amount"])
        assert grant["amountDisbursed"] == sum((p for _, p, _ in item["payments"]), Decimal(0))
        assert [t["value"] for t in grant.get("disbursementTransaction", [])] == [
            p for _, p, _ in item["payments"]
        ]
        assert grant["fundingOrganization"] == [{"id": DE_REF, "name": "DE"}]
        assert grant["beneficiaryLocation"] == [{"countryCode": item["host_country"]}]
        assert grant["plannedDates"] == [
            {"startDate": item["period"]["start"], "endDate": item["period"]["end"]}
        ]
        if item["kind"] == "individual":
            # Anonymised: a per-grant id, the generic name, nothing else (no actor id).
            assert grant["recipientIndividual"] == {
                "id": f"{DE_REF}-IND-{commitment_id}",
                "name": "Individual Recipient",
            }
            assert "recipientOrganization" not in grant
            assert item["actor_id"] not in repr(grant)
        else:
            assert grant["recipientOrganization"][0]["id"] == f"{DE_REF}-{item['actor_id']}"
    for commitment_id in other.commitments:
        assert commitment_id not in response.text
    # Exact digits in the JSON text itself, e.g. 1234.500 KWD stays 1234.500.
    for item in expected.values():
        assert f'"amountAwarded":{item["amount"]}' in response.text

    flat = await funding.get(THREESIXTY_URL, caller=DE, params={"format": "csv"})
    assert flat.status_code == 200
    assert flat.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(flat.text)))
    assert {r["Identifier"] for r in rows} == set(grants)
    for row in rows:
        grant = grants[row["Identifier"]]
        assert Decimal(row["Amount Awarded"]) == grant["amountAwarded"]
        assert row["Amount Awarded"] == str(grant["amountAwarded"])
        assert row["Recipient Ind:Name"] in ("", "Individual Recipient")
        assert row["Funding Org:Identifier"] == DE_REF

    await set_ref(funding, DE, DE_REF, confidential="flag")
    flagged = grants_of((await funding.get(THREESIXTY_URL, caller=DE)).text)
    marked = {
        g["id"]
        for g in flagged["grants"]
        if any(c["code"] == "confidential" for c in g["classifications"])
    }
    assert marked == {
        f"{DE_REF}-{k}"
        for k, v in made.of(confidential=True).items()
        if v["instrument"] in ("grant", "fellowship")
        and v["status"] in ("committed", "disbursed", "completed")
    }


async def test_an_export_of_nothing_is_an_empty_document(funding: ServiceClient) -> None:
    """Both standards' schemas ask for at least one record: the empty documents break that rule
    alone (documented in docs/data-exchange.md)."""
    await set_ref(funding, FR, FR_REF)
    response = await funding.get(IATI_URL, caller=FR)
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    assert (document.tag, document.get("version"), len(document)) == ("iati-activities", "2.03", 0)
    schema = iati_schema()
    assert not schema.validate(document)
    assert [e.message for e in schema.error_log] == [
        "Element 'iati-activities': Missing child element(s). Expected is ( iati-activity )."
    ]

    package = (await funding.get(THREESIXTY_URL, caller=FR)).json()
    assert package["grants"] == []
    errors = list(threesixty_validator().iter_errors(package))
    assert [(e.validator, list(e.path)) for e in errors] == [("minItems", ["grants"])]
    flat = await funding.get(THREESIXTY_URL, caller=FR, params={"format": "csv"})
    assert flat.status_code == 200
    assert flat.text.count("\n") == 1
    assert flat.text.startswith("Identifier,Title,")


async def test_exports_need_the_donors_iati_identifier(funding: ServiceClient) -> None:
    for url in (IATI_URL, THREESIXTY_URL):
        refused = await funding.get(url, caller=Caller("agency", "NL"))
        assert refused.status_code == 409
        assert refused.headers["content-type"] == "application/problem+json"
        assert "PUT /v1/funding/donors/NL" in refused.json()["detail"]
    stateless = await funding.get(IATI_URL, caller=Caller("admin"))
    assert stateless.status_code == 403
    bad = await funding.get(THREESIXTY_URL, caller=DE, params={"format": "xlsx"})
    assert bad.status_code == 422
    assert "xlsx" not in bad.text


async def test_a_donor_s_agency_or_steward_sets_its_settings(funding: ServiceClient) -> None:
    url = "/v1/funding/donors/DE"
    fresh = await funding.get(url, caller=DE)
    assert fresh.status_code == 200
    assert fresh.json() == {
        "code": "DE",
        "iati_org_ref": None,
        "confidential_in_exports": "omit",
        "updated_at": None,
    }
    by_steward = await funding.put(url, caller=DE_STEWARD, json={"iati_org_ref": DE_REF})
    assert by_steward.status_code == 200, by_steward.text
    assert (by_steward.json()["iati_org_ref"], by_steward.json()["confidential_in_exports"]) == (
        DE_REF,
        "omit",
    )
    by_agency = await funding.put(
        url, caller=DE, json={"iati_org_ref": "DE-1", "confidential_in_exports": "flag"}
    )
    assert by_agency.status_code == 200
    assert (await funding.get(url, caller=DE_STEWARD)).json()["iati_org_ref"] == "DE-1"

    for caller in (FR, FR_STEWARD, Caller("admin"), Caller("evaluator")):
        denied = await funding.put(url, caller=caller, json={"iati_org_ref": FR_REF})
        assert denied.status_code == 403, caller
        assert (await funding.get(url, caller=caller)).status_code == 403
    assert (await funding.get(url, caller=DE)).json()["iati_org_ref"] == "DE-1"

    for body in (
        {"iati_org_ref": "not an identifier"},
        {"iati_org_ref": "DE-1", "confidential_in_exports": "publish"},
        {"iati_org_ref": "DE-1", "name": "extra"},
        {},
        {"iati_org_ref": "DE-" + "1" * 200},
    ):
        refused = await funding.put(url, caller=DE, json=body)
        assert refused.status_code == 422, body
        assert refused.headers["content-type"] == "application/problem+json"
        assert "not an identifier" not in refused.text
    assert (await funding.put("/v1/funding/donors/de", caller=DE, json={})).status_code == 422
    assert (await funding.get(url, caller=DE)).json()["iati_org_ref"] == "DE-1"


async def test_exports_read_in_batches_miss_and_repeat_nothing(
    funding: ServiceClient, actors: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 2 over 7 commitments: each activity and grant once, with its own payments."""
    monkeypatch.setattr(export_service, "BATCH", 2)
    rng = random.Random(7)
    await set_ref(funding, DE, DE_REF)
    made: dict[str, Decimal] = {}
    for n in range(7):
        actor = await actors.known(f"act_batch{n}", kind="organisation")
        created = await funding.post(
            "/v1/funding/commitments",
            caller=DE,
            json={
                "actor_id": actor,
                "instrument": "grant",
                "amount": "900.00",
                "currency": "EUR",
                "period": {"start": "2026-01-01", "end": "2026-12-31"},
                "purposes": [rng.choice(PURPOSES)],
            },
        )
        commitment_id = created.json()["id"]
        part = Decimal(n + 1)
        paid = await funding.post(
            f"/v1/funding/commitments/{commitment_id}/disbursements",
            caller=DE,
            json={"amount": str(part), "date": "2026-02-01"},
        )
        assert paid.status_code == 201
        made[commitment_id] = part
    document = valid_iati((await funding.get(IATI_URL, caller=DE)).text)
    seen = [a.findtext("iati-identifier") for a in document.iter("iati-activity")]
    assert seen == [f"{DE_REF}-{k}" for k in made]  # oldest first, each once
    for activity in document.iter("iati-activity"):
        commitment_id = activity.findtext("iati-identifier").removeprefix(f"{DE_REF}-")
        disbursed = [
            Decimal(t.findtext("value"))
            for t in activity.iter("transaction")
            if t.find("transaction-type").get("code") == "3"
        ]
        assert disbursed == [made[commitment_id]]
    package = grants_of((await funding.get(THREESIXTY_URL, caller=DE)).text)
    assert [g["id"] for g in package["grants"]] == seen
    assert [g["amountDisbursed"] for g in package["grants"]] == list(made.values())
