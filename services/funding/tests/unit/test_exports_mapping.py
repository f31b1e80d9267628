"""The exports' mappings and rendering, without a database: every Agora status and purpose has
its IATI code, every code is in the vendored codelists, and a rendered activity and grant are
valid on their own."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import funding.exports
import pytest
from funding.commitments.rules import Purpose, Status
from funding.exports import codes, iati, threesixty
from funding.exports.schemas import ExportedCommitment, Payment, Publisher
from lxml import etree

STANDARDS = Path(funding.exports.__file__).parent / "standards"
CODELISTS = json.loads((STANDARDS / "iati-codelists" / "codelists.json").read_text())["codelists"]
PUBLISHER = Publisher(
    donor="DE", org_ref="XM-DAC-5-7", flag_confidential=True, generated_at=datetime.now(UTC)
)


def commitment(**over: object) -> ExportedCommitment:
    values: dict[str, object] = {
        "id": "com_1",
        "actor_id": "act_secret",
        "actor_kind": "individual",
        "host_country": "GE",
        "instrument": "fellowship",
        "amount": Decimal("1234567.891"),
        "currency": "KWD",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "purposes": ("anti_war", "public_debate", "ukraine_support"),
        "status": "disbursed",
        "confidential": False,
        "created_at": datetime(2026, 1, 2, tzinfo=UTC),
        "updated_at": datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
        "committed_at": datetime(2026, 1, 3, tzinfo=UTC),
        "disbursements": (
            Payment("dsb_1", Decimal("0.001"), date(2026, 2, 1)),
            Payment("dsb_2", Decimal("1234567.890"), date(2026, 3, 1)),
        ),
    }
    return ExportedCommitment(**(values | over))  # type: ignore[arg-type]


def test_every_status_and_purpose_maps_to_a_listed_code() -> None:
    assert set(codes.ACTIVITY_STATUS) == {s.value for s in Status}
    assert set(codes.ACTIVITY_STATUS.values()) <= set(CODELISTS["ActivityStatus"])
    assert set(codes.DAC_SECTOR) == {p.value for p in Purpose}
    assert set(codes.DAC_SECTOR.values()) <= set(CODELISTS["Sector"])
    for code in (codes.TRANSACTION_OUTGOING_COMMITMENT, codes.TRANSACTION_DISBURSEMENT):
        assert code in CODELISTS["TransactionType"]
    assert CODELISTS["TransactionType"][codes.TRANSACTION_OUTGOING_COMMITMENT] == (
        "Outgoing Commitment"
    )
    assert CODELISTS["OrganisationRole"][codes.ROLE_FUNDING] == "Funding"
    assert CODELISTS["OrganisationRole"][codes.ROLE_IMPLEMENTING] == "Implementing"
    assert CODELISTS["ActivityDateType"][codes.ACTIVITY_DATE_PLANNED_START] == "Planned start"
    assert CODELISTS["ActivityDateType"][codes.ACTIVITY_DATE_PLANNED_END] == "Planned end"
    assert codes.organisation_type("DE") == "10"  # Government
    assert codes.organisation_type("OPENFOUNDATION") == "60"  # Foundation


@pytest.mark.parametrize(
    ("purposes", "expected"),
    [
        (["a"], [("a", Decimal("100.00"))]),
        (
            ["a", "b", "c"],
            [("a", Decimal("33.33")), ("b", Decimal("33.33")), ("c", Decimal("33.34"))],
        ),
        (["a", "a", "b"], [("a", Decimal("66.67")), ("b", Decimal("33.33"))]),
        ([], []),
    ],
)
def test_sector_percentages_sum_to_exactly_100(
    purposes: list[str], expected: list[tuple[str, Decimal]]
) -> None:
    assert codes.percentages(purposes) == expected


def test_a_rendered_activity_is_valid_and_names_nobody() -> None:
    text = iati.header(PUBLISHER.generated_at) + iati.activity(PUBLISHER, commitment())
    text += iati.activity(PUBLISHER, commitment(id="com_2", confidential=True, status="pledged"))
    text += iati.FOOTER
    document = etree.fromstring(text.encode())
    schema = etree.XMLSchema(etree.parse(str(STANDARDS / "iati-2.03/iati-activities-schema.xsd")))
    assert schema.validate(document), schema.error_log
    first, second = document.findall("iati-activity")
    assert [v.text for v in first.iter("value")] == ["1234567.891", "0.001", "1234567.890"]
    assert [t.get("code") for t in first.iter("transaction-type")] == ["2", "3", "3"]
    dac = {
        s.get("code"): s.get("percentage")
        for s in first.iter("sector")
        if s.get("vocabulary") == "1"
    }
    assert dac == {"15220": "66.67", "15150": "33.33"}  # two of three purposes are peace-building
    assert second.get(f"{{{iati.AGORA_NS}}}confidential") == "true"
    assert second.find("activity-status").get("code") == "1"
    assert "act_secret" not in text


def test_a_grant_keeps_exact_digits_and_an_individual_anonymous() -> None:
    grant = threesixty.grant(PUBLISHER, commitment())
    text = threesixty.dumps(grant)
    assert '"amountAwarded":1234567.891' in text
    assert '"amountDisbursed":1234567.891' in text
    assert json.loads(text, parse_float=Decimal)["amountAwarded"] == Decimal("1234567.891")
    assert grant["recipientIndividual"] == {
        "id": "XM-DAC-5-7-IND-com_1",
        "name": "Individual Recipient",
    }
    assert "act_secret" not in text
    assert "recipientOrganization" not in grant
    row = dict(zip(threesixty.CSV_COLUMNS, threesixty.flat(grant), strict=True))
    assert row["Amount Awarded"] == "1234567.891"
    assert row["Recipient Ind:Name"] == "Individual Recipient"
    assert row["Recipient Org:Identifier"] == ""
    organisation = threesixty.grant(PUBLISHER, commitment(actor_kind="media_outlet"))
    assert organisation["recipientOrganization"] == [
        {"id": "XM-DAC-5-7-act_secret", "name": "Media outlet (not named)"}
    ]


def test_json_text_escapes_and_never_writes_an_exponent() -> None:
    assert threesixty.dumps({"a": Decimal("1E+3"), "b": 'quote " and \u2028'}) == (
        '{"a":1000,"b":"quote \\" and \u2028"}'
    )
