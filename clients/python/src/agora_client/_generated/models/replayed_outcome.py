from typing import Literal

ReplayedOutcome = Literal["already_applied", "applied"]

REPLAYED_OUTCOME_VALUES: set[ReplayedOutcome] = {
    "already_applied",
    "applied",
}


def check_replayed_outcome(value: str) -> ReplayedOutcome:
    if value in REPLAYED_OUTCOME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPLAYED_OUTCOME_VALUES!r}")
