"""Request bodies of stewardship (responses reuse the clients' and the audit trail's shapes)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AgencyEnrolment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, examples=["Federal Foreign Office"])
