from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_kind import ActivityKind, check_activity_kind

if TYPE_CHECKING:
    from ..models.participants import Participants


T = TypeVar("T", bound="ActivityOut")


@_attrs_define
class ActivityOut:
    """
    Attributes:
        actor_id (str):
        audience_inside_russia (int | None):
        commitment_id (None | str):
        cycle_id (str):
        date (datetime.date):
        id (str):
        kind (ActivityKind):
        participants (Participants):
        recorded_at (datetime.datetime):
        title (str):
    """

    actor_id: str
    audience_inside_russia: int | None
    commitment_id: str | None
    cycle_id: str
    date: datetime.date
    id: str
    kind: ActivityKind
    participants: Participants
    recorded_at: datetime.datetime
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        audience_inside_russia: int | None
        audience_inside_russia = self.audience_inside_russia

        commitment_id: str | None
        commitment_id = self.commitment_id

        cycle_id = self.cycle_id

        date = self.date.isoformat()

        id = self.id

        kind: str = self.kind

        participants = self.participants.to_dict()

        recorded_at = self.recorded_at.isoformat()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "audience_inside_russia": audience_inside_russia,
                "commitment_id": commitment_id,
                "cycle_id": cycle_id,
                "date": date,
                "id": id,
                "kind": kind,
                "participants": participants,
                "recorded_at": recorded_at,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participants import Participants

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        def _parse_audience_inside_russia(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        audience_inside_russia = _parse_audience_inside_russia(d.pop("audience_inside_russia"))

        def _parse_commitment_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id"))

        cycle_id = d.pop("cycle_id")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        kind = check_activity_kind(d.pop("kind"))

        participants = Participants.from_dict(d.pop("participants"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        title = d.pop("title")

        activity_out = cls(
            actor_id=actor_id,
            audience_inside_russia=audience_inside_russia,
            commitment_id=commitment_id,
            cycle_id=cycle_id,
            date=date,
            id=id,
            kind=kind,
            participants=participants,
            recorded_at=recorded_at,
            title=title,
        )

        activity_out.additional_properties = d
        return activity_out

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
