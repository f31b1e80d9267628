from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.checkpoint_out import CheckpointOut


T = TypeVar("T", bound="CheckpointPage")


@_attrs_define
class CheckpointPage:
    """
    Attributes:
        items (list[CheckpointOut]):
        key_id (str):
        next_cursor (None | str): Pass as `cursor` for the next page; null on the last page.
        public_key (str): The Ed25519 public key (PEM) the checkpoints verify with.
        signed_text (str | Unset):  Default: 'agora-audit-checkpoint\\\\\\\\n<seq>\\\\\\\\n<hash>\\\\\\\\n<at>'.
    """

    items: list[CheckpointOut]
    key_id: str
    next_cursor: str | None
    public_key: str
    signed_text: str | Unset = "agora-audit-checkpoint\\\\n<seq>\\\\n<hash>\\\\n<at>"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        key_id = self.key_id

        next_cursor: str | None
        next_cursor = self.next_cursor

        public_key = self.public_key

        signed_text = self.signed_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "key_id": key_id,
                "next_cursor": next_cursor,
                "public_key": public_key,
            }
        )
        if signed_text is not UNSET:
            field_dict["signed_text"] = signed_text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint_out import CheckpointOut

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CheckpointOut.from_dict(items_item_data)

            items.append(items_item)

        key_id = d.pop("key_id")

        def _parse_next_cursor(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        public_key = d.pop("public_key")

        signed_text = d.pop("signed_text", UNSET)

        checkpoint_page = cls(
            items=items,
            key_id=key_id,
            next_cursor=next_cursor,
            public_key=public_key,
            signed_text=signed_text,
        )

        checkpoint_page.additional_properties = d
        return checkpoint_page

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
