from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnchoredVerification")


@_attrs_define
class AnchoredVerification:
    """
    Attributes:
        anchored (bool): Whether checkpoints are published (false without NATS).
        records (int):
        valid (bool): The chain recomputes, its head agrees, every checkpoint's signature holds and the record at every
            checkpoint still has the checkpoint's hash.
        anchored_seq (int | None | Unset): The last record covered by a checked checkpoint.
        checkpoints_checked (int | Unset):  Default: 0.
        checkpoints_mismatched (int | Unset): Checkpoints whose record is gone or has another hash. Default: 0.
        checkpoints_other_key (int | Unset): Checkpoints signed by an earlier key (not checked here). Default: 0.
        checkpoints_unverifiable (int | Unset): Messages of the stream that are not checkpoints signed by the key.
            Default: 0.
    """

    anchored: bool
    records: int
    valid: bool
    anchored_seq: int | Unset | None = UNSET
    checkpoints_checked: int | Unset = 0
    checkpoints_mismatched: int | Unset = 0
    checkpoints_other_key: int | Unset = 0
    checkpoints_unverifiable: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        anchored = self.anchored

        records = self.records

        valid = self.valid

        anchored_seq: int | Unset | None
        if isinstance(self.anchored_seq, Unset):
            anchored_seq = UNSET
        else:
            anchored_seq = self.anchored_seq

        checkpoints_checked = self.checkpoints_checked

        checkpoints_mismatched = self.checkpoints_mismatched

        checkpoints_other_key = self.checkpoints_other_key

        checkpoints_unverifiable = self.checkpoints_unverifiable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "anchored": anchored,
                "records": records,
                "valid": valid,
            }
        )
        if anchored_seq is not UNSET:
            field_dict["anchored_seq"] = anchored_seq
        if checkpoints_checked is not UNSET:
            field_dict["checkpoints_checked"] = checkpoints_checked
        if checkpoints_mismatched is not UNSET:
            field_dict["checkpoints_mismatched"] = checkpoints_mismatched
        if checkpoints_other_key is not UNSET:
            field_dict["checkpoints_other_key"] = checkpoints_other_key
        if checkpoints_unverifiable is not UNSET:
            field_dict["checkpoints_unverifiable"] = checkpoints_unverifiable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        anchored = d.pop("anchored")

        records = d.pop("records")

        valid = d.pop("valid")

        def _parse_anchored_seq(data: object) -> int | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        anchored_seq = _parse_anchored_seq(d.pop("anchored_seq", UNSET))

        checkpoints_checked = d.pop("checkpoints_checked", UNSET)

        checkpoints_mismatched = d.pop("checkpoints_mismatched", UNSET)

        checkpoints_other_key = d.pop("checkpoints_other_key", UNSET)

        checkpoints_unverifiable = d.pop("checkpoints_unverifiable", UNSET)

        anchored_verification = cls(
            anchored=anchored,
            records=records,
            valid=valid,
            anchored_seq=anchored_seq,
            checkpoints_checked=checkpoints_checked,
            checkpoints_mismatched=checkpoints_mismatched,
            checkpoints_other_key=checkpoints_other_key,
            checkpoints_unverifiable=checkpoints_unverifiable,
        )

        anchored_verification.additional_properties = d
        return anchored_verification

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
