from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.confidential_in_exports import ConfidentialInExports, check_confidential_in_exports
from ..types import UNSET, Unset

T = TypeVar("T", bound="DonorIn")


@_attrs_define
class DonorIn:
    """A donor's export settings, replaced as a whole.

    Attributes:
        iati_org_ref (str): The donor's IATI organisation identifier (org-id.guide prefix, a hyphen, the identifier),
            e.g. `GB-GOV-1` or `XM-DAC-5-7`.
        confidential_in_exports (ConfidentialInExports | Unset):
    """

    iati_org_ref: str
    confidential_in_exports: ConfidentialInExports | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        iati_org_ref = self.iati_org_ref

        confidential_in_exports: str | Unset = UNSET
        if not isinstance(self.confidential_in_exports, Unset):
            confidential_in_exports = self.confidential_in_exports

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "iati_org_ref": iati_org_ref,
            }
        )
        if confidential_in_exports is not UNSET:
            field_dict["confidential_in_exports"] = confidential_in_exports

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        iati_org_ref = d.pop("iati_org_ref")

        _confidential_in_exports = d.pop("confidential_in_exports", UNSET)
        confidential_in_exports: ConfidentialInExports | Unset
        if isinstance(_confidential_in_exports, Unset):
            confidential_in_exports = UNSET
        else:
            confidential_in_exports = check_confidential_in_exports(_confidential_in_exports)

        donor_in = cls(
            iati_org_ref=iati_org_ref,
            confidential_in_exports=confidential_in_exports,
        )

        return donor_in
