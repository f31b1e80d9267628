from typing import Literal

OverlapStatus = Literal["coordinated", "open", "resolved"]

OVERLAP_STATUS_VALUES: set[OverlapStatus] = {
    "coordinated",
    "open",
    "resolved",
}


def check_overlap_status(value: str) -> OverlapStatus:
    if value in OVERLAP_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERLAP_STATUS_VALUES!r}")
