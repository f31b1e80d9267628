from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.donor_share import DonorShare


T = TypeVar("T", bound="ConcentrationReportByDonor")


@_attrs_define
class ConcentrationReportByDonor:
    """Per donor, its binding commitments that are not confidential (a donor's confidential ones are in no donor's figure
    here, only in the totals above).

    """

    additional_properties: dict[str, DonorShare] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_share import DonorShare

        d = dict(src_dict)
        concentration_report_by_donor = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = DonorShare.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        concentration_report_by_donor.additional_properties = additional_properties
        return concentration_report_by_donor

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> DonorShare:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: DonorShare) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
