"""Response bodies of the evaluation reports."""

from __future__ import annotations

from pydantic import BaseModel, Field

from evaluation.assessments.schemas import CriterionOut
from evaluation.cycles.schemas import CycleStatus
from evaluation.schemas import Period


class RepresentationFigures(BaseModel):
    """Aggregate participants of some activities; every figure is null under 5 participants."""

    activities: int
    participants: int | None
    women_share: float | None
    non_russian_share: float | None
    meets_targets: bool | None = Field(
        description="Women within 45–55% and non-Russian ethnic origin at least 15%."
    )
    women_within_target: bool | None
    non_russian_minimum_met: bool | None
    non_russian_aim_met: bool | None = Field(description="Non-Russian ethnic origin at least 20%.")
    audience_inside_russia: int = Field(description="Summed reported audience inside Russia.")


class DonorRepresentation(RepresentationFigures):
    donor: str
    actors: int = Field(description="Actors the donor funds in the cycle period with activities.")


class ActorRepresentation(RepresentationFigures):
    actor_id: str


class WomenTarget(BaseModel):
    target: float
    min: float
    max: float


class NonRussianTarget(BaseModel):
    minimum: float
    aim: float


class Targets(BaseModel):
    women_share: WomenTarget
    non_russian_share: NonRussianTarget
    suppressed_below_participants: int


class RepresentationReport(RepresentationFigures):
    """The cycle overall (top-level figures), then per donor and per actor."""

    cycle_id: str
    period: Period
    targets: Targets
    per_donor: list[DonorRepresentation]
    per_actor: list[ActorRepresentation]


class DonorFunding(BaseModel):
    donor: str
    currency: str | None = Field(description="Null for permits, which carry no amount.")
    commitments: int
    committed: str | None = Field(description="Decimal string; null when no amount applies.")
    disbursed: str | None
    committed_eur: str | None = Field(
        description="In EUR at the rate in force on the cycle's last day; null without an "
        "amount or without a rate (then `rate_missing`)."
    )
    disbursed_eur: str | None
    rate_missing: bool = Field(description="No EUR rate is known for this currency.")
    instruments: list[str]


class ScorecardFigures(BaseModel):
    assessments: int
    complete: bool
    disagreement: bool
    standards_and_visions: CriterionOut
    knowledge_generation: CriterionOut
    domestic_outreach: CriterionOut


class PortfolioActor(BaseModel):
    actor_id: str
    kind: str | None
    sectors: list[str]
    host_country: str | None
    origin_region: str | None
    funding: list[DonorFunding] = Field(
        description="Live commitments whose period meets the cycle's, per donor and currency."
    )
    committed_eur: str = Field(description="Committed in EUR, over currencies with a rate.")
    missing_rates: list[str] = Field(description="Currencies of its funding without a rate.")
    scorecard: ScorecardFigures
    representation: RepresentationFigures


class CurrencyTotal(BaseModel):
    currency: str
    committed: str


class DonorTotals(BaseModel):
    donor: str
    actors: int
    funding: list[CurrencyTotal]
    committed_eur: str


class MoneyTotals(BaseModel):
    actors: int
    funding: list[CurrencyTotal]
    committed_eur: str = Field(description="Over currencies with a rate (see `missing_rates`).")
    missing_rates: list[str]


class SectorMoney(MoneyTotals):
    sector: str


class RegionMoney(MoneyTotals):
    origin_region: str = Field(description="ISO 3166-2:RU code, or `unknown`.")


class SectorTotals(BaseModel):
    sector: str
    actors: int
    funding: list[CurrencyTotal]
    mean_median: dict[str, float | None] = Field(
        description="Per criterion, the mean of the sector's actors' medians."
    )
    representation: RepresentationFigures


class CriterionTotals(BaseModel):
    criterion: str
    actors_scored: int
    mean_median: float | None
    min_median: float | None
    max_median: float | None


class PortfolioTotals(BaseModel):
    """Figures of the whole cycle (every page)."""

    actors: int
    complete_scorecards: int
    funding: list[CurrencyTotal]
    committed_eur: str
    missing_rates: list[str] = Field(description="Currencies without a rate: not in EUR figures.")
    per_donor: list[DonorTotals]
    by_sector: list[SectorMoney]
    by_region: list[RegionMoney]
    per_sector: list[SectorTotals]
    per_criterion: list[CriterionTotals]
    representation: RepresentationFigures


class PortfolioReport(BaseModel):
    cycle_id: str
    period: Period
    status: CycleStatus
    rates_as_of: str = Field(description="The day whose EUR rates convert the amounts.")
    actors: list[PortfolioActor] = Field(description="One page of actors, by actor id.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page of actors.")
    totals: PortfolioTotals
