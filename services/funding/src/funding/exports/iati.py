"""IATI 2.03 rendering: one ``iati-activity`` per commitment, written piece by piece.

The document is streamed: ``header`` once, ``activity`` per commitment, ``FOOTER`` once. Each
activity is built as an element tree (so that every text and attribute is escaped) and
serialised on its own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # building and serialising only: nothing is parsed here
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import quoteattr

from funding.exports import codes
from funding.exports.schemas import ExportedCommitment, Payment, Publisher

IATI_VERSION = "2.03"
# Extension attributes must sit in an explicit namespace (the schema admits ##other there).
AGORA_NS = "urn:agora:iati-extension"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("agora", AGORA_NS)

FOOTER = "</iati-activities>\n"


def header(generated_at: datetime) -> str:
    """The XML declaration and the opening ``iati-activities`` tag."""
    stamp = quoteattr(_datetime(generated_at))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="{IATI_VERSION}" generated-datetime={stamp}>\n'
    )


def identifier(publisher: Publisher, commitment_id: str) -> str:
    """The activity's IATI identifier: the reporting organisation's identifier, a hyphen, and
    the commitment's id (IATI requires the prefix)."""
    return f"{publisher.org_ref}-{commitment_id}"


def activity(publisher: Publisher, item: ExportedCommitment) -> str:
    """One ``iati-activity`` element, serialised, with a trailing newline."""
    attributes = {"last-updated-datetime": _datetime(item.updated_at), _XML_LANG: "en"}
    if item.currency is not None:
        attributes["default-currency"] = item.currency
    if item.confidential:
        attributes[f"{{{AGORA_NS}}}confidential"] = "true"
    root = ET.Element("iati-activity", attributes)
    _text(root, "iati-identifier", identifier(publisher, item.id))
    _organisation(root, "reporting-org", publisher, {})
    _narrative(ET.SubElement(root, "title"), _title(item))
    _narrative(ET.SubElement(root, "description", type="1"), _description(publisher, item))
    _organisation(root, "participating-org", publisher, {"role": codes.ROLE_FUNDING})
    _narrative(
        ET.SubElement(root, "participating-org", role=codes.ROLE_IMPLEMENTING),
        _recipient(item),
    )
    ET.SubElement(root, "activity-status", code=codes.ACTIVITY_STATUS[item.status])
    _date(root, codes.ACTIVITY_DATE_PLANNED_START, item.period_start)
    _date(root, codes.ACTIVITY_DATE_PLANNED_END, item.period_end)
    if item.host_country is not None:
        ET.SubElement(root, "recipient-country", code=item.host_country)
    _sectors(root, item.purposes)
    if item.amount is not None and item.committed_at is not None:
        commitment = Payment(item.id, item.amount, item.committed_at.date())
        _transaction(root, publisher, item, codes.TRANSACTION_OUTGOING_COMMITMENT, commitment)
    for payment in item.disbursements:
        _transaction(root, publisher, item, codes.TRANSACTION_DISBURSEMENT, payment)
    return ET.tostring(root, encoding="unicode") + "\n"


def _title(item: ExportedCommitment) -> str:
    purposes = ", ".join(codes.purpose_label(p) for p in item.purposes)
    return f"{codes.INSTRUMENT_TITLE[item.instrument]}: {purposes}"


def _description(publisher: Publisher, item: ExportedCommitment) -> str:
    text = (
        f"{codes.INSTRUMENT_TITLE[item.instrument]} by {publisher.donor} recorded in Agora "
        f"(commitment {item.id}). The recipient is not named: recipients of this funding are "
        "treated as sensitive."
    )
    if item.confidential:
        text += " Confidential commitment, exported at the donor's choice."
    return text


def _recipient(item: ExportedCommitment) -> str:
    label = codes.RECIPIENT_LABEL.get(item.actor_kind or "", codes.UNKNOWN_RECIPIENT)
    return f"{label} (not named)"


def _organisation(
    parent: ET.Element, tag: str, publisher: Publisher, attributes: dict[str, str]
) -> ET.Element:
    element = ET.SubElement(
        parent,
        tag,
        {"ref": publisher.org_ref, "type": codes.organisation_type(publisher.donor), **attributes},
    )
    _narrative(element, publisher.donor)
    return element


def _sectors(parent: ET.Element, purposes: tuple[str, ...]) -> None:
    dac = [codes.DAC_SECTOR[p] for p in purposes]
    for code, share in codes.percentages(dac):
        ET.SubElement(
            parent,
            "sector",
            vocabulary=codes.SECTOR_VOCABULARY_DAC,
            code=code,
            percentage=_decimal(share),
        )
    for purpose, share in codes.percentages(list(purposes)):
        sector = ET.SubElement(
            parent,
            "sector",
            vocabulary=codes.SECTOR_VOCABULARY_REPORTING_ORG,
            code=purpose,
            percentage=_decimal(share),
        )
        _narrative(sector, codes.purpose_label(purpose))


def _transaction(
    parent: ET.Element,
    publisher: Publisher,
    item: ExportedCommitment,
    kind: str,
    payment: Payment,
) -> None:
    assert item.currency is not None  # an amount always comes with its currency
    transaction = ET.SubElement(parent, "transaction", ref=payment.id)
    ET.SubElement(transaction, "transaction-type", code=kind)
    ET.SubElement(transaction, "transaction-date", {"iso-date": payment.date.isoformat()})
    value = ET.SubElement(
        transaction,
        "value",
        {"currency": item.currency, "value-date": payment.date.isoformat()},
    )
    value.text = _decimal(payment.amount)
    provider = ET.SubElement(transaction, "provider-org", ref=publisher.org_ref)
    _narrative(provider, publisher.donor)
    _narrative(ET.SubElement(transaction, "receiver-org"), _recipient(item))


def _date(parent: ET.Element, kind: str, day: date) -> None:
    ET.SubElement(parent, "activity-date", {"type": kind, "iso-date": day.isoformat()})


def _narrative(parent: ET.Element, text: str) -> None:
    _text(parent, "narrative", text)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _decimal(value: Decimal) -> str:
    """Plain positional digits, exactly (never an exponent)."""
    return format(value, "f")


def _datetime(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
