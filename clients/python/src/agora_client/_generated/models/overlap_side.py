from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.instrument import Instrument, check_instrument

T = TypeVar("T", bound="OverlapSide")


@_attrs_define
class OverlapSide:
    """One commitment of the pair; another donor's confidential one is only a flag (donor and
    period: no instrument, and never an amount).

        Attributes:
            commitment_id (str):
            confidential (bool):
            donor (str):
            instrument (Instrument | None): Null for another donor's confidential one.
            period_end (datetime.date):
            period_start (datetime.date):
            yours (bool):
    """

    commitment_id: str
    confidential: bool
    donor: str
    instrument: Instrument | None
    period_end: datetime.date
    period_start: datetime.date
    yours: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment_id = self.commitment_id

        confidential = self.confidential

        donor = self.donor

        instrument: str | None
        if isinstance(self.instrument, str):
            instrument = self.instrument
        else:
            instrument = self.instrument

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        yours = self.yours

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment_id": commitment_id,
                "confidential": confidential,
                "donor": donor,
                "instrument": instrument,
                "period_end": period_end,
                "period_start": period_start,
                "yours": yours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commitment_id = d.pop("commitment_id")

        confidential = d.pop("confidential")

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

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        yours = d.pop("yours")

        overlap_side = cls(
            commitment_id=commitment_id,
            confidential=confidential,
            donor=donor,
            instrument=instrument,
            period_end=period_end,
            period_start=period_start,
            yours=yours,
        )

        overlap_side.additional_properties = d
        return overlap_side

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
