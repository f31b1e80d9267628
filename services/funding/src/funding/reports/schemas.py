"""Response bodies of the funding reports."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from funding.commitments.schemas import CommitmentOut


class ThinGrants(BaseModel):
    threshold_eur: str = Field(description="AGORA_FUNDING_THIN_GRANT_EUR")
    count: int = Field(description="Monetary commitments worth less than the threshold.")
    share: float = Field(description="Their share of all monetary commitments (by count).")


class DonorCount(BaseModel):
    donors: int
    actors: int = Field(description="Actors funded by exactly this many donors.")


class DonorsPerActor(BaseModel):
    mean: float
    distribution: list[DonorCount]


class Concentration(BaseModel):
    """Concentration of one set of commitments binding on the report date."""

    total_committed_eur: str = Field(description="Decimal string, EUR.")
    actors_funded: int
    commitments: int
    donors: int
    hhi: float = Field(description="Herfindahl–Hirschman index of EUR per actor, 0–10,000.")
    top10_share: float = Field(description="Share of EUR going to the 10 best-funded actors.")
    new_actor_share: float = Field(
        description="Share of EUR going to actors founded or relocated since 2022-02-24."
    )
    thin_grants: ThinGrants


class ShareCell(BaseModel):
    """EUR going to a group of actors; every field null when fewer than 5 actors are in it."""

    actors: int | None
    eur: str | None = Field(description="Decimal string, EUR.")
    share: float | None = Field(description="Of total_committed_eur.")


class LeadershipShares(BaseModel):
    women_led: ShareCell
    minority_led: ShareCell
    regional: ShareCell
    unknown: ShareCell = Field(description="Actors whose leadership is not recorded.")


class ConcentrationReport(Concentration):
    """Every figure covers the commitments that are not confidential; confidential ones are
    only counted, in ``confidential_commitments``."""

    as_of: date
    confidential_commitments: int = Field(
        description="Confidential commitments binding on the report date. They enter no other "
        "figure: no amount, actor, donor, instrument or horizon of theirs is reported."
    )
    donors_per_actor: DonorsPerActor
    by_instrument: dict[str, Concentration]
    by_horizon: dict[str, Concentration]
    leadership: LeadershipShares = Field(
        description="EUR to women-led, minority-led and regional actors (cells of fewer than 5 "
        "actors suppressed: null)."
    )
    by_origin_region: dict[str, ShareCell] = Field(
        description="EUR to actors by origin region, `unknown` when not recorded (cells of "
        "fewer than 5 actors suppressed: null)."
    )


class DonorTotals(BaseModel):
    donor: str
    commitments: int
    pledged_eur: str
    committed_eur: str
    disbursed_eur: str


class OverlapPairMember(BaseModel):
    commitment_id: str
    donor: str


class OverlapPair(BaseModel):
    commitments: list[OverlapPairMember]
    shared_purposes: list[str]


class ActorSummary(BaseModel):
    actor_id: str
    as_of: date
    pledged_eur: str
    committed_eur: str = Field(description="Committed, disbursed and completed; EUR.")
    disbursed_eur: str
    by_donor: list[DonorTotals]
    overlaps: list[OverlapPair]
    commitments: list[CommitmentOut]
