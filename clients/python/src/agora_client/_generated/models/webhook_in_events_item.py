from typing import Literal

WebhookInEventsItem = Literal[
    "actors.duplicate_suspected",
    "actors.permit_expiring",
    "evaluation.assignment_created",
    "funding.overlap_detected",
]

WEBHOOK_IN_EVENTS_ITEM_VALUES: set[WebhookInEventsItem] = {
    "actors.duplicate_suspected",
    "actors.permit_expiring",
    "evaluation.assignment_created",
    "funding.overlap_detected",
}


def check_webhook_in_events_item(value: str) -> WebhookInEventsItem:
    if value in WEBHOOK_IN_EVENTS_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_IN_EVENTS_ITEM_VALUES!r}"
    )
