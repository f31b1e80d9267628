from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_in_events_item import WebhookInEventsItem, check_webhook_in_events_item

T = TypeVar("T", bound="WebhookIn")


@_attrs_define
class WebhookIn:
    """
    Attributes:
        events (list[WebhookInEventsItem]): Agencies and stewards: `funding.overlap_detected`, `actors.permit_expiring`,
            `actors.duplicate_suspected` (those concerning their state); evaluators: `evaluation.assignment_created` (their
            own assignments).
        url (str): The receiver: an `https` URL whose host resolves to public addresses only (in development also
            loopback, over `http`). Checked again at every delivery.
    """

    events: list[WebhookInEventsItem]
    url: str

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item: str = events_item_data
            events.append(events_item)

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = check_webhook_in_events_item(events_item_data)

            events.append(events_item)

        url = d.pop("url")

        webhook_in = cls(
            events=events,
            url=url,
        )

        return webhook_in
