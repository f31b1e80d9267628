from typing import Literal

CycleStatus = Literal["closed", "open"]

CYCLE_STATUS_VALUES: set[CycleStatus] = {
    "closed",
    "open",
}


def check_cycle_status(value: str) -> CycleStatus:
    if value in CYCLE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CYCLE_STATUS_VALUES!r}")
