"""Bodies of the registry's statistics."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class RepresentationShares(BaseModel):
    """Shares among actors with consented representation data, from counts with calibrated
    noise (differential privacy); null when a noisy count is under 5."""

    consented: int | None
    female: float | None
    male: float | None
    non_binary: float | None
    undisclosed: float | None
    non_russian_ethnic_origin: float | None
    national_minority: float | None
    vulnerable_groups: float | None


class PrivacyBudget(BaseModel):
    """How much privacy the releases may spend, and how often they may come."""

    epsilon: float = Field(description="Total ε all releases of one period may spend.")
    period_days: float
    spent: float = Field(description="ε spent in the period ending with this release.")
    min_interval_hours: float = Field(description="Least time between two releases.")
    min_changes: int = Field(description="Least counted changes between two releases.")


class Privacy(BaseModel):
    """How this release is protected against differencing."""

    mechanism: str = Field(description="Noise added to the counts in `noised`.")
    library: str
    epsilon: float = Field(description="ε this release spent (pure ε-differential privacy).")
    delta: float = 0.0
    noised: list[str] = Field(
        description="Parts of the body computed from noisy counts; the others count public "
        "attributes every reader of the registry can list."
    )
    sensitivity: int = Field(description="L1 change of the noised counts by one actor.")
    scale: float = Field(description="Scale of the Laplace noise: sensitivity / ε.")
    released_at: datetime
    budget: PrivacyBudget


class Statistics(BaseModel):
    """Counts of live actors; every count or share resting on fewer than 5 actors is null.

    A release, stored and served until the next: taken anew only after at least 5 counted
    changes (registrations, updates of counted attributes, erasures) and a minimum interval
    since the last, within a privacy budget. Counts are rounded to multiples of 5;
    representation comes from counts with calibrated noise (`privacy` says how)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 415,
                    "by_kind": {
                        "individual": 210,
                        "organisation": 135,
                        "media_outlet": 45,
                        "initiative": 25,
                    },
                    "by_sector": {
                        "civil_society": 150,
                        "independent_media": 70,
                        "research": 55,
                        "political": 30,
                        "human_rights": 95,
                        "culture": 40,
                        "education": None,
                    },
                    "by_activity": {"anti_war": 180, "ukraine_support": 95, "lgbtq_advocacy": None},
                    "by_host_country": {"DE": 140, "LT": 85, "GE": 70, "PL": 45, "AM": None},
                    "by_origin_region": {"RU-MOW": 120, "RU-SPE": 75, "RU-TA": 10, "RU-BA": None},
                    "representation": {
                        "consented": 180,
                        "female": 0.47,
                        "male": 0.44,
                        "non_binary": None,
                        "undisclosed": 0.07,
                        "non_russian_ethnic_origin": 0.21,
                        "national_minority": 0.13,
                        "vulnerable_groups": 0.09,
                    },
                    "minimum_cell": 5,
                    "privacy": {
                        "mechanism": "discrete_laplace",
                        "library": "opendp 0.16.0",
                        "epsilon": 0.5,
                        "delta": 0.0,
                        "noised": ["representation"],
                        "sensitivity": 5,
                        "scale": 10.0,
                        "released_at": "2026-03-02T06:00:00Z",
                        "budget": {
                            "epsilon": 2.0,
                            "period_days": 30.0,
                            "spent": 1.0,
                            "min_interval_hours": 24.0,
                            "min_changes": 5,
                        },
                    },
                }
            ]
        }
    )

    total: int | None
    by_kind: dict[str, int | None]
    by_sector: dict[str, int | None]
    by_activity: dict[str, int | None]
    by_host_country: dict[str, int | None]
    by_origin_region: dict[str, int | None]
    representation: RepresentationShares
    minimum_cell: int = 5
    privacy: Privacy
