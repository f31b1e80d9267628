"""Request and response bodies of the actor registry, validated against maintained sources."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# A date "today" somewhere on Earth may be tomorrow in UTC; later than that is in the future.
FUTURE_LEEWAY = timedelta(days=1)
EARLIEST_DATE = date(1900, 1, 1)


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


class RiskLevel(StrEnum):
    standard = "standard"
    high = "high"


class Gender(StrEnum):
    female = "female"
    male = "male"
    non_binary = "non_binary"
    undisclosed = "undisclosed"


class PermitType(StrEnum):
    residence = "residence"
    work = "work"


class VettingDecision(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


# Every code the statistics report on, from the maintained ISO lists (never a hand list).
COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)
RUSSIAN_REGIONS = sorted(s.code for s in pycountry.subdivisions.get(country_code="RU"))


def utc_today() -> date:
    return datetime.now(UTC).date()


def _country(code: str) -> str:
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError("not an ISO 3166-1 alpha-2 country code")
    return code


def _russian_region(code: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None or subdivision.country_code != "RU":
        raise ValueError("not an ISO 3166-2:RU region code")
    return code


def _state(code: str) -> str:
    # A state is an ISO 3166-1 alpha-2 country; a foundation takes part with a donor code.
    if len(code) == 2:
        return _country(code)
    return code


def _not_future(day: date) -> date:
    if day > utc_today() + FUTURE_LEEWAY:
        raise ValueError("must not be in the future")
    if day < EARLIEST_DATE:
        raise ValueError("must not be before 1900-01-01")
    return day


def _sane(day: date) -> date:
    if not EARLIEST_DATE <= day <= date(2200, 1, 1):
        raise ValueError("must be between 1900-01-01 and 2200-01-01")
    return day


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(text: str) -> str:
    # NUL and other control characters: PostgreSQL refuses NUL, and nobody's name contains one.
    if _CONTROL.search(text):
        raise ValueError("must not contain control characters")
    return text


def _unique(values: list[StrEnum]) -> list[StrEnum]:
    if len(set(values)) != len(values):
        raise ValueError("must not repeat a value")
    return values


CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2", examples=["DE"]),
    AfterValidator(_country),
]
RegionCode = Annotated[
    str,
    Field(pattern=r"^RU-[A-Z]{2,3}$", description="ISO 3166-2:RU", examples=["RU-TA"]),
    AfterValidator(_russian_region),
]
StateCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2,16}$",
        description="ISO 3166-1 alpha-2 state, or a donor code of 3–16 capitals",
        examples=["FR"],
    ),
    AfterValidator(_state),
]
Text = Annotated[str, AfterValidator(_printable)]
PastDate = Annotated[date, AfterValidator(_not_future)]
SaneDate = Annotated[date, AfterValidator(_sane)]
Sectors = Annotated[list[Sector], Field(min_length=1, max_length=7), AfterValidator(_unique)]
Activities = Annotated[list[Activity], Field(max_length=6), AfterValidator(_unique)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Representation(Strict):
    """Special-category data (GDPR Art. 9): self-declared, only with consent. Personal."""

    gender: Gender | None = None
    ethnic_origin: Text | None = Field(default=None, min_length=1, max_length=100)
    national_minority: bool | None = None
    vulnerable_groups: list[Annotated[Text, Field(min_length=1, max_length=50)]] = Field(
        default_factory=list, max_length=10
    )


class Consent(Strict):
    """The recorded consent under which representation data is held. Personal."""

    given_on: PastDate
    scope: Text = Field(min_length=1, max_length=1000)


class Contact(Strict):
    """How the custodian reaches the actor. Personal."""

    email: str | None = Field(
        default=None, max_length=254, pattern=r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{1,63}$"
    )
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()\-]{5,32}$")
    postal_address: Text | None = Field(default=None, min_length=1, max_length=500)


class Audience(Strict):
    monthly_active_users: int | None = Field(default=None, ge=0, le=10_000_000_000)
    inside_russia_share: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False)


PERSONAL_FIELDS = ("legal_name", "representation", "consent", "contact")
READ_ONLY_FIELDS = ("id", "custodian_state", "version", "created_at", "updated_at")


class ActorDocument(Strict):
    """Everything a custodian writes about an actor (register, and the result of a PATCH)."""

    kind: ActorKind
    public_name: Text = Field(min_length=1, max_length=200)
    legal_name: Text | None = Field(
        default=None, min_length=1, max_length=200, description="Personal."
    )
    sectors: Sectors
    activities: Activities = Field(default_factory=list)
    host_country: CountryCode
    origin_region: RegionCode | None = None
    relocated_on: PastDate | None = None
    established_on: PastDate | None = None
    risk_level: RiskLevel = RiskLevel.standard
    representation: Representation | None = Field(
        default=None, description="Personal; only together with `consent`."
    )
    consent: Consent | None = Field(default=None, description="Personal.")
    contact: Contact | None = Field(default=None, description="Personal.")
    audience: Audience | None = None


class ActorOut(BaseModel):
    """An actor; the personal fields are absent for callers who may not see them."""

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
    risk_level: RiskLevel
    representation: Representation | None = None
    consent: Consent | None = None
    contact: Contact | None = None
    audience: Audience | None
    custodian_state: str
    version: int
    created_at: datetime
    updated_at: datetime


class ActorPage(BaseModel):
    items: list[ActorOut]
    next_cursor: str | None


class GrantIn(Strict):
    state: StateCode


class GrantOut(BaseModel):
    actor_id: str
    state: str
    granted_at: datetime


class GrantPage(BaseModel):
    items: list[GrantOut]
    next_cursor: str | None


class PermitIn(Strict):
    type: PermitType
    valid_from: SaneDate
    valid_until: SaneDate
    family_members: int = Field(default=0, ge=0, le=50)


class PermitOut(BaseModel):
    id: str
    actor_id: str
    type: PermitType
    issuing_state: str
    valid_from: date
    valid_until: date
    family_members: int
    created_at: datetime


class PermitPage(BaseModel):
    items: list[PermitOut]
    next_cursor: str | None


class VettingIn(Strict):
    decision: VettingDecision
    decided_on: PastDate


class VettingOut(BaseModel):
    actor_id: str
    state: str
    decision: VettingDecision
    decided_on: date
    recorded_at: datetime


class RepresentationShares(BaseModel):
    """Shares among actors with consented representation data; null when under 5 people."""

    consented: int | None
    female: float | None
    male: float | None
    non_binary: float | None
    undisclosed: float | None
    non_russian_ethnic_origin: float | None
    national_minority: float | None
    vulnerable_groups: float | None


class Statistics(BaseModel):
    """Counts of live actors; every count or share resting on fewer than 5 actors is null.

    A snapshot, taken anew only after at least 5 counted changes (registrations, updates of
    counted attributes, erasures) since the last; every count is rounded to a multiple of 5 and
    shares are computed from the rounded counts, to 2 decimals."""

    total: int | None
    by_kind: dict[str, int | None]
    by_sector: dict[str, int | None]
    by_activity: dict[str, int | None]
    by_host_country: dict[str, int | None]
    by_origin_region: dict[str, int | None]
    representation: RepresentationShares
    minimum_cell: int = 5
