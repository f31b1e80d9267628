from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity import Activity, check_activity
from ..models.actor_kind import ActorKind, check_actor_kind
from ..models.risk_level import RiskLevel, check_risk_level
from ..models.sector import Sector, check_sector
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience import Audience
    from ..models.consent_out import ConsentOut
    from ..models.contact_out import ContactOut
    from ..models.leadership import Leadership
    from ..models.possible_duplicate import PossibleDuplicate
    from ..models.representation_out import RepresentationOut


T = TypeVar("T", bound="RegisteredActorOut")


@_attrs_define
class RegisteredActorOut:
    """A registered actor, and the other states that may hold the same actor.

    Attributes:
        activities (list[Activity]):
        audience (Audience | None):
        created_at (datetime.datetime):
        custodian_state (str):
        established_on (datetime.date | None):
        host_country (str):
        id (str):
        kind (ActorKind):
        origin_region (None | str):
        possible_duplicates (list[PossibleDuplicate]):
        public_name (str):
        relocated_on (datetime.date | None):
        sectors (list[Sector]):
        updated_at (datetime.datetime):
        version (int):
        consent (ConsentOut | None | Unset):
        contact (ContactOut | None | Unset):
        leadership (Leadership | None | Unset):
        legal_name (None | str | Unset):
        representation (None | RepresentationOut | Unset):
        risk_level (None | RiskLevel | Unset):
    """

    activities: list[Activity]
    audience: Audience | None
    created_at: datetime.datetime
    custodian_state: str
    established_on: datetime.date | None
    host_country: str
    id: str
    kind: ActorKind
    origin_region: str | None
    possible_duplicates: list[PossibleDuplicate]
    public_name: str
    relocated_on: datetime.date | None
    sectors: list[Sector]
    updated_at: datetime.datetime
    version: int
    consent: ConsentOut | Unset | None = UNSET
    contact: ContactOut | Unset | None = UNSET
    leadership: Leadership | Unset | None = UNSET
    legal_name: str | Unset | None = UNSET
    representation: RepresentationOut | Unset | None = UNSET
    risk_level: RiskLevel | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audience import Audience
        from ..models.consent_out import ConsentOut
        from ..models.contact_out import ContactOut
        from ..models.leadership import Leadership
        from ..models.representation_out import RepresentationOut

        activities = []
        for activities_item_data in self.activities:
            activities_item: str = activities_item_data
            activities.append(activities_item)

        audience: dict[str, Any] | None
        if isinstance(self.audience, Audience):
            audience = self.audience.to_dict()
        else:
            audience = self.audience

        created_at = self.created_at.isoformat()

        custodian_state = self.custodian_state

        established_on: str | None
        if isinstance(self.established_on, datetime.date):
            established_on = self.established_on.isoformat()
        else:
            established_on = self.established_on

        host_country = self.host_country

        id = self.id

        kind: str = self.kind

        origin_region: str | None
        origin_region = self.origin_region

        possible_duplicates = []
        for possible_duplicates_item_data in self.possible_duplicates:
            possible_duplicates_item = possible_duplicates_item_data.to_dict()
            possible_duplicates.append(possible_duplicates_item)

        public_name = self.public_name

        relocated_on: str | None
        if isinstance(self.relocated_on, datetime.date):
            relocated_on = self.relocated_on.isoformat()
        else:
            relocated_on = self.relocated_on

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item: str = sectors_item_data
            sectors.append(sectors_item)

        updated_at = self.updated_at.isoformat()

        version = self.version

        consent: dict[str, Any] | Unset | None
        if isinstance(self.consent, Unset):
            consent = UNSET
        elif isinstance(self.consent, ConsentOut):
            consent = self.consent.to_dict()
        else:
            consent = self.consent

        contact: dict[str, Any] | Unset | None
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactOut):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

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

        representation: dict[str, Any] | Unset | None
        if isinstance(self.representation, Unset):
            representation = UNSET
        elif isinstance(self.representation, RepresentationOut):
            representation = self.representation.to_dict()
        else:
            representation = self.representation

        risk_level: str | Unset | None
        if isinstance(self.risk_level, Unset):
            risk_level = UNSET
        elif isinstance(self.risk_level, str):
            risk_level = self.risk_level
        else:
            risk_level = self.risk_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activities": activities,
                "audience": audience,
                "created_at": created_at,
                "custodian_state": custodian_state,
                "established_on": established_on,
                "host_country": host_country,
                "id": id,
                "kind": kind,
                "origin_region": origin_region,
                "possible_duplicates": possible_duplicates,
                "public_name": public_name,
                "relocated_on": relocated_on,
                "sectors": sectors,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if consent is not UNSET:
            field_dict["consent"] = consent
        if contact is not UNSET:
            field_dict["contact"] = contact
        if leadership is not UNSET:
            field_dict["leadership"] = leadership
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if representation is not UNSET:
            field_dict["representation"] = representation
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience import Audience
        from ..models.consent_out import ConsentOut
        from ..models.contact_out import ContactOut
        from ..models.leadership import Leadership
        from ..models.possible_duplicate import PossibleDuplicate
        from ..models.representation_out import RepresentationOut

        d = dict(src_dict)
        activities = []
        _activities = d.pop("activities")
        for activities_item_data in _activities:
            activities_item = check_activity(activities_item_data)

            activities.append(activities_item)

        def _parse_audience(data: object) -> Audience | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                audience_type_0 = Audience.from_dict(data)

                return audience_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Audience | None, data)

        audience = _parse_audience(d.pop("audience"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custodian_state = d.pop("custodian_state")

        def _parse_established_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                established_on_type_0 = datetime.date.fromisoformat(data)

                return established_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        established_on = _parse_established_on(d.pop("established_on"))

        host_country = d.pop("host_country")

        id = d.pop("id")

        kind = check_actor_kind(d.pop("kind"))

        def _parse_origin_region(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        origin_region = _parse_origin_region(d.pop("origin_region"))

        possible_duplicates = []
        _possible_duplicates = d.pop("possible_duplicates")
        for possible_duplicates_item_data in _possible_duplicates:
            possible_duplicates_item = PossibleDuplicate.from_dict(possible_duplicates_item_data)

            possible_duplicates.append(possible_duplicates_item)

        public_name = d.pop("public_name")

        def _parse_relocated_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                relocated_on_type_0 = datetime.date.fromisoformat(data)

                return relocated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        relocated_on = _parse_relocated_on(d.pop("relocated_on"))

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = check_sector(sectors_item_data)

            sectors.append(sectors_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_consent(data: object) -> ConsentOut | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                consent_type_0 = ConsentOut.from_dict(data)

                return consent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConsentOut | None | Unset, data)

        consent = _parse_consent(d.pop("consent", UNSET))

        def _parse_contact(data: object) -> ContactOut | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactOut.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactOut | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

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

        def _parse_representation(data: object) -> RepresentationOut | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                representation_type_0 = RepresentationOut.from_dict(data)

                return representation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RepresentationOut | Unset, data)

        representation = _parse_representation(d.pop("representation", UNSET))

        def _parse_risk_level(data: object) -> RiskLevel | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                risk_level_type_0 = check_risk_level(data)

                return risk_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RiskLevel | Unset, data)

        risk_level = _parse_risk_level(d.pop("risk_level", UNSET))

        registered_actor_out = cls(
            activities=activities,
            audience=audience,
            created_at=created_at,
            custodian_state=custodian_state,
            established_on=established_on,
            host_country=host_country,
            id=id,
            kind=kind,
            origin_region=origin_region,
            possible_duplicates=possible_duplicates,
            public_name=public_name,
            relocated_on=relocated_on,
            sectors=sectors,
            updated_at=updated_at,
            version=version,
            consent=consent,
            contact=contact,
            leadership=leadership,
            legal_name=legal_name,
            representation=representation,
            risk_level=risk_level,
        )

        registered_actor_out.additional_properties = d
        return registered_actor_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
