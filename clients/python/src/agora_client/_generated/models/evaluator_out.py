from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EvaluatorOut")


@_attrs_define
class EvaluatorOut:
    """
    Attributes:
        client_id (str):
        enrolled_at (datetime.datetime):
        seen_at (datetime.datetime): When the evaluator last enrolled or declared.
        state (None | str): The affiliated state of the evaluator's client.
    """

    client_id: str
    enrolled_at: datetime.datetime
    seen_at: datetime.datetime
    state: str | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        enrolled_at = self.enrolled_at.isoformat()

        seen_at = self.seen_at.isoformat()

        state: str | None
        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "enrolled_at": enrolled_at,
                "seen_at": seen_at,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        enrolled_at = datetime.datetime.fromisoformat(d.pop("enrolled_at"))

        seen_at = datetime.datetime.fromisoformat(d.pop("seen_at"))

        def _parse_state(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        state = _parse_state(d.pop("state"))

        evaluator_out = cls(
            client_id=client_id,
            enrolled_at=enrolled_at,
            seen_at=seen_at,
            state=state,
        )

        evaluator_out.additional_properties = d
        return evaluator_out

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
