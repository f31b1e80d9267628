from typing import Literal

GrantsOnTransfer = Literal["drop", "keep"]

GRANTS_ON_TRANSFER_VALUES: set[GrantsOnTransfer] = {
    "drop",
    "keep",
}


def check_grants_on_transfer(value: str) -> GrantsOnTransfer:
    if value in GRANTS_ON_TRANSFER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRANTS_ON_TRANSFER_VALUES!r}")
