from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.overlap_status import OverlapStatus, check_overlap_status
from ..models.purpose import Purpose, check_purpose
from ..models.resolution import Resolution, check_resolution

if TYPE_CHECKING:
    from ..models.overlap_side import OverlapSide


T = TypeVar("T", bound="OverlapNotice")


@_attrs_define
class OverlapNotice:
    """
    Attributes:
        actor_id (str):
        commitments (list[OverlapSide]): The earlier commitment, then the later.
        coordinated (bool): Both commitments are in one joint programme.
        created_at (datetime.datetime):
        id (str):
        note (None | str):
        resolution (None | Resolution):
        resolved_at (datetime.datetime | None):
        resolved_by (None | str):
        shared_purposes (list[Purpose]):
        status (OverlapStatus):
    """

    actor_id: str
    commitments: list[OverlapSide]
    coordinated: bool
    created_at: datetime.datetime
    id: str
    note: str | None
    resolution: Resolution | None
    resolved_at: datetime.datetime | None
    resolved_by: str | None
    shared_purposes: list[Purpose]
    status: OverlapStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        coordinated = self.coordinated

        created_at = self.created_at.isoformat()

        id = self.id

        note: str | None
        note = self.note

        resolution: str | None
        if isinstance(self.resolution, str):
            resolution = self.resolution
        else:
            resolution = self.resolution

        resolved_at: str | None
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        resolved_by: str | None
        resolved_by = self.resolved_by

        shared_purposes = []
        for shared_purposes_item_data in self.shared_purposes:
            shared_purposes_item: str = shared_purposes_item_data
            shared_purposes.append(shared_purposes_item)

        status: str = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "commitments": commitments,
                "coordinated": coordinated,
                "created_at": created_at,
                "id": id,
                "note": note,
                "resolution": resolution,
                "resolved_at": resolved_at,
                "resolved_by": resolved_by,
                "shared_purposes": shared_purposes,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.overlap_side import OverlapSide

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = OverlapSide.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        coordinated = d.pop("coordinated")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        def _parse_note(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_resolution(data: object) -> Resolution | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_0 = check_resolution(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Resolution, data)

        resolution = _parse_resolution(d.pop("resolution"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        def _parse_resolved_by(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        resolved_by = _parse_resolved_by(d.pop("resolved_by"))

        shared_purposes = []
        _shared_purposes = d.pop("shared_purposes")
        for shared_purposes_item_data in _shared_purposes:
            shared_purposes_item = check_purpose(shared_purposes_item_data)

            shared_purposes.append(shared_purposes_item)

        status = check_overlap_status(d.pop("status"))

        overlap_notice = cls(
            actor_id=actor_id,
            commitments=commitments,
            coordinated=coordinated,
            created_at=created_at,
            id=id,
            note=note,
            resolution=resolution,
            resolved_at=resolved_at,
            resolved_by=resolved_by,
            shared_purposes=shared_purposes,
            status=status,
        )

        overlap_notice.additional_properties = d
        return overlap_notice

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
