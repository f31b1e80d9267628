from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckpointOut")


@_attrs_define
class CheckpointOut:
    """One checkpoint; every field but ``stream_seq`` is null for a message that is not one.

    Attributes:
        at (datetime.datetime | None):
        hash_ (None | str): That record's hash.
        key_id (None | str): First 16 hex digits of SHA-256 of the raw public key.
        seq (int | None): The audit record the chain head was at.
        signature (None | str): Base64 Ed25519 signature of `agora-audit-checkpoint\\n<seq>\\n<hash>\\n<at>` (UTF-8).
        stream_seq (int): Position in the NATS stream AUDIT.
    """

    at: datetime.datetime | None
    hash_: str | None
    key_id: str | None
    seq: int | None
    signature: str | None
    stream_seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at: str | None
        if isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        hash_: str | None
        hash_ = self.hash_

        key_id: str | None
        key_id = self.key_id

        seq: int | None
        seq = self.seq

        signature: str | None
        signature = self.signature

        stream_seq = self.stream_seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "hash": hash_,
                "key_id": key_id,
                "seq": seq,
                "signature": signature,
                "stream_seq": stream_seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        at = _parse_at(d.pop("at"))

        def _parse_hash_(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        hash_ = _parse_hash_(d.pop("hash"))

        def _parse_key_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        key_id = _parse_key_id(d.pop("key_id"))

        def _parse_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seq = _parse_seq(d.pop("seq"))

        def _parse_signature(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        signature = _parse_signature(d.pop("signature"))

        stream_seq = d.pop("stream_seq")

        checkpoint_out = cls(
            at=at,
            hash_=hash_,
            key_id=key_id,
            seq=seq,
            signature=signature,
            stream_seq=stream_seq,
        )

        checkpoint_out.additional_properties = d
        return checkpoint_out

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
