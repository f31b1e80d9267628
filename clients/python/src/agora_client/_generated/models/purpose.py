from typing import Literal

Purpose = Literal[
    "anti_war",
    "decentralisation",
    "domestic_outreach",
    "future_visions",
    "historical_memory",
    "lgbtq_advocacy",
    "minority_rights",
    "public_debate",
    "repression_support",
    "ukraine_support",
    "war_crimes_documentation",
]

PURPOSE_VALUES: set[Purpose] = {
    "anti_war",
    "decentralisation",
    "domestic_outreach",
    "future_visions",
    "historical_memory",
    "lgbtq_advocacy",
    "minority_rights",
    "public_debate",
    "repression_support",
    "ukraine_support",
    "war_crimes_documentation",
}


def check_purpose(value: str) -> Purpose:
    if value in PURPOSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PURPOSE_VALUES!r}")
