from typing import Literal

Resolution = Literal["co_funding", "not_an_overlap", "will_adjust"]

RESOLUTION_VALUES: set[Resolution] = {
    "co_funding",
    "not_an_overlap",
    "will_adjust",
}


def check_resolution(value: str) -> Resolution:
    if value in RESOLUTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOLUTION_VALUES!r}")
