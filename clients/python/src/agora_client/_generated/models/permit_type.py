from typing import Literal

PermitType = Literal["residence", "work"]

PERMIT_TYPE_VALUES: set[PermitType] = {
    "residence",
    "work",
}


def check_permit_type(value: str) -> PermitType:
    if value in PERMIT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERMIT_TYPE_VALUES!r}")
