"""The platform's codes in plain words (docs/domain.md); an unknown code is shown as it is."""

from __future__ import annotations

KINDS = {
    "individual": "Individual",
    "organisation": "Organisation",
    "media_outlet": "Media outlet",
    "initiative": "Initiative",
}
SECTORS = {
    "civil_society": "Civil society",
    "independent_media": "Independent media",
    "research": "Research",
    "political": "Political",
    "human_rights": "Human rights",
    "culture": "Culture",
    "education": "Education",
}
ACTIVITIES = {
    "anti_war": "Anti-war resistance",
    "ukraine_support": "Aid to Ukraine and Ukrainian refugees",
    "repression_support": "Help for the repressed inside Russia",
    "future_visions": "Standards and visions for a future Russia",
    "public_debate": "Knowledge for public debate",
    "domestic_outreach": "Reaching audiences inside Russia",
    "war_crimes_documentation": "Documenting war crimes",
    "historical_memory": "Historical memory",
    "decentralisation": "Decentralisation and the regions",
    "minority_rights": "Rights of national minorities",
    "lgbtq_advocacy": "LGBTQ+ advocacy",
}
RISK_LEVELS = {"standard": "Standard", "high": "High"}
GENDERS = {
    "female": "Female",
    "male": "Male",
    "non_binary": "Non-binary",
    "undisclosed": "Undisclosed",
}
INSTRUMENTS = {
    "grant": "Grant",
    "fellowship": "Fellowship",
    "residence_permit": "Residence permit",
    "work_permit": "Work permit",
    "in_kind": "In kind",
}
STATUSES = {
    "pledged": "Pledged",
    "committed": "Committed",
    "disbursed": "Disbursed",
    "completed": "Completed",
    "cancelled": "Cancelled",
}
HORIZONS = {"short": "Short term (≤ 2 years)", "mid": "Mid term (≤ 5 years)", "long": "Long term"}
PERMIT_TYPES = {"residence": "Residence", "work": "Work"}

# The paper's three criteria, each scored 0–4, in words an evaluator can apply.
CRITERIA = {
    "standards_and_visions": (
        "Standards and visions",
        "How much the actor takes part in formulating standards for, and visions of, a future "
        "Russian Federation: programmes, constitutional and policy drafts, shared principles.",
    ),
    "knowledge_generation": (
        "Knowledge generation",
        "How much knowledge the actor produces that feeds public debate on developments inside "
        "Russia: research, reporting, analysis that others use.",
    ),
    "domestic_outreach": (
        "Domestic outreach",
        "How much the actor's work supports anti-war and anti-regime views inside Russia: "
        "audiences reached there, channels that get through, people who act on it.",
    ),
}
SCORES = {
    0: "0 — none",
    1: "1 — little",
    2: "2 — some",
    3: "3 — substantial",
    4: "4 — outstanding",
}

OVERLAP_STATUSES = {
    "open": "Open: to be settled",
    "resolved": "Resolved",
    "coordinated": "Coordinated (one joint programme)",
}
RESOLUTIONS = {
    "co_funding": "We co-fund this actor on purpose",
    "will_adjust": "We will adjust our commitment",
    "not_an_overlap": "Not really an overlap",
}

LABELS: dict[str, dict[str, str]] = {
    "kind": KINDS,
    "sector": SECTORS,
    "activity": ACTIVITIES,
    "purpose": ACTIVITIES,
    "risk_level": RISK_LEVELS,
    "gender": GENDERS,
    "instrument": INSTRUMENTS,
    "status": STATUSES,
    "horizon": HORIZONS,
    "permit_type": PERMIT_TYPES,
    "overlap_status": OVERLAP_STATUSES,
    "resolution": RESOLUTIONS,
}


def label(vocabulary: str, code: object) -> str:
    if code is None:
        return "—"
    return LABELS.get(vocabulary, {}).get(str(code), str(code))
