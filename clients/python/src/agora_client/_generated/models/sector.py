from typing import Literal

Sector = Literal[
    "civil_society",
    "culture",
    "education",
    "human_rights",
    "independent_media",
    "political",
    "research",
]

SECTOR_VALUES: set[Sector] = {
    "civil_society",
    "culture",
    "education",
    "human_rights",
    "independent_media",
    "political",
    "research",
}


def check_sector(value: str) -> Sector:
    if value in SECTOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SECTOR_VALUES!r}")
