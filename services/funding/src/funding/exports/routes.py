"""HTTP endpoints of the exports: IATI 2.03 XML and 360Giving 1.4 JSON or CSV, streamed."""

from __future__ import annotations

from typing import Any

from agora_common.identity import AgencyCaller
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from funding.exports import service
from funding.exports.dependencies import StreamingSession
from funding.exports.schemas import ExportFormat

router = APIRouter(prefix="/v1/funding/exports", tags=["Funding"])

_IATI_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<iati-activities version="2.03" generated-datetime="2026-03-01T09:00:00+00:00">\n'
    '<iati-activity last-updated-datetime="2026-02-01T10:00:00+00:00" xml:lang="en" '
    'default-currency="EUR"><iati-identifier>XM-DAC-5-7-com_…</iati-identifier>…</iati-activity>\n'
    "</iati-activities>\n"
)
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The caller's client belongs to no state or donor."},
    409: {"description": "The donor has not set its IATI organisation identifier yet."},
}


@router.get(
    "/iati",
    response_class=StreamingResponse,
    summary="Export the caller's commitments as IATI 2.03",
    responses={
        200: {
            "description": "One IATI 2.03 `iati-activities` document.",
            "content": {
                "application/xml": {"schema": {"type": "string"}, "example": _IATI_EXAMPLE}
            },
        },
        **_PROBLEMS,
    },
)
async def export_iati(session: StreamingSession, caller: AgencyCaller) -> StreamingResponse:
    """The calling donor's own grants, fellowships and in-kind commitments (permits are not
    resource flows), one `iati-activity` each: the donor's IATI identifier as reporting and
    funding organisation, the recipient by kind only (never named), the status, the planned
    period, DAC 5 and Agora purpose sectors, and a transaction for the commitment and each
    disbursement. Confidential commitments are left out unless the donor chose `flag`
    (`PUT /v1/funding/donors/{code}`). With nothing to export the document has no activity
    (well-formed, though IATI's schema asks for at least one). See docs/data-exchange.md."""
    chunks = await service.iati_document(session, caller=caller)
    return StreamingResponse(chunks, media_type="application/xml")


@router.get(
    "/360giving",
    response_class=StreamingResponse,
    summary="Export the caller's grants and fellowships as 360Giving 1.4",
    responses={
        200: {
            "description": "A 360Giving 1.4 JSON package, or its flat CSV form (`format=csv`).",
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": {
                        "version": "1.4",
                        "publisher": {"identifier": "XM-DAC-5-7", "name": "DE"},
                        "grants": [
                            {
                                "id": "XM-DAC-5-7-com_…",
                                "title": "Fellowship: public debate",
                                "currency": "EUR",
                                "amountAwarded": 12000.00,
                                "awardDate": "2026-01-15",
                                "recipientIndividual": {
                                    "id": "XM-DAC-5-7-IND-com_…",
                                    "name": "Individual Recipient",
                                },
                                "fundingOrganization": [{"id": "XM-DAC-5-7", "name": "DE"}],
                            }
                        ],
                    },
                },
                "text/csv": {"schema": {"type": "string"}},
            },
        },
        **_PROBLEMS,
    },
)
async def export_360giving(
    session: StreamingSession,
    caller: AgencyCaller,
    format: ExportFormat = Query(
        ExportFormat.json, description="`json` (the package) or `csv` (the flat form)."
    ),
) -> StreamingResponse:
    """The calling donor's own awarded grants and fellowships (committed, disbursed or
    completed): amounts exact, the funder by its IATI identifier, an individual recipient only
    as an anonymised per-grant id with the generic name and a country, an organisation by an id
    under the donor's prefix and its kind. Confidential ones as in the IATI export. With nothing
    to export the package has an empty `grants` list (360Giving's package schema asks for at
    least one). See docs/data-exchange.md."""
    chunks = await service.threesixty_document(session, caller=caller, form=format)
    media_type = "text/csv; charset=utf-8" if format == ExportFormat.csv else "application/json"
    return StreamingResponse(chunks, media_type=media_type)
