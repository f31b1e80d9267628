"""360Giving 1.4 rendering: a JSON package of grants, or its flat CSV form, piece by piece.

Amounts are JSON numbers written from their exact decimal digits (never through a float).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from funding.exports import codes
from funding.exports.schemas import ExportedCommitment, Publisher

STANDARD_VERSION = "1.4"
INDIVIDUAL_NAME = "Individual Recipient"  # the generic name 360Giving's schema suggests
PURPOSE_VOCABULARY = "Agora purpose"
DAC_VOCABULARY = "OECD DAC CRS purpose code"
CONFIDENTIALITY_VOCABULARY = "Agora confidentiality"


def grant_id(publisher: Publisher, commitment_id: str) -> str:
    """The donor's organisation identifier, a hyphen, the commitment's id (as in the IATI export)."""
    return f"{publisher.org_ref}-{commitment_id}"


def grant(publisher: Publisher, item: ExportedCommitment) -> dict[str, Any]:
    """One 360Giving grant; an individual recipient only as an anonymised id and a country."""
    # Grants and fellowships always carry an amount and its currency.
    assert item.amount is not None
    assert item.currency is not None
    label = codes.RECIPIENT_LABEL.get(item.actor_kind or "", codes.UNKNOWN_RECIPIENT)
    awarded = item.committed_at or item.created_at
    made: dict[str, Any] = {
        "id": grant_id(publisher, item.id),
        "title": f"{codes.INSTRUMENT_TITLE[item.instrument]}: "
        + ", ".join(codes.purpose_label(p) for p in item.purposes),
        "description": f"{codes.INSTRUMENT_TITLE[item.instrument]} by {publisher.donor} "
        f"recorded in Agora (commitment {item.id}). The recipient is not named.",
        "currency": item.currency,
        "amountAwarded": item.amount,
        "amountDisbursed": item.disbursed,
        "awardDate": awarded.date().isoformat(),
        "plannedDates": [
            {"startDate": item.period_start.isoformat(), "endDate": item.period_end.isoformat()}
        ],
    }
    if item.to_individual:
        # Per grant, not per person: one individual's grants are not linkable in the file.
        made["recipientIndividual"] = {
            "id": f"{publisher.org_ref}-IND-{item.id}",
            "name": INDIVIDUAL_NAME,
        }
    else:
        made["recipientOrganization"] = [
            {"id": f"{publisher.org_ref}-{item.actor_id}", "name": f"{label} (not named)"}
        ]
    if item.host_country is not None:
        made["beneficiaryLocation"] = [{"countryCode": item.host_country}]
    made["fundingOrganization"] = [{"id": publisher.org_ref, "name": publisher.donor}]
    made["classifications"] = _classifications(item)
    if item.disbursements:
        made["disbursementTransaction"] = [
            {
                "id": payment.id,
                "transactionDate": payment.date.isoformat(),
                "currency": item.currency,
                "value": payment.amount,
            }
            for payment in item.disbursements
        ]
    made["dateModified"] = item.updated_at.isoformat(timespec="seconds")
    return made


def _classifications(item: ExportedCommitment) -> list[dict[str, str]]:
    found = [
        {"vocabulary": PURPOSE_VOCABULARY, "code": p, "title": codes.purpose_label(p)}
        for p in item.purposes
    ]
    for dac in dict.fromkeys(codes.DAC_SECTOR[p] for p in item.purposes):
        found.append({"vocabulary": DAC_VOCABULARY, "code": dac})
    if item.confidential:
        found.append(
            {
                "vocabulary": CONFIDENTIALITY_VOCABULARY,
                "code": "confidential",
                "title": "Confidential commitment, exported at the donor's choice",
            }
        )
    return found


def package_head(publisher: Publisher) -> str:
    """The package's metadata and the opening of its ``grants`` array."""
    stamp = publisher.generated_at.isoformat(timespec="seconds")
    metadata = {
        "version": STANDARD_VERSION,
        "title": f"Grants and fellowships of {publisher.donor}, exported from Agora",
        "identifier": f"{publisher.org_ref}-agora-{publisher.generated_at:%Y%m%dT%H%M%SZ}",
        "issued": stamp,
        "modified": stamp,
        "publisher": {"identifier": publisher.org_ref, "name": publisher.donor},
    }
    return dumps(metadata)[:-1] + ',"grants":[\n'


PACKAGE_TAIL = "\n]}\n"
GRANT_SEPARATOR = ",\n"


def dumps(value: Any) -> str:
    """Compact JSON in which a Decimal is a number written with its exact digits."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# The flat form: 360Giving's spreadsheet column titles, one row per grant.
CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Ind:Identifier",
    "Recipient Ind:Name",
    "Beneficiary Location:Country Code",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Last Modified",
)


def csv_line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def flat(made: Mapping[str, Any]) -> list[str]:
    """One grant as a CSV row in ``CSV_COLUMNS`` order (amounts as exact decimal text)."""
    organisation = (made.get("recipientOrganization") or [{}])[0]
    individual = made.get("recipientIndividual") or {}
    location = (made.get("beneficiaryLocation") or [{}])[0]
    funder = made["fundingOrganization"][0]
    planned = made["plannedDates"][0]
    row = (
        made["id"],
        made["title"],
        made["description"],
        made["currency"],
        format(made["amountAwarded"], "f"),
        format(made["amountDisbursed"], "f"),
        made["awardDate"],
        planned["startDate"],
        planned["endDate"],
        organisation.get("id", ""),
        organisation.get("name", ""),
        individual.get("id", ""),
        individual.get("name", ""),
        location.get("countryCode", ""),
        funder["id"],
        funder["name"],
        made["dateModified"],
    )
    return list(row)
