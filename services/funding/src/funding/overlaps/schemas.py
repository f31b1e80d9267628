"""Request and response bodies of overlap notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from agora_common.pagination import Page
from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field

from funding.commitments.models import Commitment
from funding.commitments.rules import Instrument, Purpose
from funding.overlaps.models import Overlap


class OverlapStatus(StrEnum):
    open = "open"
    resolved = "resolved"
    # Both commitments are in one joint programme: reported, but not a notice to act on.
    coordinated = "coordinated"


class Resolution(StrEnum):
    co_funding = "co_funding"
    will_adjust = "will_adjust"
    not_an_overlap = "not_an_overlap"


@dataclass(frozen=True, slots=True)
class OverlapView:
    """A notice with both of its commitments, as one donor sees it."""

    notice: Overlap
    earlier: Commitment
    later: Commitment


class OverlapResolve(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "resolution": "co_funding",
                    "note": "Agreed with the Dutch embassy in Riga: our grant covers the "
                    "newsroom's running costs, their fellowship two reporters' stipends.",
                }
            ]
        },
    )

    resolution: Resolution
    note: Text | None = Field(
        default=None, min_length=1, max_length=2000, description="Shown to both donors."
    )


class OverlapSide(BaseModel):
    """One commitment of the pair; another donor's confidential one is only a flag (donor and
    period: no instrument, and never an amount)."""

    commitment_id: str
    donor: str
    yours: bool
    confidential: bool
    instrument: Instrument | None = Field(description="Null for another donor's confidential one.")
    period_start: date
    period_end: date

    @classmethod
    def of(cls, commitment: Commitment, viewer: str) -> OverlapSide:
        hidden = commitment.confidential and commitment.donor != viewer
        return cls(
            commitment_id=commitment.id,
            donor=commitment.donor,
            yours=commitment.donor == viewer,
            confidential=commitment.confidential,
            instrument=None if hidden else Instrument(commitment.instrument),
            period_start=commitment.period_start,
            period_end=commitment.period_end,
        )


class OverlapNotice(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ovl_Bn4kWz7qLx2mRt9vPc5sYe",
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "status": "resolved",
                    "coordinated": False,
                    "shared_purposes": ["anti_war"],
                    "commitments": [
                        {
                            "commitment_id": "cmt_Jr5tVw8nQ2kXp7LmZc4bHa",
                            "donor": "DE",
                            "yours": True,
                            "confidential": False,
                            "instrument": "grant",
                            "period_start": "2026-01-01",
                            "period_end": "2027-12-31",
                        },
                        {
                            "commitment_id": "cmt_Gv8pLx3nTq6wKz2mRc9bYh",
                            "donor": "NL",
                            "yours": False,
                            "confidential": False,
                            "instrument": "fellowship",
                            "period_start": "2026-06-01",
                            "period_end": "2027-05-31",
                        },
                    ],
                    "resolution": "co_funding",
                    "note": "Agreed with the Dutch embassy in Riga: our grant covers the "
                    "newsroom's running costs, their fellowship two reporters' stipends.",
                    "resolved_by": "DE",
                    "resolved_at": "2026-03-04T12:30:00Z",
                    "created_at": "2026-03-02T09:15:00Z",
                }
            ]
        }
    )

    id: str
    actor_id: str
    status: OverlapStatus
    coordinated: bool = Field(description="Both commitments are in one joint programme.")
    shared_purposes: list[Purpose]
    commitments: list[OverlapSide] = Field(description="The earlier commitment, then the later.")
    resolution: Resolution | None
    note: str | None
    resolved_by: str | None
    resolved_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, view: OverlapView, viewer: str) -> OverlapNotice:
        notice = view.notice
        return cls(
            id=notice.id,
            actor_id=notice.actor_id,
            status=OverlapStatus(notice.status),
            coordinated=notice.coordinated,
            shared_purposes=[Purpose(p) for p in notice.shared_purposes],
            commitments=[OverlapSide.of(view.earlier, viewer), OverlapSide.of(view.later, viewer)],
            resolution=Resolution(notice.resolution) if notice.resolution else None,
            note=notice.note,
            resolved_by=notice.resolved_by,
            resolved_at=notice.resolved_at,
            created_at=notice.created_at,
        )


class OverlapPage(Page[OverlapNotice]):
    """One page of the caller's overlap notices, newest first."""
