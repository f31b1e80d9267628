from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.privacy_budget import PrivacyBudget


T = TypeVar("T", bound="Privacy")


@_attrs_define
class Privacy:
    """How this release is protected against differencing.

    Attributes:
        budget (PrivacyBudget): How much privacy the releases may spend, and how often they may come.
        epsilon (float): ε this release spent (pure ε-differential privacy).
        library (str):
        mechanism (str): Noise added to the counts in `noised`.
        noised (list[str]): Parts of the body computed from noisy counts; the others count public attributes every
            reader of the registry can list.
        released_at (datetime.datetime):
        scale (float): Scale of the Laplace noise: sensitivity / ε.
        sensitivity (int): L1 change of the noised counts by one actor.
        delta (float | Unset):  Default: 0.0.
    """

    budget: PrivacyBudget
    epsilon: float
    library: str
    mechanism: str
    noised: list[str]
    released_at: datetime.datetime
    scale: float
    sensitivity: int
    delta: float | Unset = 0.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        budget = self.budget.to_dict()

        epsilon = self.epsilon

        library = self.library

        mechanism = self.mechanism

        noised = self.noised

        released_at = self.released_at.isoformat()

        scale = self.scale

        sensitivity = self.sensitivity

        delta = self.delta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budget": budget,
                "epsilon": epsilon,
                "library": library,
                "mechanism": mechanism,
                "noised": noised,
                "released_at": released_at,
                "scale": scale,
                "sensitivity": sensitivity,
            }
        )
        if delta is not UNSET:
            field_dict["delta"] = delta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.privacy_budget import PrivacyBudget

        d = dict(src_dict)
        budget = PrivacyBudget.from_dict(d.pop("budget"))

        epsilon = d.pop("epsilon")

        library = d.pop("library")

        mechanism = d.pop("mechanism")

        noised = cast(list[str], d.pop("noised"))

        released_at = datetime.datetime.fromisoformat(d.pop("released_at"))

        scale = d.pop("scale")

        sensitivity = d.pop("sensitivity")

        delta = d.pop("delta", UNSET)

        privacy = cls(
            budget=budget,
            epsilon=epsilon,
            library=library,
            mechanism=mechanism,
            noised=noised,
            released_at=released_at,
            scale=scale,
            sensitivity=sensitivity,
            delta=delta,
        )

        privacy.additional_properties = d
        return privacy

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
