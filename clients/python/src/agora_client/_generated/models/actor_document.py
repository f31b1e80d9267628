from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.activity import Activity, check_activity
from ..models.actor_kind import ActorKind, check_actor_kind
from ..models.risk_level import RiskLevel, check_risk_level
from ..models.sector import Sector, check_sector
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience import Audience
    from ..models.consent import Consent
    from ..models.contact import Contact
    from ..models.leadership import Leadership
    from ..models.representation import Representation


T = TypeVar("T", bound="ActorDocument")


@_attrs_define
class ActorDocument:
    """Everything a custodian writes about an actor (register, and the result of a PATCH).

    Attributes:
        host_country (str): ISO 3166-1 alpha-2
        kind (ActorKind):
        public_name (str):
        sectors (list[Sector]):
        activities (list[Activity] | Unset):
        audience (Audience | None | Unset):
        consent (Consent | None | Unset): Personal.
        contact (Contact | None | Unset): Personal.
        established_on (datetime.date | None | Unset):
        leadership (Leadership | None | Unset): Non-individual actors only (422 for an individual).
        legal_name (None | str | Unset): Personal.
        origin_region (None | str | Unset):
        relocated_on (datetime.date | None | Unset):
        representation (None | Representation | Unset): Personal; only together with `consent`.
        risk_level (RiskLevel | Unset):
    """

    host_country: str
    kind: ActorKind
    public_name: str
    sectors: list[Sector]
    activities: list[Activity] | Unset = UNSET
    audience: Audience | Unset | None = UNSET
    consent: Consent | Unset | None = UNSET
    contact: Contact | Unset | None = UNSET
    established_on: datetime.date | Unset | None = UNSET
    leadership: Leadership | Unset | None = UNSET
    legal_name: str | Unset | None = UNSET
    origin_region: str | Unset | None = UNSET
    relocated_on: datetime.date | Unset | None = UNSET
    representation: Representation | Unset | None = UNSET
    risk_level: RiskLevel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.audience import Audience
        from ..models.consent import Consent
        from ..models.contact import Contact
        from ..models.leadership import Leadership
        from ..models.representation import Representation

        host_country = self.host_country

        kind: str = self.kind

        public_name = self.public_name

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item: str = sectors_item_data
            sectors.append(sectors_item)

        activities: list[str] | Unset = UNSET
        if not isinstance(self.activities, Unset):
            activities = []
            for activities_item_data in self.activities:
                activities_item: str = activities_item_data
                activities.append(activities_item)

        audience: dict[str, Any] | Unset | None
        if isinstance(self.audience, Unset):
            audience = UNSET
        elif isinstance(self.audience, Audience):
            audience = self.audience.to_dict()
        else:
            audience = self.audience

        consent: dict[str, Any] | Unset | None
        if isinstance(self.consent, Unset):
            consent = UNSET
        elif isinstance(self.consent, Consent):
            consent = self.consent.to_dict()
        else:
            consent = self.consent

        contact: dict[str, Any] | Unset | None
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        established_on: str | Unset | None
        if isinstance(self.established_on, Unset):
            established_on = UNSET
        elif isinstance(self.established_on, datetime.date):
            established_on = self.established_on.isoformat()
        else:
            established_on = self.established_on

        leadership: dict[str, Any] | Unset | None
        if isinstance(self.leadership, Unset):
            leadership = UNSET
        elif isinstance(self.leadership, Leadership):
            leadership = self.leadership.to_dict()
        else:
            leadership = self.leadership

        legal_name: str | Unset | None
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        origin_region: str | Unset | None
        if isinstance(self.origin_region, Unset):
            origin_region = UNSET
        else:
            origin_region = self.origin_region

        relocated_on: str | Unset | None
        if isinstance(self.relocated_on, Unset):
            relocated_on = UNSET
        elif isinstance(self.relocated_on, datetime.date):
            relocated_on = self.relocated_on.isoformat()
        else:
            relocated_on = self.relocated_on

        representation: dict[str, Any] | Unset | None
        if isinstance(self.representation, Unset):
            representation = UNSET
        elif isinstance(self.representation, Representation):
            representation = self.representation.to_dict()
        else:
            representation = self.representation

        risk_level: str | Unset = UNSET
        if not isinstance(self.risk_level, Unset):
            risk_level = self.risk_level

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "host_country": host_country,
                "kind": kind,
                "public_name": public_name,
                "sectors": sectors,
            }
        )
        if activities is not UNSET:
            field_dict["activities"] = activities
        if audience is not UNSET:
            field_dict["audience"] = audience
        if consent is not UNSET:
            field_dict["consent"] = consent
        if contact is not UNSET:
            field_dict["contact"] = contact
        if established_on is not UNSET:
            field_dict["established_on"] = established_on
        if leadership is not UNSET:
            field_dict["leadership"] = leadership
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if origin_region is not UNSET:
            field_dict["origin_region"] = origin_region
        if relocated_on is not UNSET:
            field_dict["relocated_on"] = relocated_on
        if representation is not UNSET:
            field_dict["representation"] = representation
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience import Audience
        from ..models.consent import Consent
        from ..models.contact import Contact
        from ..models.leadership import Leadership
        from ..models.representation import Representation

        d = dict(src_dict)
        host_country = d.pop("host_country")

        kind = check_actor_kind(d.pop("kind"))

        public_name = d.pop("public_name")

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = check_sector(sectors_item_data)

            sectors.append(sectors_item)

        _activities = d.pop("activities", UNSET)
        activities: list[Activity] | Unset = UNSET
        if _activities is not UNSET:
            activities = []
            for activities_item_data in _activities:
                activities_item = check_activity(activities_item_data)

                activities.append(activities_item)

        def _parse_audience(data: object) -> Audience | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                audience_type_0 = Audience.from_dict(data)

                return audience_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Audience | None | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_consent(data: object) -> Consent | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                consent_type_0 = Consent.from_dict(data)

                return consent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Consent | None | Unset, data)

        consent = _parse_consent(d.pop("consent", UNSET))

        def _parse_contact(data: object) -> Contact | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = Contact.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_established_on(data: object) -> datetime.date | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                established_on_type_0 = datetime.date.fromisoformat(data)

                return established_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        established_on = _parse_established_on(d.pop("established_on", UNSET))

        def _parse_leadership(data: object) -> Leadership | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                leadership_type_0 = Leadership.from_dict(data)

                return leadership_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Leadership | None | Unset, data)

        leadership = _parse_leadership(d.pop("leadership", UNSET))

        def _parse_legal_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        def _parse_origin_region(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_region = _parse_origin_region(d.pop("origin_region", UNSET))

        def _parse_relocated_on(data: object) -> datetime.date | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                relocated_on_type_0 = datetime.date.fromisoformat(data)

                return relocated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        relocated_on = _parse_relocated_on(d.pop("relocated_on", UNSET))

        def _parse_representation(data: object) -> Representation | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                representation_type_0 = Representation.from_dict(data)

                return representation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Representation | Unset, data)

        representation = _parse_representation(d.pop("representation", UNSET))

        _risk_level = d.pop("risk_level", UNSET)
        risk_level: RiskLevel | Unset
        if isinstance(_risk_level, Unset):
            risk_level = UNSET
        else:
            risk_level = check_risk_level(_risk_level)

        actor_document = cls(
            host_country=host_country,
            kind=kind,
            public_name=public_name,
            sectors=sectors,
            activities=activities,
            audience=audience,
            consent=consent,
            contact=contact,
            established_on=established_on,
            leadership=leadership,
            legal_name=legal_name,
            origin_region=origin_region,
            relocated_on=relocated_on,
            representation=representation,
            risk_level=risk_level,
        )

        return actor_document
