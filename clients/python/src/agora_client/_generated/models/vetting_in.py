from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.vetting_decision import VettingDecision, check_vetting_decision
from ..types import UNSET, Unset

T = TypeVar("T", bound="VettingIn")


@_attrs_define
class VettingIn:
    """
    Attributes:
        decided_on (datetime.date):
        decision (VettingDecision):
        reason (None | str | Unset): Why (optional, up to 2000 characters): kept in the decision's history, sealed, and
            shown only to your own state.
    """

    decided_on: datetime.date
    decision: VettingDecision
    reason: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        decided_on = self.decided_on.isoformat()

        decision: str = self.decision

        reason: str | Unset | None
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_on": decided_on,
                "decision": decision,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        decision = check_vetting_decision(d.pop("decision"))

        def _parse_reason(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        vetting_in = cls(
            decided_on=decided_on,
            decision=decision,
            reason=reason,
        )

        return vetting_in
