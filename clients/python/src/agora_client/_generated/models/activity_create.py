from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.activity_kind import ActivityKind, check_activity_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.participants import Participants


T = TypeVar("T", bound="ActivityCreate")


@_attrs_define
class ActivityCreate:
    """
    Attributes:
        actor_id (str):
        cycle_id (str):
        date (datetime.date):
        kind (ActivityKind):
        participants (Participants):
        title (str):
        audience_inside_russia (int | None | Unset): People reached inside Russia (aggregate), if known.
        commitment_id (None | str | Unset): The commitment that funds the activity: it then counts in the representation
            figures of that commitment's donor only.
    """

    actor_id: str
    cycle_id: str
    date: datetime.date
    kind: ActivityKind
    participants: Participants
    title: str
    audience_inside_russia: int | Unset | None = UNSET
    commitment_id: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        cycle_id = self.cycle_id

        date = self.date.isoformat()

        kind: str = self.kind

        participants = self.participants.to_dict()

        title = self.title

        audience_inside_russia: int | Unset | None
        if isinstance(self.audience_inside_russia, Unset):
            audience_inside_russia = UNSET
        else:
            audience_inside_russia = self.audience_inside_russia

        commitment_id: str | Unset | None
        if isinstance(self.commitment_id, Unset):
            commitment_id = UNSET
        else:
            commitment_id = self.commitment_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "cycle_id": cycle_id,
                "date": date,
                "kind": kind,
                "participants": participants,
                "title": title,
            }
        )
        if audience_inside_russia is not UNSET:
            field_dict["audience_inside_russia"] = audience_inside_russia
        if commitment_id is not UNSET:
            field_dict["commitment_id"] = commitment_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participants import Participants

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        cycle_id = d.pop("cycle_id")

        date = datetime.date.fromisoformat(d.pop("date"))

        kind = check_activity_kind(d.pop("kind"))

        participants = Participants.from_dict(d.pop("participants"))

        title = d.pop("title")

        def _parse_audience_inside_russia(data: object) -> int | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        audience_inside_russia = _parse_audience_inside_russia(
            d.pop("audience_inside_russia", UNSET)
        )

        def _parse_commitment_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commitment_id = _parse_commitment_id(d.pop("commitment_id", UNSET))

        activity_create = cls(
            actor_id=actor_id,
            cycle_id=cycle_id,
            date=date,
            kind=kind,
            participants=participants,
            title=title,
            audience_inside_russia=audience_inside_russia,
            commitment_id=commitment_id,
        )

        return activity_create
