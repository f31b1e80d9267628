from typing import Literal

FundingStatus = Literal["cancelled", "committed", "completed", "disbursed", "pledged"]

FUNDING_STATUS_VALUES: set[FundingStatus] = {
    "cancelled",
    "committed",
    "completed",
    "disbursed",
    "pledged",
}


def check_funding_status(value: str) -> FundingStatus:
    if value in FUNDING_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FUNDING_STATUS_VALUES!r}")
