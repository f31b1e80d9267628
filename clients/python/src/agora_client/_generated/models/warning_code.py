from typing import Literal

WarningCode = Literal["declined_by_your_state"]

WARNING_CODE_VALUES: set[WarningCode] = {
    "declined_by_your_state",
}


def check_warning_code(value: str) -> WarningCode:
    if value in WARNING_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WARNING_CODE_VALUES!r}")
