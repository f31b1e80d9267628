from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cycle_status import CycleStatus, check_cycle_status

if TYPE_CHECKING:
    from ..models.cycle_progress import CycleProgress
    from ..models.evaluation_period import EvaluationPeriod


T = TypeVar("T", bound="CycleOut")


@_attrs_define
class CycleOut:
    """
    Attributes:
        closed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        id (str):
        name (str):
        period (EvaluationPeriod):
        progress (CycleProgress):
        status (CycleStatus):
    """

    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    id: str
    name: str
    period: EvaluationPeriod
    progress: CycleProgress
    status: CycleStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at: str | None
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        period = self.period.to_dict()

        progress = self.progress.to_dict()

        status: str = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "created_at": created_at,
                "id": id,
                "name": name,
                "period": period,
                "progress": progress,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cycle_progress import CycleProgress
        from ..models.evaluation_period import EvaluationPeriod

        d = dict(src_dict)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        name = d.pop("name")

        period = EvaluationPeriod.from_dict(d.pop("period"))

        progress = CycleProgress.from_dict(d.pop("progress"))

        status = check_cycle_status(d.pop("status"))

        cycle_out = cls(
            closed_at=closed_at,
            created_at=created_at,
            id=id,
            name=name,
            period=period,
            progress=progress,
            status=status,
        )

        cycle_out.additional_properties = d
        return cycle_out

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
