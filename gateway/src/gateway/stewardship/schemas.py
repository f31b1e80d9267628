"""Request bodies of stewardship (responses reuse the clients' and the audit trail's shapes)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from gateway.clients.schemas import ClientName


class AgencyEnrolment(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Auswärtiges Amt — Referat 205"}]},
    )

    name: ClientName = Field(examples=["Federal Foreign Office"])
