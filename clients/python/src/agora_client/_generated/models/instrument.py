from typing import Literal

Instrument = Literal["fellowship", "grant", "in_kind", "residence_permit", "work_permit"]

INSTRUMENT_VALUES: set[Instrument] = {
    "fellowship",
    "grant",
    "in_kind",
    "residence_permit",
    "work_permit",
}


def check_instrument(value: str) -> Instrument:
    if value in INSTRUMENT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INSTRUMENT_VALUES!r}")
