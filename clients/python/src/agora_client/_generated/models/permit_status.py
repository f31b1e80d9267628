from typing import Literal

PermitStatus = Literal["revoked", "valid"]

PERMIT_STATUS_VALUES: set[PermitStatus] = {
    "revoked",
    "valid",
}


def check_permit_status(value: str) -> PermitStatus:
    if value in PERMIT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERMIT_STATUS_VALUES!r}")
