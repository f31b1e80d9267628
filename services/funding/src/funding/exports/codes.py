"""How Agora's vocabulary maps onto the standards' codes (documented in docs/data-exchange.md).

Every code here is in the vendored IATI codelists (``standards/iati-codelists``); the tests check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

# Commitment status -> IATI ActivityStatus. A pledge is not yet binding (pipeline); a completed
# commitment is closed; a cancelled one, cancelled.
ACTIVITY_STATUS = {
    "pledged": "1",
    "committed": "2",
    "disbursed": "2",
    "completed": "4",
    "cancelled": "5",
}
# Agora purpose -> OECD DAC CRS 5-digit purpose code (IATI sector vocabulary 1).
DAC_SECTOR = {
    "anti_war": "15220",  # Civilian peace-building, conflict prevention and resolution
    "ukraine_support": "15220",
    "repression_support": "15160",  # Human rights
    "future_visions": "15150",  # Democratic participation and civil society
    "public_debate": "15150",
    "domestic_outreach": "15153",  # Media and free flow of information
    "war_crimes_documentation": "15160",
    "historical_memory": "15160",
    "decentralisation": "15112",  # Decentralisation and support to subnational government
    "minority_rights": "15160",
    "lgbtq_advocacy": "15160",
}
SECTOR_VOCABULARY_DAC = "1"
SECTOR_VOCABULARY_REPORTING_ORG = "99"  # Agora's own purpose codes, listed beside DAC's
ACTIVITY_DATE_PLANNED_START = "1"
ACTIVITY_DATE_PLANNED_END = "3"
TRANSACTION_OUTGOING_COMMITMENT = "2"
TRANSACTION_DISBURSEMENT = "3"
ROLE_FUNDING = "1"
ROLE_IMPLEMENTING = "4"
ORG_TYPE_GOVERNMENT = "10"
ORG_TYPE_FOUNDATION = "60"

# Instruments the exports cover. Permits are granted, not paid: no resource flow to report.
IATI_INSTRUMENTS = ("grant", "fellowship", "in_kind")
THREESIXTY_INSTRUMENTS = ("grant", "fellowship")
# 360Giving publishes awarded grants: not pledges (not yet awarded) nor cancelled ones.
THREESIXTY_STATUSES = ("committed", "disbursed", "completed")

INSTRUMENT_TITLE = {"grant": "Grant", "fellowship": "Fellowship", "in_kind": "In-kind support"}
# The only words the exports use for a recipient: its kind, never its name (see the docs).
RECIPIENT_LABEL = {
    "individual": "Individual recipient",
    "organisation": "Organisation",
    "media_outlet": "Media outlet",
    "initiative": "Initiative",
}
UNKNOWN_RECIPIENT = "Recipient"


def organisation_type(donor: str) -> str:
    """A state (ISO 3166-1 alpha-2) is a government; a longer donor code is a foundation."""
    return ORG_TYPE_GOVERNMENT if len(donor) == 2 else ORG_TYPE_FOUNDATION


def purpose_label(purpose: str) -> str:
    return purpose.replace("_", " ")


def percentages(codes: Sequence[str]) -> list[tuple[str, Decimal]]:
    """Each distinct code with its share of ``codes`` in percent (two decimals, summing to
    exactly 100 as IATI requires per vocabulary), in first-seen order."""
    counts = Counter(codes)
    total = len(codes)
    shares: list[tuple[str, Decimal]] = []
    for code, count in counts.items():
        shares.append((code, (Decimal(100 * count) / total).quantize(Decimal("0.01"))))
    if shares:
        last, share = shares[-1]
        shares[-1] = (last, share + Decimal(100) - sum(s for _, s in shares))
    return shares
