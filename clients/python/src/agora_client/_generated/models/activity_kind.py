from typing import Literal

ActivityKind = Literal["broadcast", "event", "programme", "publication"]

ACTIVITY_KIND_VALUES: set[ActivityKind] = {
    "broadcast",
    "event",
    "programme",
    "publication",
}


def check_activity_kind(value: str) -> ActivityKind:
    if value in ACTIVITY_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVITY_KIND_VALUES!r}")
