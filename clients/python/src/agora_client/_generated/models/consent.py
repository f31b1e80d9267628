from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Consent")


@_attrs_define
class Consent:
    """The recorded consent under which representation data is held. Personal.

    Attributes:
        given_on (datetime.date):
        scope (str):
    """

    given_on: datetime.date
    scope: str

    def to_dict(self) -> dict[str, Any]:
        given_on = self.given_on.isoformat()

        scope = self.scope

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "given_on": given_on,
                "scope": scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_on = datetime.date.fromisoformat(d.pop("given_on"))

        scope = d.pop("scope")

        consent = cls(
            given_on=given_on,
            scope=scope,
        )

        return consent
