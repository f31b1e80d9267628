"""Response bodies of the funding reports."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from funding.commitments.schemas import COMMITMENT_EXAMPLE, CommitmentOut


# Examples: the platform on one day, and one actor funded by Germany and the Netherlands.
def _concentration(eur: str, actors: int, commitments: int, donors: int, hhi: float) -> JsonDict:
    return {
        "total_committed_eur": eur,
        "actors_funded": actors,
        "commitments": commitments,
        "donors": donors,
        "hhi": hhi,
        "top10_share": 0.23,
        "new_actor_share": 0.41,
        "thin_grants": {"threshold_eur": "10000.00", "count": 38, "share": 0.11},
    }


def _cell(actors: int | None, eur: str | None, share: float | None) -> JsonDict:
    return {"actors": actors, "eur": eur, "share": share}


_SUPPRESSED = _cell(None, None, None)  # fewer than 5 actors


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


class DonorShare(BaseModel):
    committed_eur: str = Field(description="Decimal string, EUR.")
    commitments: int
    actors_funded: int
    share: float = Field(description="Of total_committed_eur.")


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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_concentration("18450000.00", 212, 347, 9, 142.7),
                    "as_of": "2026-03-02",
                    "confidential_commitments": 6,
                    "donors_per_actor": {
                        "mean": 1.6,
                        "distribution": [
                            {"donors": 1, "actors": 120},
                            {"donors": 2, "actors": 64},
                            {"donors": 3, "actors": 28},
                        ],
                    },
                    "by_instrument": {
                        "grant": _concentration("15200000.00", 180, 270, 9, 168.2),
                        "fellowship": _concentration("3250000.00", 60, 77, 5, 301.5),
                    },
                    "by_horizon": {
                        "short": _concentration("11050000.00", 160, 251, 9, 175.0),
                        "mid": _concentration("7400000.00", 70, 96, 6, 260.4),
                    },
                    "by_donor": {
                        "DE": {
                            "committed_eur": "7380000.00",
                            "commitments": 84,
                            "actors_funded": 71,
                            "share": 0.4,
                        },
                        "NL": {
                            "committed_eur": "4612500.00",
                            "commitments": 52,
                            "actors_funded": 47,
                            "share": 0.25,
                        },
                        "SE": {
                            "committed_eur": "2214000.00",
                            "commitments": 31,
                            "actors_funded": 29,
                            "share": 0.12,
                        },
                    },
                    "leadership": {
                        "women_led": _cell(48, "4120000.00", 0.22),
                        "minority_led": _cell(17, "1380000.00", 0.07),
                        "regional": _SUPPRESSED,
                        "unknown": _cell(95, "7900000.00", 0.43),
                    },
                    "by_origin_region": {
                        "RU-MOW": _cell(70, "6800000.00", 0.37),
                        "RU-SPE": _cell(41, "3100000.00", 0.17),
                        "RU-TA": _cell(9, "950000.00", 0.05),
                        "RU-BU": _SUPPRESSED,
                        "unknown": _cell(60, "4700000.00", 0.25),
                    },
                }
            ]
        }
    )

    as_of: date
    confidential_commitments: int = Field(
        description="Confidential commitments binding on the report date. They enter no other "
        "figure: no amount, actor, donor, instrument or horizon of theirs is reported."
    )
    donors_per_actor: DonorsPerActor
    by_instrument: dict[str, Concentration]
    by_horizon: dict[str, Concentration]
    by_donor: dict[str, DonorShare] = Field(
        description="Per donor, its binding commitments that are not confidential (a donor's "
        "confidential ones are in no donor's figure here, only in the totals above)."
    )
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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "as_of": "2026-03-02",
                    "pledged_eur": "0.00",
                    "committed_eur": "185000.00",
                    "disbursed_eur": "40000.00",
                    "by_donor": [
                        {
                            "donor": "DE",
                            "commitments": 1,
                            "pledged_eur": "0.00",
                            "committed_eur": "120000.00",
                            "disbursed_eur": "40000.00",
                        },
                        {
                            "donor": "NL",
                            "commitments": 1,
                            "pledged_eur": "0.00",
                            "committed_eur": "65000.00",
                            "disbursed_eur": "0.00",
                        },
                    ],
                    "overlaps": [
                        {
                            "commitments": [
                                {"commitment_id": "cmt_Jr5tVw8nQ2kXp7LmZc4bHa", "donor": "DE"},
                                {"commitment_id": "cmt_Gv8pLx3nTq6wKz2mRc9bYh", "donor": "NL"},
                            ],
                            "shared_purposes": ["anti_war"],
                        }
                    ],
                    "commitments": [
                        COMMITMENT_EXAMPLE,
                        {
                            **COMMITMENT_EXAMPLE,
                            "id": "cmt_Gv8pLx3nTq6wKz2mRc9bYh",
                            "donor": "NL",
                            "instrument": "fellowship",
                            "amount": "65000.00",
                            "period": {"start": "2026-06-01", "end": "2027-05-31"},
                            "purposes": ["anti_war"],
                            "disbursed": "0.00",
                            "version": 1,
                            "created_at": "2026-03-02T09:15:00Z",
                        },
                    ],
                }
            ]
        }
    )

    actor_id: str
    as_of: date
    pledged_eur: str
    committed_eur: str = Field(description="Committed, disbursed and completed; EUR.")
    disbursed_eur: str
    by_donor: list[DonorTotals]
    overlaps: list[OverlapPair]
    commitments: list[CommitmentOut]
