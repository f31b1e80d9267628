from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DonorFunding")


@_attrs_define
class DonorFunding:
    """
    Attributes:
        commitments (int):
        committed (None | str): Decimal string; null when no amount applies.
        committed_eur (None | str): In EUR at the rate in force on the cycle's last day; null without an amount or
            without a rate (then `rate_missing`).
        currency (None | str): Null for permits, which carry no amount.
        disbursed (None | str):
        disbursed_eur (None | str):
        donor (str):
        instruments (list[str]):
        rate_missing (bool): No EUR rate is known for this currency.
    """

    commitments: int
    committed: str | None
    committed_eur: str | None
    currency: str | None
    disbursed: str | None
    disbursed_eur: str | None
    donor: str
    instruments: list[str]
    rate_missing: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitments = self.commitments

        committed: str | None
        committed = self.committed

        committed_eur: str | None
        committed_eur = self.committed_eur

        currency: str | None
        currency = self.currency

        disbursed: str | None
        disbursed = self.disbursed

        disbursed_eur: str | None
        disbursed_eur = self.disbursed_eur

        donor = self.donor

        instruments = self.instruments

        rate_missing = self.rate_missing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitments": commitments,
                "committed": committed,
                "committed_eur": committed_eur,
                "currency": currency,
                "disbursed": disbursed,
                "disbursed_eur": disbursed_eur,
                "donor": donor,
                "instruments": instruments,
                "rate_missing": rate_missing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commitments = d.pop("commitments")

        def _parse_committed(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        committed = _parse_committed(d.pop("committed"))

        def _parse_committed_eur(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        committed_eur = _parse_committed_eur(d.pop("committed_eur"))

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

        def _parse_disbursed_eur(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        disbursed_eur = _parse_disbursed_eur(d.pop("disbursed_eur"))

        donor = d.pop("donor")

        instruments = cast(list[str], d.pop("instruments"))

        rate_missing = d.pop("rate_missing")

        donor_funding = cls(
            commitments=commitments,
            committed=committed,
            committed_eur=committed_eur,
            currency=currency,
            disbursed=disbursed,
            disbursed_eur=disbursed_eur,
            donor=donor,
            instruments=instruments,
            rate_missing=rate_missing,
        )

        donor_funding.additional_properties = d
        return donor_funding

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
