"""A realistic, entirely fictional dataset: who is funded, by whom, for what, over ten years.

Deterministic for a given seed. Names are assembled from syllables and word lists, so no real
person or organisation is described. Skews follow the domain brief: a few large donors, funding
concentrated on established actors, most actors relocated in 2022.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

# Thirty participating donors with rough weights (share of commitments).
DONORS: dict[str, float] = {
    "DE": 14, "SE": 8, "NL": 7, "GB": 7, "US": 7, "NO": 6, "FR": 5, "FI": 4, "DK": 4, "PL": 4,
    "LT": 3, "CZ": 3, "CH": 3, "EE": 2.5, "LV": 2.5, "CA": 2.5, "IE": 2, "AT": 2, "BE": 2,
    "IT": 1.5, "ES": 1.5, "SK": 1, "SI": 1, "LU": 1, "IS": 1, "PT": 1, "RO": 1, "HR": 0.8,
    "BG": 0.6, "MT": 0.4,
}  # fmt: skip
HOST_COUNTRIES: dict[str, float] = {
    "DE": 20, "LT": 10, "LV": 9, "GE": 9, "AM": 6, "PL": 6, "CZ": 5, "FI": 4, "EE": 4, "NL": 4,
    "FR": 4, "GB": 4, "IL": 3, "RS": 3, "ME": 2, "KZ": 2, "TR": 2, "US": 2, "SE": 1, "ES": 1,
}  # fmt: skip
ORIGIN_REGIONS: dict[str, float] = {
    "RU-MOW": 35, "RU-SPE": 18, "RU-TA": 3, "RU-BA": 3, "RU-SVE": 3, "RU-NVS": 3, "RU-KDA": 2,
    "RU-PER": 2, "RU-NIZ": 2, "RU-SAM": 2, "RU-ROS": 2, "RU-KGD": 2, "RU-IRK": 1.5, "RU-TOM": 1.5,
    "RU-SA": 1.5, "RU-BU": 1.5, "RU-DA": 1, "RU-CE": 0.5, "RU-KO": 1, "RU-KR": 1, "RU-TY": 0.5,
    "RU-KL": 0.5, "RU-CU": 1, "RU-UD": 1, "RU-ME": 0.5, "RU-MO": 0.5, "RU-KHA": 1, "RU-PRI": 1,
    "RU-YAR": 1, "RU-VOR": 1,
}  # fmt: skip
KINDS = {"individual": 52, "organisation": 25, "media_outlet": 11, "initiative": 12}
SECTORS = [
    "civil_society", "independent_media", "research", "political", "human_rights", "culture",
    "education",
]  # fmt: skip
ACTIVITIES = [
    "anti_war", "ukraine_support", "repression_support", "future_visions", "public_debate",
    "domestic_outreach",
]  # fmt: skip
INSTRUMENTS = {
    "grant": 58,
    "fellowship": 14,
    "residence_permit": 9,
    "work_permit": 6,
    "in_kind": 13,
}
CURRENCIES: dict[str, tuple[float, Decimal]] = {
    # weight, EUR per unit (fictional but plausible)
    "EUR": (60, Decimal("1")), "USD": (12, Decimal("0.92")), "SEK": (6, Decimal("0.087")),
    "NOK": (5, Decimal("0.085")), "GBP": (6, Decimal("1.17")), "CHF": (3, Decimal("1.05")),
    "PLN": (3, Decimal("0.23")), "CZK": (2, Decimal("0.040")), "DKK": (3, Decimal("0.134")),
}  # fmt: skip
ACTIVITY_KINDS = {"event": 45, "programme": 20, "publication": 25, "broadcast": 10}

_SYLLABLES = ["ka", "ri", "no", "va", "le", "so", "mi", "ta", "ro", "ze", "lu", "dar", "vel", "gor"]
_FIRST = ["Anna", "Ilya", "Maria", "Oleg", "Darya", "Pavel", "Elena", "Timur", "Alina", "Ruslan",
          "Sofia", "Artem", "Aigul", "Kirill", "Zarina", "Lev", "Nadia", "Bair", "Yana", "Denis"]  # fmt: skip
_ORG_WORDS = ["Free", "Open", "Northern", "Volga", "Future", "Civic", "Independent", "New",
              "Baltic", "Siberian", "Common", "Bright", "Clear", "Steppe", "River"]  # fmt: skip
_ORG_NOUNS = {
    "organisation": ["Foundation", "Centre", "Association", "Institute", "Network", "Alliance"],
    "media_outlet": ["Voice", "Radio", "Review", "Dispatch", "Gazette", "Channel", "Observer"],
    "initiative": ["Initiative", "Collective", "Circle", "Lab", "Project", "Workshop"],
}
_TOPICS = ["Rights", "Memory", "Dialogue", "Truth", "Culture", "Democracy", "Solidarity", "Science"]

FIRST_YEAR = 2016  # commitments start from 2016 to 2025: ten years
YEARS = 10


def _pick(rng: random.Random, weights: dict[str, Any]) -> str:
    names = list(weights)
    values = [w[0] if isinstance(w, tuple) else w for w in weights.values()]
    return rng.choices(names, values)[0]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + "ova"


def actor(rng: random.Random, custodian: str) -> dict[str, Any]:
    """The body of ``POST /v1/actors`` for one fictional actor."""
    kind = _pick(rng, KINDS)
    if kind == "individual":
        public_name = f"{rng.choice(_FIRST)[0]}. {_surname(rng)}"
        legal_name = f"{rng.choice(_FIRST)} {_surname(rng)}"
    else:
        noun = rng.choice(_ORG_NOUNS[kind])
        public_name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_TOPICS)} {noun}"
        legal_name = f"{public_name} e.V."
    relocated = (
        _day(rng, date(2022, 2, 24), date(2023, 6, 30))
        if rng.random() < 0.7
        else _day(rng, date(2012, 1, 1), date(2025, 6, 30))
    )
    body: dict[str, Any] = {
        "kind": kind,
        "public_name": public_name,
        "legal_name": legal_name,
        "sectors": rng.sample(SECTORS, rng.choice([1, 1, 2, 2, 3])),
        "activities": rng.sample(ACTIVITIES, rng.choice([1, 2, 2, 3])),
        "host_country": _pick(rng, HOST_COUNTRIES),
        "origin_region": _pick(rng, ORIGIN_REGIONS),
        "relocated_on": relocated.isoformat(),
        "risk_level": "high" if rng.random() < 0.2 else "standard",
    }
    if kind != "individual":
        body["established_on"] = _day(rng, date(1992, 1, 1), date(2024, 12, 31)).isoformat()
    if kind == "media_outlet":
        body["audience"] = {
            "monthly_active_users": int(rng.lognormvariate(10, 1.5)),
            "inside_russia_share": str(Decimal(rng.randint(5, 80)) / 100),
        }
    if kind == "individual" and rng.random() < 0.6:
        body["representation"] = {
            "gender": rng.choices(["female", "male", "non_binary", "undisclosed"], [48, 44, 3, 5])[0],
            "ethnic_origin": rng.choices(["russian", "tatar", "bashkir", "buryat", "sakha", "other"], [70, 8, 4, 4, 3, 11])[0],
            "national_minority": rng.random() < 0.25,
            "vulnerable_groups": rng.sample(["lgbtq", "disability", "religious_minority"], rng.choice([0, 0, 0, 1])),
        }  # fmt: skip
        body["consent"] = {
            "given_on": _day(rng, date(2023, 1, 1), date(2025, 6, 30)).isoformat(),
            "scope": "Self-declared for aggregate reporting on representation.",
        }
    return body


@dataclass(frozen=True)
class Weighted:
    """Actor ids with a skewed popularity: long-established actors attract most of the money."""

    ids: list[str]
    weights: list[float]

    @classmethod
    def zipf(cls, ids: list[str], rng: random.Random, exponent: float = 0.6) -> Weighted:
        shuffled = ids[:]
        rng.shuffle(shuffled)
        return cls(shuffled, [1 / (rank + 1) ** exponent for rank in range(len(shuffled))])

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.ids, self.weights)[0]

    def picks(self, rng: random.Random, k: int) -> list[str]:
        """``k`` draws at once (one cumulative sum instead of one per draw)."""
        return rng.choices(self.ids, self.weights, k=k)


def commitment(rng: random.Random, actor_id: str) -> dict[str, Any]:
    """The body of ``POST /v1/funding/commitments`` (the donor is the caller's state)."""
    instrument = _pick(rng, INSTRUMENTS)
    start = _day(rng, date(FIRST_YEAR, 1, 1), date(FIRST_YEAR + YEARS - 1, 12, 31))
    months = rng.choice([6, 12, 12, 12, 18, 24, 24, 36, 48, 60, 72])
    end = start + timedelta(days=round(months * 30.44) - 1)
    body: dict[str, Any] = {
        "actor_id": actor_id,
        "instrument": instrument,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "purposes": rng.sample(ACTIVITIES, rng.choice([1, 1, 2, 3])),
        "status": "pledged" if rng.random() < 0.12 else "committed",
    }
    if instrument not in {"residence_permit", "work_permit"}:
        currency = _pick(rng, CURRENCIES)
        eur = Decimal(min(rng.lognormvariate(10.3, 1.1), 2_000_000)).quantize(Decimal("100"))
        amount = (eur / CURRENCIES[currency][1]).quantize(Decimal("1"))
        body["amount"] = str(max(amount, Decimal(500)))
        body["currency"] = currency
    return body


def donor(rng: random.Random) -> str:
    return _pick(rng, DONORS)


def portfolio(rng: random.Random, actor_ids: list[str], n: int) -> list[tuple[str, dict[str, Any]]]:
    """``n`` commitments as (donor, :func:`commitment` body), to actors drawn with the Zipf skew of
    :class:`Weighted` (for benchmarks that load a service's tables directly)."""
    chosen = Weighted.zipf(actor_ids, rng).picks(rng, n)
    return [(donor(rng), commitment(rng, actor_id)) for actor_id in chosen]


def settled(rng: random.Random, status: str) -> str:
    """A commitment's status some time after it was made: most stand, some are cancelled or paid."""
    return rng.choices([status, "cancelled", "disbursed"], [88, 5, 7])[0]


def cycle(year: int) -> dict[str, Any]:
    return {
        "name": f"Evaluation cycle {year}",
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
    }


def activity(rng: random.Random, actor_id: str, cycle_id: str, year: int) -> dict[str, Any]:
    total = rng.randint(8, 400)
    women = round(total * min(max(rng.gauss(0.5, 0.12), 0), 1))
    non_russian = round(total * min(max(rng.gauss(0.16, 0.08), 0), 1))
    kind = _pick(rng, ACTIVITY_KINDS)
    return {
        "actor_id": actor_id,
        "cycle_id": cycle_id,
        "kind": kind,
        "title": f"{rng.choice(_ORG_WORDS)} {rng.choice(_TOPICS).lower()} {kind}",
        "date": _day(rng, date(year, 1, 1), date(year, 12, 31)).isoformat(),
        "participants": {"total": total, "women": women, "non_russian_ethnic_origin": non_russian},
    }


def assessment(rng: random.Random, actor_id: str) -> dict[str, Any]:
    base = rng.randint(1, 3)

    def score() -> int:
        return min(4, max(0, base + rng.choice([-1, 0, 0, 0, 1])))

    return {
        "actor_id": actor_id,
        "scores": {
            "standards_and_visions": score(),
            "knowledge_generation": score(),
            "domestic_outreach": score(),
        },
        "rationale": "Assessed against the cycle's published criteria from submitted reports.",
    }


def fx_rates() -> dict[str, Decimal]:
    """Rates to set: every currency but the reporting currency (EUR)."""
    return {code: rate for code, (_, rate) in CURRENCIES.items() if code != "EUR"}
