from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.confidential_in_exports import ConfidentialInExports, check_confidential_in_exports

T = TypeVar("T", bound="DonorOut")


@_attrs_define
class DonorOut:
    """
    Attributes:
        code (str):
        confidential_in_exports (ConfidentialInExports):
        iati_org_ref (None | str): Null until the donor sets it.
        updated_at (datetime.datetime | None): Null for a donor that never set anything.
    """

    code: str
    confidential_in_exports: ConfidentialInExports
    iati_org_ref: str | None
    updated_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        confidential_in_exports: str = self.confidential_in_exports

        iati_org_ref: str | None
        iati_org_ref = self.iati_org_ref

        updated_at: str | None
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "confidential_in_exports": confidential_in_exports,
                "iati_org_ref": iati_org_ref,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        confidential_in_exports = check_confidential_in_exports(d.pop("confidential_in_exports"))

        def _parse_iati_org_ref(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        iati_org_ref = _parse_iati_org_ref(d.pop("iati_org_ref"))

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        donor_out = cls(
            code=code,
            confidential_in_exports=confidential_in_exports,
            iati_org_ref=iati_org_ref,
            updated_at=updated_at,
        )

        donor_out.additional_properties = d
        return donor_out

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
