from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.grants_on_transfer import GrantsOnTransfer, check_grants_on_transfer

T = TypeVar("T", bound="TransferIn")


@_attrs_define
class TransferIn:
    """
    Attributes:
        grants (GrantsOnTransfer):
        to_state (str): The state that is to become the custodian.
    """

    grants: GrantsOnTransfer
    to_state: str

    def to_dict(self) -> dict[str, Any]:
        grants: str = self.grants

        to_state = self.to_state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grants": grants,
                "to_state": to_state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grants = check_grants_on_transfer(d.pop("grants"))

        to_state = d.pop("to_state")

        transfer_in = cls(
            grants=grants,
            to_state=to_state,
        )

        return transfer_in
