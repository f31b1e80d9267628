"""Response bodies of the evaluation reports."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from evaluation.assessments.schemas import CriterionOut
from evaluation.cycles.schemas import CycleStatus
from evaluation.schemas import Period

# Representation in the cycle: figures of activities (participants by gender and origin).
_FIGURES: JsonDict = {
    "activities": 64,
    "participants": 2350,
    "women_share": 0.52,
    "non_russian_share": 0.18,
    "meets_targets": True,
    "women_within_target": True,
    "non_russian_minimum_met": True,
    "non_russian_aim_met": False,
    "audience_inside_russia": 412000,
}
# An actor with too few participants: every figure but the counts suppressed.
_SMALL: JsonDict = {
    "activities": 1,
    "participants": None,
    "women_share": None,
    "non_russian_share": None,
    "meets_targets": None,
    "women_within_target": None,
    "non_russian_minimum_met": None,
    "non_russian_aim_met": None,
    "audience_inside_russia": 0,
}
_ACTOR_FIGURES: JsonDict = {
    "activities": 3,
    "participants": 240,
    "women_share": 0.53,
    "non_russian_share": 0.26,
    "meets_targets": True,
    "women_within_target": True,
    "non_russian_minimum_met": True,
    "non_russian_aim_met": True,
    "audience_inside_russia": 18500,
}
_PERIOD: JsonDict = {"start": "2026-01-01", "end": "2026-06-30"}
_CYCLE_ID = "cyc_Pq4wNz8kTx2mLv6rYc3bHs"
_SCORES: JsonDict = {
    "assessments": 2,
    "complete": True,
    "disagreement": False,
    "standards_and_visions": {"median": 3.5, "min": 3, "max": 4},
    "knowledge_generation": {"median": 3.0, "min": 3, "max": 3},
    "domestic_outreach": {"median": 2.5, "min": 2, "max": 3},
}
_TARGETS: JsonDict = {
    "women_share": {"target": 0.5, "min": 0.45, "max": 0.55},
    "non_russian_share": {"minimum": 0.15, "aim": 0.2},
    "suppressed_below_participants": 5,
}
_EUR_FUNDING: JsonDict = {"currency": "EUR", "committed": "185000.00"}


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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_FIGURES,
                    "cycle_id": _CYCLE_ID,
                    "period": _PERIOD,
                    "targets": _TARGETS,
                    "per_donor": [
                        {
                            **_FIGURES,
                            "activities": 21,
                            "participants": 830,
                            "donor": "DE",
                            "actors": 14,
                            "audience_inside_russia": 150000,
                        },
                    ],
                    "per_actor": [
                        {**_ACTOR_FIGURES, "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA"},
                        {**_SMALL, "actor_id": "act_Hq7sN2vLx9WkPz4mRt8cYd"},
                    ],
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "cycle_id": _CYCLE_ID,
                    "period": _PERIOD,
                    "status": "open",
                    "rates_as_of": "2026-06-30",
                    "actors": [
                        {
                            "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                            "kind": "media_outlet",
                            "sectors": ["independent_media", "human_rights"],
                            "host_country": "LV",
                            "origin_region": "RU-TA",
                            "funding": [
                                {
                                    "donor": "DE",
                                    "currency": "EUR",
                                    "commitments": 1,
                                    "committed": "120000.00",
                                    "disbursed": "40000.00",
                                    "committed_eur": "120000.00",
                                    "disbursed_eur": "40000.00",
                                    "rate_missing": False,
                                    "instruments": ["grant"],
                                },
                                {
                                    "donor": "PL",
                                    "currency": "PLN",
                                    "commitments": 1,
                                    "committed": "280000.00",
                                    "disbursed": "0.00",
                                    "committed_eur": "64820.00",
                                    "disbursed_eur": "0.00",
                                    "rate_missing": False,
                                    "instruments": ["fellowship"],
                                },
                            ],
                            "committed_eur": "184820.00",
                            "missing_rates": [],
                            "scorecard": _SCORES,
                            "representation": _ACTOR_FIGURES,
                        }
                    ],
                    "next_cursor": "WyJhY3RfNGZSOXpRMm1Ya0w4cFYzblQ2eVdhQSJd",
                    "totals": {
                        "actors": 57,
                        "complete_scorecards": 23,
                        "funding": [
                            {"currency": "EUR", "committed": "6150000.00"},
                            {"currency": "PLN", "committed": "1400000.00"},
                            {"currency": "GEL", "committed": "250000.00"},
                        ],
                        "committed_eur": "6474100.00",
                        "missing_rates": ["GEL"],
                        "per_donor": [
                            {
                                "donor": "DE",
                                "actors": 14,
                                "funding": [{"currency": "EUR", "committed": "2100000.00"}],
                                "committed_eur": "2100000.00",
                            }
                        ],
                        "by_sector": [
                            {
                                "sector": "independent_media",
                                "actors": 19,
                                "funding": [{"currency": "EUR", "committed": "2450000.00"}],
                                "committed_eur": "2450000.00",
                                "missing_rates": [],
                            }
                        ],
                        "by_region": [
                            {
                                "origin_region": "RU-MOW",
                                "actors": 21,
                                "funding": [{"currency": "EUR", "committed": "2300000.00"}],
                                "committed_eur": "2300000.00",
                                "missing_rates": [],
                            },
                            {
                                "origin_region": "unknown",
                                "actors": 6,
                                "funding": [{"currency": "GEL", "committed": "250000.00"}],
                                "committed_eur": "0.00",
                                "missing_rates": ["GEL"],
                            },
                        ],
                        "per_sector": [
                            {
                                "sector": "independent_media",
                                "actors": 19,
                                "funding": [{"currency": "EUR", "committed": "2450000.00"}],
                                "mean_median": {
                                    "standards_and_visions": 3.2,
                                    "knowledge_generation": 2.9,
                                    "domestic_outreach": 2.6,
                                },
                                "representation": _FIGURES,
                            }
                        ],
                        "per_criterion": [
                            {
                                "criterion": "standards_and_visions",
                                "actors_scored": 38,
                                "mean_median": 3.1,
                                "min_median": 1.5,
                                "max_median": 4.0,
                            }
                        ],
                        "representation": _FIGURES,
                    },
                }
            ]
        }
    )

    cycle_id: str
    period: Period
    status: CycleStatus
    rates_as_of: str = Field(description="The day whose EUR rates convert the amounts.")
    actors: list[PortfolioActor] = Field(description="One page of actors, by actor id.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page of actors.")
    totals: PortfolioTotals
