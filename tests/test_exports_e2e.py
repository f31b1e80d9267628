"""The IATI and 360Giving exports through the gateway, the way two donors' agencies and a
steward use them: each donor exports only its own commitments, individuals are never named, an
export of nothing is an empty document, and the exports wait for the donor's IATI identifier."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from agora_platform.testing.e2e import Agora, eventually
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry
from referencing.jsonschema import DRAFT202012

# The schemas the funding service vendors (read as files: end-to-end tests import no service).
STANDARDS = Path(__file__).resolve().parents[1] / "services/funding/src/funding/exports/standards"
# Donors of their own (foundations' codes): the platform is shared by the session's tests.
ONE, TWO = "EXPORTONE", "EXPORTTWO"
ONE_REF, TWO_REF = "XI-IATI-AGORA1", "XI-IATI-AGORA2"
PERIOD = {"start": "2043-01-01", "end": "2044-06-30"}
PERSON = {
    "kind": "individual",
    "public_name": "Exported Fellow Public",
    "legal_name": "Exported Fellow Legal",
    "contact": {"email": "exported.fellow@example.org"},
    "sectors": ["human_rights"],
    "activities": ["anti_war"],
    "host_country": "GE",
}
NEWSROOM = {
    "kind": "organisation",
    "public_name": "Exported Newsroom",
    "sectors": ["independent_media"],
    "host_country": "LV",
}


def iati_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / "iati-2.03/iati-activities-schema.xsd")))


def threesixty_validator() -> Draft202012Validator:
    folder = STANDARDS / "360giving-1.4.3"
    grant = json.loads((folder / "360-giving-schema.json").read_text())
    package = json.loads((folder / "360-giving-package-schema.json").read_text())
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [(grant["$id"], resource), (grant["$id"].replace("/1.4.3/", "/1.4.2/"), resource)]
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


async def registered(agency: httpx.AsyncClient, actor: dict[str, Any]) -> str:
    created = await agency.post("/v1/actors", json=actor)
    assert created.status_code == 201, created.text
    actor_id = str(created.json()["id"])

    async def known() -> bool:
        summary = await agency.get(f"/v1/funding/actors/{actor_id}/summary")
        return summary.status_code == 200

    await eventually(known)
    return actor_id


async def committed(agency: httpx.AsyncClient, **body: Any) -> str:
    made = await agency.post("/v1/funding/commitments", json={"period": PERIOD, **body})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def test_each_donor_exports_its_own_commitments_without_naming_anyone(
    agora: Agora,
) -> None:
    one = await agora.client("agency", ONE)
    two = await agora.client("agency", TWO)
    steward = await agora.steward(ONE)
    person = await registered(one, PERSON)
    newsroom = await registered(one, NEWSROOM)
    fellowship = await committed(
        one,
        actor_id=person,
        instrument="fellowship",
        amount="12000.50",
        currency="EUR",
        purposes=["public_debate", "anti_war"],
    )
    grant = await committed(
        one,
        actor_id=newsroom,
        instrument="grant",
        amount="1234567.891",
        currency="KWD",
        purposes=["domestic_outreach"],
    )
    paid = await one.post(
        f"/v1/funding/commitments/{grant}/disbursements",
        json={"amount": "1000.001", "date": "2043-02-01"},
    )
    assert paid.status_code == 201, paid.text
    secret = await committed(
        one,
        actor_id=newsroom,
        instrument="grant",
        amount="5000.00",
        currency="EUR",
        purposes=["anti_war"],
        confidential=True,
    )

    # No IATI identifier yet: a clear problem, not an export under an invented name.
    refused = await one.get("/v1/funding/exports/iati")
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    # The steward sets it; another donor's agency may not.
    settings = {"iati_org_ref": ONE_REF}
    assert (await two.put(f"/v1/funding/donors/{ONE}", json=settings)).status_code == 403
    assert (await steward.put(f"/v1/funding/donors/{ONE}", json=settings)).status_code == 200
    assert (await one.get(f"/v1/funding/donors/{ONE}")).json()["iati_org_ref"] == ONE_REF

    exported = await one.get("/v1/funding/exports/iati")
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("application/xml")
    document = etree.fromstring(exported.content)
    schema = iati_schema()
    assert schema.validate(document), schema.error_log
    identifiers = [a.findtext("iati-identifier") for a in document.iter("iati-activity")]
    assert sorted(identifiers) == sorted([f"{ONE_REF}-{fellowship}", f"{ONE_REF}-{grant}"])
    values = sorted(v.text for v in document.iter("value"))
    assert values == sorted(["12000.50", "1234567.891", "1000.001"])  # exact digits
    for personal in ("Exported Fellow", "exported.fellow@", "Exported Newsroom", person, secret):
        assert personal not in exported.text

    package_response = await one.get("/v1/funding/exports/360giving")
    assert package_response.status_code == 200
    package = json.loads(package_response.text, parse_float=Decimal)
    errors = list(threesixty_validator().iter_errors(package_response.json()))
    assert not errors, [e.message for e in errors]
    grants = {g["id"]: g for g in package["grants"]}
    assert grants[f"{ONE_REF}-{fellowship}"]["recipientIndividual"]["name"] == (
        "Individual Recipient"
    )
    assert grants[f"{ONE_REF}-{grant}"]["amountAwarded"] == Decimal("1234567.891")
    for personal in ("Exported Fellow", "exported.fellow@", "Exported Newsroom", person, secret):
        assert personal not in package_response.text
    flat = await one.get("/v1/funding/exports/360giving", params={"format": "csv"})
    assert flat.status_code == 200
    assert flat.headers["content-type"].startswith("text/csv")
    assert {row["Identifier"] for row in csv.DictReader(io.StringIO(flat.text))} == set(grants)

    # The other donor sees none of it: its export is the empty document.
    await two.put(f"/v1/funding/donors/{TWO}", json={"iati_org_ref": TWO_REF})
    empty = await two.get("/v1/funding/exports/iati")
    assert empty.status_code == 200
    nothing = etree.fromstring(empty.content)
    assert (nothing.tag, nothing.get("version"), len(nothing)) == ("iati-activities", "2.03", 0)
    no_grants = await two.get("/v1/funding/exports/360giving")
    assert no_grants.json()["grants"] == []
    for commitment_id in (fellowship, grant, secret):
        assert commitment_id not in empty.text
        assert commitment_id not in no_grants.text
