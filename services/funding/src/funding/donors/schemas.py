"""Request and response bodies of donors' export settings."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from funding.donors.service import DonorSettings


DonorCodePath = Annotated[
    str,
    Path(
        pattern=r"^[A-Z]{2,16}$",
        description="The donor: an ISO 3166-1 alpha-2 state or a donor code of 3–16 capitals.",
        examples=["DE"],
    ),
]
# An organisation identifier as IATI and org-id.guide write them: a registration agency's prefix
# (a country code or XI/XM), a hyphen, then the identifier ("GB-GOV-1", "XM-DAC-5-7").
IatiOrgRef = Annotated[
    str,
    Field(
        strict=True,
        pattern=r"^[A-Z]{2}-[A-Za-z0-9][A-Za-z0-9._-]{0,96}$",
        description="The donor's IATI organisation identifier (org-id.guide prefix, a hyphen, "
        "the identifier), e.g. `GB-GOV-1` or `XM-DAC-5-7`.",
        examples=["XM-DAC-5-7"],
    ),
]


class ConfidentialInExports(StrEnum):
    omit = "omit"
    flag = "flag"


class DonorIn(BaseModel):
    """A donor's export settings, replaced as a whole."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"iati_org_ref": "XM-DAC-5-7", "confidential_in_exports": "omit"}]
        },
    )

    iati_org_ref: IatiOrgRef
    confidential_in_exports: ConfidentialInExports = Field(
        default=ConfidentialInExports.omit,
        description="`omit` (the default) leaves the donor's confidential commitments out of the "
        "IATI and 360Giving exports; `flag` exports them, marked confidential.",
    )


class DonorOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "DE",
                    "iati_org_ref": "XM-DAC-5-7",
                    "confidential_in_exports": "omit",
                    "updated_at": "2026-03-02T09:15:00Z",
                }
            ]
        }
    )

    code: str
    iati_org_ref: str | None = Field(description="Null until the donor sets it.")
    confidential_in_exports: ConfidentialInExports
    updated_at: datetime | None = Field(description="Null for a donor that never set anything.")

    @classmethod
    def of(cls, donor: DonorSettings) -> DonorOut:
        return cls(
            code=donor.code,
            iati_org_ref=donor.iati_org_ref,
            confidential_in_exports=donor.confidential_in_exports,
            updated_at=donor.updated_at,
        )
