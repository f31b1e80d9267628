from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.funding_status import FundingStatus, check_funding_status
from ..models.horizon import Horizon, check_horizon
from ..models.instrument import Instrument, check_instrument
from ..models.purpose import Purpose, check_purpose

if TYPE_CHECKING:
    from ..models.commitment_warning import CommitmentWarning
    from ..models.overlap_out import OverlapOut
    from ..models.period import Period


T = TypeVar("T", bound="CommitmentCreated")


@_attrs_define
class CommitmentCreated:
    """
    Attributes:
        actor_id (str):
        amount (None | str): Decimal string; null for permits.
        confidential (bool): Shown only to its donor.
        created_at (datetime.datetime):
        currency (None | str):
        disbursed (None | str): Sum of disbursements; null for permits.
        donor (str):
        horizon (Horizon):
        id (str):
        instrument (Instrument):
        overlaps (list[OverlapOut]):
        period (Period):
        programme_id (None | str): The joint programme it belongs to, if any.
        purposes (list[Purpose]):
        status (FundingStatus):
        updated_at (datetime.datetime):
        version (int):
        warnings (list[CommitmentWarning]): For the donor only; the commitment is made all the same.
    """

    actor_id: str
    amount: str | None
    confidential: bool
    created_at: datetime.datetime
    currency: str | None
    disbursed: str | None
    donor: str
    horizon: Horizon
    id: str
    instrument: Instrument
    overlaps: list[OverlapOut]
    period: Period
    programme_id: str | None
    purposes: list[Purpose]
    status: FundingStatus
    updated_at: datetime.datetime
    version: int
    warnings: list[CommitmentWarning]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        amount: str | None
        amount = self.amount

        confidential = self.confidential

        created_at = self.created_at.isoformat()

        currency: str | None
        currency = self.currency

        disbursed: str | None
        disbursed = self.disbursed

        donor = self.donor

        horizon: str = self.horizon

        id = self.id

        instrument: str = self.instrument

        overlaps = []
        for overlaps_item_data in self.overlaps:
            overlaps_item = overlaps_item_data.to_dict()
            overlaps.append(overlaps_item)

        period = self.period.to_dict()

        programme_id: str | None
        programme_id = self.programme_id

        purposes = []
        for purposes_item_data in self.purposes:
            purposes_item: str = purposes_item_data
            purposes.append(purposes_item)

        status: str = self.status

        updated_at = self.updated_at.isoformat()

        version = self.version

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "amount": amount,
                "confidential": confidential,
                "created_at": created_at,
                "currency": currency,
                "disbursed": disbursed,
                "donor": donor,
                "horizon": horizon,
                "id": id,
                "instrument": instrument,
                "overlaps": overlaps,
                "period": period,
                "programme_id": programme_id,
                "purposes": purposes,
                "status": status,
                "updated_at": updated_at,
                "version": version,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_warning import CommitmentWarning
        from ..models.overlap_out import OverlapOut
        from ..models.period import Period

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        def _parse_amount(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        confidential = d.pop("confidential")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_currency(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))

        def _parse_disbursed(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        disbursed = _parse_disbursed(d.pop("disbursed"))

        donor = d.pop("donor")

        horizon = check_horizon(d.pop("horizon"))

        id = d.pop("id")

        instrument = check_instrument(d.pop("instrument"))

        overlaps = []
        _overlaps = d.pop("overlaps")
        for overlaps_item_data in _overlaps:
            overlaps_item = OverlapOut.from_dict(overlaps_item_data)

            overlaps.append(overlaps_item)

        period = Period.from_dict(d.pop("period"))

        def _parse_programme_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        programme_id = _parse_programme_id(d.pop("programme_id"))

        purposes = []
        _purposes = d.pop("purposes")
        for purposes_item_data in _purposes:
            purposes_item = check_purpose(purposes_item_data)

            purposes.append(purposes_item)

        status = check_funding_status(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = CommitmentWarning.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        commitment_created = cls(
            actor_id=actor_id,
            amount=amount,
            confidential=confidential,
            created_at=created_at,
            currency=currency,
            disbursed=disbursed,
            donor=donor,
            horizon=horizon,
            id=id,
            instrument=instrument,
            overlaps=overlaps,
            period=period,
            programme_id=programme_id,
            purposes=purposes,
            status=status,
            updated_at=updated_at,
            version=version,
            warnings=warnings,
        )

        commitment_created.additional_properties = d
        return commitment_created

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
