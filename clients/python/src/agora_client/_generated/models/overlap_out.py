from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.funding_status import FundingStatus, check_funding_status
from ..models.instrument import Instrument, check_instrument
from ..models.purpose import Purpose, check_purpose

if TYPE_CHECKING:
    from ..models.period import Period


T = TypeVar("T", bound="OverlapOut")


@_attrs_define
class OverlapOut:
    """Another donor's live commitment to the same actor, same purpose, intersecting period.

    A confidential one is only a flag: donor, period and shared purposes, no instrument or status
    (and, like every overlap, no amount).

        Attributes:
            commitment_id (str):
            confidential (bool):
            coordinated (bool): Both in one joint programme: not an open notice.
            donor (str):
            instrument (Instrument | None): Null for a confidential commitment.
            overlap_id (str): The notice both donors see in GET /overlaps.
            period (Period):
            shared_purposes (list[Purpose]):
            status (FundingStatus | None): Null for a confidential commitment.
    """

    commitment_id: str
    confidential: bool
    coordinated: bool
    donor: str
    instrument: Instrument | None
    overlap_id: str
    period: Period
    shared_purposes: list[Purpose]
    status: FundingStatus | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment_id = self.commitment_id

        confidential = self.confidential

        coordinated = self.coordinated

        donor = self.donor

        instrument: str | None
        if isinstance(self.instrument, str):
            instrument = self.instrument
        else:
            instrument = self.instrument

        overlap_id = self.overlap_id

        period = self.period.to_dict()

        shared_purposes = []
        for shared_purposes_item_data in self.shared_purposes:
            shared_purposes_item: str = shared_purposes_item_data
            shared_purposes.append(shared_purposes_item)

        status: str | None
        if isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment_id": commitment_id,
                "confidential": confidential,
                "coordinated": coordinated,
                "donor": donor,
                "instrument": instrument,
                "overlap_id": overlap_id,
                "period": period,
                "shared_purposes": shared_purposes,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.period import Period

        d = dict(src_dict)
        commitment_id = d.pop("commitment_id")

        confidential = d.pop("confidential")

        coordinated = d.pop("coordinated")

        donor = d.pop("donor")

        def _parse_instrument(data: object) -> Instrument | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                instrument_type_0 = check_instrument(data)

                return instrument_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Instrument | None, data)

        instrument = _parse_instrument(d.pop("instrument"))

        overlap_id = d.pop("overlap_id")

        period = Period.from_dict(d.pop("period"))

        shared_purposes = []
        _shared_purposes = d.pop("shared_purposes")
        for shared_purposes_item_data in _shared_purposes:
            shared_purposes_item = check_purpose(shared_purposes_item_data)

            shared_purposes.append(shared_purposes_item)

        def _parse_status(data: object) -> FundingStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_funding_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FundingStatus | None, data)

        status = _parse_status(d.pop("status"))

        overlap_out = cls(
            commitment_id=commitment_id,
            confidential=confidential,
            coordinated=coordinated,
            donor=donor,
            instrument=instrument,
            overlap_id=overlap_id,
            period=period,
            shared_purposes=shared_purposes,
            status=status,
        )

        overlap_out.additional_properties = d
        return overlap_out

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
