"""Request and response bodies of actors themselves, validated against maintained sources."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from agora_common.text import Line, Text
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from actors.duplicates.schemas import PossibleDuplicate
from actors.types import CountryCode, PastDate, RegionCode, Strict, unique


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


class Activity(StrEnum):
    anti_war = "anti_war"
    ukraine_support = "ukraine_support"
    repression_support = "repression_support"
    future_visions = "future_visions"
    public_debate = "public_debate"
    domestic_outreach = "domestic_outreach"
    war_crimes_documentation = "war_crimes_documentation"
    historical_memory = "historical_memory"
    decentralisation = "decentralisation"
    minority_rights = "minority_rights"
    lgbtq_advocacy = "lgbtq_advocacy"


class RiskLevel(StrEnum):
    standard = "standard"
    high = "high"


class Gender(StrEnum):
    female = "female"
    male = "male"
    non_binary = "non_binary"
    undisclosed = "undisclosed"


Sectors = Annotated[list[Sector], Field(min_length=1, max_length=7), AfterValidator(unique)]
Activities = Annotated[list[Activity], Field(max_length=len(Activity)), AfterValidator(unique)]


class Representation(Strict):
    """Special-category data (GDPR Art. 9): self-declared, only with consent. Personal."""

    gender: Gender | None = None
    ethnic_origin: Line | None = Field(default=None, min_length=1, max_length=100)
    national_minority: bool | None = None
    vulnerable_groups: list[Annotated[Line, Field(min_length=1, max_length=50)]] = Field(
        default_factory=list, max_length=10
    )


class Consent(Strict):
    """The recorded consent under which representation data is held. Personal."""

    given_on: PastDate
    scope: Text = Field(min_length=1, max_length=1000)


class Contact(Strict):
    """How the custodian reaches the actor. Personal."""

    # Line first: the pattern alone lets NUL, bidi overrides and zero-width characters through.
    email: Line | None = Field(
        default=None, max_length=254, pattern=r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{1,63}$"
    )
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()\-]{5,32}$")
    postal_address: Text | None = Field(default=None, min_length=1, max_length=500)


class Leadership(Strict):
    """Who leads a non-individual actor. Public: it counts in the funding concentration report."""

    women_led: bool = False
    minority_led: bool = False
    regional: bool = Field(default=False, description="Led from or for a region, not a capital.")


class Audience(Strict):
    monthly_active_users: int | None = Field(default=None, ge=0, le=10_000_000_000)
    inside_russia_share: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False)


# Examples (fictional: no real outlet or person): an independent newsroom relocated from Kazan to
# Riga, as its custodian writes it (with the personal fields) and as it reads back.
_DOCUMENT: JsonDict = {
    "kind": "media_outlet",
    "public_name": "Khronika Kamy (Хроника Камы)",
    "legal_name": "SIA «Volga Media Fonds» — Гульнара Ахметова (Gulnara Akhmetova), director",
    "sectors": ["independent_media", "human_rights"],
    "activities": ["anti_war", "minority_rights", "domestic_outreach"],
    "host_country": "LV",
    "origin_region": "RU-TA",
    "relocated_on": "2022-03-14",
    "established_on": "2019-09-01",
    "risk_level": "high",
    "representation": {
        "gender": "female",
        "ethnic_origin": "Tatar",
        "national_minority": True,
        "vulnerable_groups": [],
    },
    "consent": {
        "given_on": "2025-11-20",
        "scope": "Aggregate representation statistics of the Agora registry only.",
    },
    "contact": {
        "email": "redakciya@khronika-kamy.example",
        "phone": "+371 2612 3456",
        "postal_address": "Brīvības iela 58-7, Rīga, LV-1011, Latvia",
    },
    "audience": {"monthly_active_users": 240000, "inside_russia_share": 0.62},
    "leadership": {"women_led": True, "minority_led": True, "regional": True},
}
_ACTOR: JsonDict = {
    "id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    **_DOCUMENT,
    "custodian_state": "LV",
    "version": 3,
    "created_at": "2026-01-12T08:30:00Z",
    "updated_at": "2026-03-02T09:15:00Z",
}
# The same actor as another state reads it without a grant: public fields only.
_PUBLIC_ACTOR: JsonDict = {
    key: value
    for key, value in _ACTOR.items()
    if key not in ("legal_name", "risk_level", "representation", "consent", "contact")
}

# A JSON Merge Patch (RFC 7396) of that actor: members given replace, `null` removes one.
MERGE_PATCH_EXAMPLE: JsonDict = {
    "host_country": "LT",
    "activities": ["anti_war", "minority_rights", "historical_memory"],
    "contact": {"phone": None, "postal_address": "Gedimino pr. 9-14, Vilnius, LT-01103"},
}

PERSONAL_FIELDS = ("legal_name", "representation", "consent", "contact")
READ_ONLY_FIELDS = ("id", "custodian_state", "version", "created_at", "updated_at")


class ActorDocument(Strict):
    """Everything a custodian writes about an actor (register, and the result of a PATCH)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                _DOCUMENT,
                {
                    "kind": "individual",
                    "public_name": "Olena Bondarenko (Олена Бондаренко)",
                    "legal_name": "Бондаренко Олена Миколаївна (Bondarenko Olena Mykolaivna)",
                    "sectors": ["research", "human_rights"],
                    "activities": ["war_crimes_documentation"],
                    "host_country": "DE",
                    "relocated_on": "2022-04-02",
                },
            ]
        }
    )

    kind: ActorKind
    public_name: Line = Field(min_length=1, max_length=200)
    legal_name: Line | None = Field(
        default=None, min_length=1, max_length=200, description="Personal."
    )
    sectors: Sectors
    activities: Activities = Field(default_factory=list)
    host_country: CountryCode
    origin_region: RegionCode | None = None
    relocated_on: PastDate | None = None
    established_on: PastDate | None = None
    risk_level: RiskLevel = Field(default=RiskLevel.standard, description="Personal.")
    representation: Representation | None = Field(
        default=None, description="Personal; only together with `consent`."
    )
    consent: Consent | None = Field(default=None, description="Personal.")
    contact: Contact | None = Field(default=None, description="Personal.")
    audience: Audience | None = None
    leadership: Leadership | None = Field(
        default=None, description="Non-individual actors only (422 for an individual)."
    )


