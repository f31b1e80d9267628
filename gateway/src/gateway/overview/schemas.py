"""Response bodies of the coordination overview."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Part(BaseModel):
    available: bool
    data: dict[str, Any] | None = Field(
        default=None, description="The service's answer, as the caller may see it."
    )
    detail: str | None = Field(default=None, description="Why the part is unavailable.")


class Overview(BaseModel):
    # The parts' data are the services' own answers (abridged here): registry statistics, the
    # concentration report, a page of expiring permits and a page of cycles.
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "generated_at": "2026-03-02T09:15:00Z",
                    "actors": {
                        "available": True,
                        "data": {
                            "total": 415,
                            "by_kind": {"organisation": 160, "individual": 255},
                            "by_host_country": {"DE": 140, "LT": 85, "GE": 70, "PL": 45},
                            "minimum_cell": 5,
                        },
                        "detail": None,
                    },
                    "funding": {
                        "available": True,
                        "data": {"total_eur": "18450000.00", "donors": 9, "overlaps_open": 3},
                        "detail": None,
                    },
                    "permits_expiring": {
                        "available": True,
                        "data": {
                            "items": [
                                {
                                    "id": "pmt_Wc2nR8vKx4TqLm7yPz3hBg",
                                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                                    "issuing_state": "DE",
                                    "valid_until": "2026-04-30",
                                }
                            ],
                            "next_cursor": None,
                        },
                        "detail": None,
                    },
                    "evaluation": {
                        "available": False,
                        "data": None,
                        "detail": "The service did not answer in time.",
                    },
                }
            ]
        }
    )

    generated_at: datetime
    actors: Part = Field(description="Actors by kind, sector, host country and origin region.")
    funding: Part = Field(description="Funding totals, concentration and overlaps.")
    permits_expiring: Part = Field(description="Permits ending within 90 days.")
    evaluation: Part = Field(description="Evaluation cycles and their progress.")
