"""Request and response bodies of the actor registry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ActorKind(StrEnum):
    individual = "individual"
    organisation = "organisation"
    media_outlet = "media_outlet"
    initiative = "initiative"


class Sector(StrEnum):
    civil_society = "civil_society"
    independent_media = "independent_media"
    research = "research"
    political = "political"
    human_rights = "human_rights"
    culture = "culture"
    education = "education"


class ActorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ActorKind
    public_name: str = Field(min_length=1, max_length=200)
    sectors: list[Sector] = Field(min_length=1, max_length=7)
    host_country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


class ActorOut(BaseModel):
    id: str
    kind: ActorKind
    public_name: str
    sectors: list[Sector]
    host_country: str
    custodian_state: str
    version: int
    created_at: datetime
    updated_at: datetime