# What responses carry of the personal members. Plain types: what is stored was validated on the
# way in, and a rule made stricter later must not turn reading an older record into an error.
class RepresentationOut(BaseModel):
    gender: Gender | None = None
    ethnic_origin: str | None = None
    national_minority: bool | None = None
    vulnerable_groups: list[str] = Field(default_factory=list)


class ConsentOut(BaseModel):
    given_on: date
    scope: str


class ContactOut(BaseModel):
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None


class ActorOut(BaseModel):
    """An actor; the personal fields (and the risk level) are absent for callers who may not
    see them."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ACTOR, _PUBLIC_ACTOR]})

    id: str
    kind: ActorKind
    public_name: str
    legal_name: str | None = None
    sectors: list[Sector]
    activities: list[Activity]
    host_country: str
    origin_region: str | None
    relocated_on: date | None
    established_on: date | None
    risk_level: RiskLevel | None = None
    representation: RepresentationOut | None = None
    consent: ConsentOut | None = None
    contact: ContactOut | None = None
    audience: Audience | None
    leadership: Leadership | None = None
    custodian_state: str
    version: int
    created_at: datetime
    updated_at: datetime


class RegisteredActorOut(ActorOut):
    """A registered actor, and the other states that may hold the same actor."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_ACTOR,
                    "version": 1,
                    "updated_at": _ACTOR["created_at"],
                    "possible_duplicates": [
                        {"custodian_state": "LT", "matched_on": ["legal_name", "email"]}
                    ],
                }
            ]
        }
    )

    possible_duplicates: list[PossibleDuplicate]


class ActorPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_PUBLIC_ACTOR], "next_cursor": None}]}
    )

    items: list[ActorOut]
    next_cursor: str | None
