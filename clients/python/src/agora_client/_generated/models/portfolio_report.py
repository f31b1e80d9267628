from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cycle_status import CycleStatus, check_cycle_status

if TYPE_CHECKING:
    from ..models.evaluation_period import EvaluationPeriod
    from ..models.portfolio_actor import PortfolioActor
    from ..models.portfolio_totals import PortfolioTotals


T = TypeVar("T", bound="PortfolioReport")


@_attrs_define
class PortfolioReport:
    """
    Attributes:
        actors (list[PortfolioActor]): One page of actors, by actor id.
        cycle_id (str):
        next_cursor (None | str): Pass as `cursor` for the next page of actors.
        period (EvaluationPeriod):
        rates_as_of (str): The day whose EUR rates convert the amounts.
        status (CycleStatus):
        totals (PortfolioTotals): Figures of the whole cycle (every page).
    """

    actors: list[PortfolioActor]
    cycle_id: str
    next_cursor: str | None
    period: EvaluationPeriod
    rates_as_of: str
    status: CycleStatus
    totals: PortfolioTotals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = []
        for actors_item_data in self.actors:
            actors_item = actors_item_data.to_dict()
            actors.append(actors_item)

        cycle_id = self.cycle_id

        next_cursor: str | None
        next_cursor = self.next_cursor

        period = self.period.to_dict()

        rates_as_of = self.rates_as_of

        status: str = self.status

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "cycle_id": cycle_id,
                "next_cursor": next_cursor,
                "period": period,
                "rates_as_of": rates_as_of,
                "status": status,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluation_period import EvaluationPeriod
        from ..models.portfolio_actor import PortfolioActor
        from ..models.portfolio_totals import PortfolioTotals

        d = dict(src_dict)
        actors = []
        _actors = d.pop("actors")
        for actors_item_data in _actors:
            actors_item = PortfolioActor.from_dict(actors_item_data)

            actors.append(actors_item)

        cycle_id = d.pop("cycle_id")

        def _parse_next_cursor(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        period = EvaluationPeriod.from_dict(d.pop("period"))

        rates_as_of = d.pop("rates_as_of")

        status = check_cycle_status(d.pop("status"))

        totals = PortfolioTotals.from_dict(d.pop("totals"))

        portfolio_report = cls(
            actors=actors,
            cycle_id=cycle_id,
            next_cursor=next_cursor,
            period=period,
            rates_as_of=rates_as_of,
            status=status,
            totals=totals,
        )

        portfolio_report.additional_properties = d
        return portfolio_report

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
