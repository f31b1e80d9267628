from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeadLetter")


@_attrs_define
class DeadLetter:
    """A parked event as an operator sees it: what it was, why it was parked, never its data.

    Attributes:
        applied (bool): Whether the service has applied the event since.
        attempts (int | None): Deliveries before it was parked.
        consumer (str): The durable consumer that parked it.
        error_class (str): The class of the error that parked it.
        event_id (None | str): The CloudEvent id; null when it was unreadable.
        event_time (datetime.datetime | None): When the event happened (UTC).
        event_type (None | str): The CloudEvent type; null when unreadable.
        id (int): The dead letter's sequence in the DEADLETTER stream.
        message (str): Why it was parked, without any submitted value.
        parked_at (datetime.datetime | None): When it was parked (UTC).
        stream_seq (int | None): The event's sequence in its own stream.
    """

    applied: bool
    attempts: int | None
    consumer: str
    error_class: str
    event_id: str | None
    event_time: datetime.datetime | None
    event_type: str | None
    id: int
    message: str
    parked_at: datetime.datetime | None
    stream_seq: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applied = self.applied

        attempts: int | None
        attempts = self.attempts

        consumer = self.consumer

        error_class = self.error_class

        event_id: str | None
        event_id = self.event_id

        event_time: str | None
        if isinstance(self.event_time, datetime.datetime):
            event_time = self.event_time.isoformat()
        else:
            event_time = self.event_time

        event_type: str | None
        event_type = self.event_type

        id = self.id

        message = self.message

        parked_at: str | None
        if isinstance(self.parked_at, datetime.datetime):
            parked_at = self.parked_at.isoformat()
        else:
            parked_at = self.parked_at

        stream_seq: int | None
        stream_seq = self.stream_seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applied": applied,
                "attempts": attempts,
                "consumer": consumer,
                "error_class": error_class,
                "event_id": event_id,
                "event_time": event_time,
                "event_type": event_type,
                "id": id,
                "message": message,
                "parked_at": parked_at,
                "stream_seq": stream_seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied = d.pop("applied")

        def _parse_attempts(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        attempts = _parse_attempts(d.pop("attempts"))

        consumer = d.pop("consumer")

        error_class = d.pop("error_class")

        def _parse_event_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        event_id = _parse_event_id(d.pop("event_id"))

        def _parse_event_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_time_type_0 = datetime.datetime.fromisoformat(data)

                return event_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        event_time = _parse_event_time(d.pop("event_time"))

        def _parse_event_type(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        event_type = _parse_event_type(d.pop("event_type"))

        id = d.pop("id")

        message = d.pop("message")

        def _parse_parked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parked_at_type_0 = datetime.datetime.fromisoformat(data)

                return parked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        parked_at = _parse_parked_at(d.pop("parked_at"))

        def _parse_stream_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        stream_seq = _parse_stream_seq(d.pop("stream_seq"))

        dead_letter = cls(
            applied=applied,
            attempts=attempts,
            consumer=consumer,
            error_class=error_class,
            event_id=event_id,
            event_time=event_time,
            event_type=event_type,
            id=id,
            message=message,
            parked_at=parked_at,
            stream_seq=stream_seq,
        )

        dead_letter.additional_properties = d
        return dead_letter

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
