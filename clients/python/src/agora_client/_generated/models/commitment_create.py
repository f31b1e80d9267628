from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.commitment_create_status import CommitmentCreateStatus, check_commitment_create_status
from ..models.instrument import Instrument, check_instrument
from ..models.purpose import Purpose, check_purpose
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.period_in import PeriodIn


T = TypeVar("T", bound="CommitmentCreate")


@_attrs_define
class CommitmentCreate:
    """A new commitment; the donor is the caller's state, never part of the body.

    Attributes:
        actor_id (str): An opaque id.
        instrument (Instrument):
        period (PeriodIn):
        purposes (list[Purpose]):
        amount (None | str | Unset):
        confidential (bool | Unset): Other donors see it only as an overlap flag on their own commitments (donor,
            period, shared purposes); reports never show its amount. Default: False.
        currency (None | str | Unset):
        programme_id (None | str | Unset): A joint programme the caller's state takes part in: overlaps with the
            programme's other commitments are coordinated, not open notices.
        status (CommitmentCreateStatus | Unset):  Default: 'committed'.
    """

    actor_id: str
    instrument: Instrument
    period: PeriodIn
    purposes: list[Purpose]
    amount: str | Unset | None = UNSET
    confidential: bool | Unset = False
    currency: str | Unset | None = UNSET
    programme_id: str | Unset | None = UNSET
    status: CommitmentCreateStatus | Unset = "committed"

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        instrument: str = self.instrument

        period = self.period.to_dict()

        purposes = []
        for purposes_item_data in self.purposes:
            purposes_item: str = purposes_item_data
            purposes.append(purposes_item)

        amount: str | Unset | None
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        confidential = self.confidential

        currency: str | Unset | None
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        programme_id: str | Unset | None
        if isinstance(self.programme_id, Unset):
            programme_id = UNSET
        else:
            programme_id = self.programme_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "instrument": instrument,
                "period": period,
                "purposes": purposes,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if confidential is not UNSET:
            field_dict["confidential"] = confidential
        if currency is not UNSET:
            field_dict["currency"] = currency
        if programme_id is not UNSET:
            field_dict["programme_id"] = programme_id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.period_in import PeriodIn

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        instrument = check_instrument(d.pop("instrument"))

        period = PeriodIn.from_dict(d.pop("period"))

        purposes = []
        _purposes = d.pop("purposes")
        for purposes_item_data in _purposes:
            purposes_item = check_purpose(purposes_item_data)

            purposes.append(purposes_item)

        def _parse_amount(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        confidential = d.pop("confidential", UNSET)

        def _parse_currency(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_programme_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        programme_id = _parse_programme_id(d.pop("programme_id", UNSET))

        _status = d.pop("status", UNSET)
        status: CommitmentCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_commitment_create_status(_status)

        commitment_create = cls(
            actor_id=actor_id,
            instrument=instrument,
            period=period,
            purposes=purposes,
            amount=amount,
            confidential=confidential,
            currency=currency,
            programme_id=programme_id,
            status=status,
        )

        return commitment_create
