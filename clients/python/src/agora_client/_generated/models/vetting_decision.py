from typing import Literal

VettingDecision = Literal["approved", "declined", "pending"]

VETTING_DECISION_VALUES: set[VettingDecision] = {
    "approved",
    "declined",
    "pending",
}


def check_vetting_decision(value: str) -> VettingDecision:
    if value in VETTING_DECISION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VETTING_DECISION_VALUES!r}")
