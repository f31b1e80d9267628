from typing import Literal

CommitmentCreateStatus = Literal["committed", "pledged"]

COMMITMENT_CREATE_STATUS_VALUES: set[CommitmentCreateStatus] = {
    "committed",
    "pledged",
}


def check_commitment_create_status(value: str) -> CommitmentCreateStatus:
    if value in COMMITMENT_CREATE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COMMITMENT_CREATE_STATUS_VALUES!r}"
    )
