from typing import Literal

Activity = Literal[
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

ACTIVITY_VALUES: set[Activity] = {
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


def check_activity(value: str) -> Activity:
    if value in ACTIVITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVITY_VALUES!r}")
