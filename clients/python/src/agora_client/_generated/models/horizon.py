from typing import Literal

Horizon = Literal["long", "mid", "short"]

HORIZON_VALUES: set[Horizon] = {
    "long",
    "mid",
    "short",
}


def check_horizon(value: str) -> Horizon:
    if value in HORIZON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HORIZON_VALUES!r}")
