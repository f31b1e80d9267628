from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.privacy import Privacy
    from ..models.representation_shares import RepresentationShares
    from ..models.statistics_by_activity import StatisticsByActivity
    from ..models.statistics_by_host_country import StatisticsByHostCountry
    from ..models.statistics_by_kind import StatisticsByKind
    from ..models.statistics_by_origin_region import StatisticsByOriginRegion
    from ..models.statistics_by_sector import StatisticsBySector


T = TypeVar("T", bound="Statistics")


@_attrs_define
class Statistics:
    """Counts of live actors; every count or share resting on fewer than 5 actors is null.

    A release, stored and served until the next: taken anew only after at least 5 counted
    changes (registrations, updates of counted attributes, erasures) and a minimum interval
    since the last, within a privacy budget. Counts are rounded to multiples of 5;
    representation comes from counts with calibrated noise (`privacy` says how).

        Attributes:
            by_activity (StatisticsByActivity):
            by_host_country (StatisticsByHostCountry):
            by_kind (StatisticsByKind):
            by_origin_region (StatisticsByOriginRegion):
            by_sector (StatisticsBySector):
            privacy (Privacy): How this release is protected against differencing.
            representation (RepresentationShares): Shares among actors with consented representation data, from counts with
                calibrated
                noise (differential privacy); null when a noisy count is under 5.
            total (int | None):
            minimum_cell (int | Unset):  Default: 5.
    """

    by_activity: StatisticsByActivity
    by_host_country: StatisticsByHostCountry
    by_kind: StatisticsByKind
    by_origin_region: StatisticsByOriginRegion
    by_sector: StatisticsBySector
    privacy: Privacy
    representation: RepresentationShares
    total: int | None
    minimum_cell: int | Unset = 5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_activity = self.by_activity.to_dict()

        by_host_country = self.by_host_country.to_dict()

        by_kind = self.by_kind.to_dict()

        by_origin_region = self.by_origin_region.to_dict()

        by_sector = self.by_sector.to_dict()

        privacy = self.privacy.to_dict()

        representation = self.representation.to_dict()

        total: int | None
        total = self.total

        minimum_cell = self.minimum_cell

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_activity": by_activity,
                "by_host_country": by_host_country,
                "by_kind": by_kind,
                "by_origin_region": by_origin_region,
                "by_sector": by_sector,
                "privacy": privacy,
                "representation": representation,
                "total": total,
            }
        )
        if minimum_cell is not UNSET:
            field_dict["minimum_cell"] = minimum_cell

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.privacy import Privacy
        from ..models.representation_shares import RepresentationShares
        from ..models.statistics_by_activity import StatisticsByActivity
        from ..models.statistics_by_host_country import StatisticsByHostCountry
        from ..models.statistics_by_kind import StatisticsByKind
        from ..models.statistics_by_origin_region import StatisticsByOriginRegion
        from ..models.statistics_by_sector import StatisticsBySector

        d = dict(src_dict)
        by_activity = StatisticsByActivity.from_dict(d.pop("by_activity"))

        by_host_country = StatisticsByHostCountry.from_dict(d.pop("by_host_country"))

        by_kind = StatisticsByKind.from_dict(d.pop("by_kind"))

        by_origin_region = StatisticsByOriginRegion.from_dict(d.pop("by_origin_region"))

        by_sector = StatisticsBySector.from_dict(d.pop("by_sector"))

        privacy = Privacy.from_dict(d.pop("privacy"))

        representation = RepresentationShares.from_dict(d.pop("representation"))

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        minimum_cell = d.pop("minimum_cell", UNSET)

        statistics = cls(
            by_activity=by_activity,
            by_host_country=by_host_country,
            by_kind=by_kind,
            by_origin_region=by_origin_region,
            by_sector=by_sector,
            privacy=privacy,
            representation=representation,
            total=total,
            minimum_cell=minimum_cell,
        )

        statistics.additional_properties = d
        return statistics

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
