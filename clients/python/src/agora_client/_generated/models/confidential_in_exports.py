from typing import Literal

ConfidentialInExports = Literal["flag", "omit"]

CONFIDENTIAL_IN_EXPORTS_VALUES: set[ConfidentialInExports] = {
    "flag",
    "omit",
}


def check_confidential_in_exports(value: str) -> ConfidentialInExports:
    if value in CONFIDENTIAL_IN_EXPORTS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONFIDENTIAL_IN_EXPORTS_VALUES!r}"
    )
