"""The exports of the calling donor's own commitments, streamed a batch at a time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Collection
from datetime import UTC, datetime
from typing import Any

from agora_common.identity import Identity
from agora_common.problems import Conflict, Forbidden
from sqlalchemy.ext.asyncio import AsyncSession

from funding.commitments.rules import Status
from funding.donors.schemas import ConfidentialInExports
from funding.donors.service import settings_of
from funding.exports import codes, iati, repository, threesixty
from funding.exports.schemas import ExportedCommitment, ExportFormat, Payment, Publisher
from funding.money import from_minor

# Commitments read per query: bounded memory whatever the donor's size.
BATCH = 500
CHUNK_CHARACTERS = 64 * 1024


class NoDonorState(Forbidden):
    title = "No donor"


class OrgRefRequired(Conflict):
    title = "IATI organisation identifier not set"


async def _publisher(session: AsyncSession, caller: Identity) -> Publisher:
    if not caller.state:
        raise NoDonorState("Only an agency of a state or a donor has commitments to export.")
    donor = await settings_of(session, code=caller.state)
    if donor.iati_org_ref is None:
        raise OrgRefRequired(
            "Exports name the donor by its IATI organisation identifier: set it first with "
            f"PUT /v1/funding/donors/{caller.state}."
        )
    return Publisher(
        donor=caller.state,
        org_ref=donor.iati_org_ref,
        flag_confidential=donor.confidential_in_exports == ConfidentialInExports.flag,
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )


async def iati_document(session: AsyncSession, *, caller: Identity) -> AsyncIterator[str]:
    """The caller's own commitments as one IATI 2.03 ``iati-activities`` document (checked
    before the first byte: 403 without a state, 409 without an IATI identifier)."""
    publisher = await _publisher(session, caller)
    statuses = list(Status)
    return _in_chunks(_iati(session, publisher, statuses))


async def _iati(
    session: AsyncSession, publisher: Publisher, statuses: Collection[str]
) -> AsyncIterator[str]:
    yield iati.header(publisher.generated_at)
    async for item in _commitments(session, publisher, codes.IATI_INSTRUMENTS, statuses):
        yield iati.activity(publisher, item)
    yield iati.FOOTER


async def threesixty_document(
    session: AsyncSession, *, caller: Identity, form: ExportFormat
) -> AsyncIterator[str]:
    """The caller's own awarded grants and fellowships as a 360Giving package (JSON) or its
    flat CSV form (checked before the first byte, as the IATI export)."""
    publisher = await _publisher(session, caller)
    if form == ExportFormat.csv:
        return _in_chunks(_threesixty_csv(session, publisher))
    return _in_chunks(_threesixty_json(session, publisher))


async def _in_chunks(pieces: AsyncIterator[str]) -> AsyncIterator[str]:
    """The pieces joined into chunks of about ``CHUNK_CHARACTERS``: one write per chunk, not
    per activity."""
    buffer: list[str] = []
    size = 0
    async for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARACTERS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


async def _threesixty_json(session: AsyncSession, publisher: Publisher) -> AsyncIterator[str]:
    yield threesixty.package_head(publisher)
    first = True
    async for item in _commitments(
        session, publisher, codes.THREESIXTY_INSTRUMENTS, codes.THREESIXTY_STATUSES
    ):
        separator = "" if first else threesixty.GRANT_SEPARATOR
        first = False
        yield separator + threesixty.dumps(threesixty.grant(publisher, item))
    yield threesixty.PACKAGE_TAIL


async def _threesixty_csv(session: AsyncSession, publisher: Publisher) -> AsyncIterator[str]:
    yield threesixty.csv_line(threesixty.CSV_COLUMNS)
    async for item in _commitments(
        session, publisher, codes.THREESIXTY_INSTRUMENTS, codes.THREESIXTY_STATUSES
    ):
        yield threesixty.csv_line(threesixty.flat(threesixty.grant(publisher, item)))


async def _commitments(
    session: AsyncSession,
    publisher: Publisher,
    instruments: Collection[str],
    statuses: Collection[str],
) -> AsyncIterator[ExportedCommitment]:
    """The donor's commitments, oldest first, read ``BATCH`` at a time with their payments."""
    after: tuple[datetime, str] | None = None
    while True:
        rows = await repository.donor_commitments(
            session,
            donor=publisher.donor,
            instruments=instruments,
            statuses=statuses,
            with_confidential=publisher.flag_confidential,
            after=after,
            limit=BATCH,
        )
        payments = await _payments(session, [row.id for row in rows])
        for row in rows:
            yield _exported(row, payments.get(row.id, ()))
        if len(rows) < BATCH:
            return
        after = (rows[-1].created_at, rows[-1].id)


async def _payments(
    session: AsyncSession, commitment_ids: list[str]
) -> dict[str, list[tuple[str, int, Any]]]:
    found: dict[str, list[tuple[str, int, Any]]] = defaultdict(list)
    for row in await repository.disbursements_of(session, commitment_ids):
        found[row.commitment_id].append((row.id, row.amount_minor, row.date))
    return found


def _exported(
    row: repository.AnyRow, payments: Collection[tuple[str, int, Any]]
) -> ExportedCommitment:
    exponent = row.minor_units
    amount = None if row.amount_minor is None else from_minor(row.amount_minor, exponent)
    return ExportedCommitment(
        id=row.id,
        actor_id=row.actor_id,
        actor_kind=row.actor_kind,
        host_country=row.host_country,
        instrument=row.instrument,
        amount=amount,
        currency=row.currency,
        period_start=row.period_start,
        period_end=row.period_end,
        purposes=tuple(row.purposes),
        status=row.status,
        confidential=row.confidential,
        created_at=row.created_at,
        updated_at=row.updated_at,
        committed_at=row.committed_at,
        disbursements=tuple(
            Payment(id=pid, amount=from_minor(minor, exponent), date=day)
            for pid, minor, day in payments
        ),
    )
