"""Horizon, overlap and money rules against hand-computed expectations."""

from datetime import date

import pytest
from funding.commitments.rules import (
    Horizon,
    Period,
    Status,
    add_years,
    can_move,
    horizon,
    overlaps,
)
from funding.money import MoneyError, format_amount, minor_units, to_minor
from funding.reports.exact import sqlite_eur_cents
from funding.reports.service import share


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-01-01", "2026-01-01", Horizon.short),  # one day
        ("2026-01-01", "2027-12-31", Horizon.short),  # exactly two years
        ("2026-01-01", "2028-01-01", Horizon.mid),  # two years and a day
        ("2026-03-15", "2031-03-14", Horizon.mid),  # exactly five years
        ("2026-03-15", "2031-03-15", Horizon.long),  # five years and a day
        ("2024-02-29", "2026-02-27", Horizon.short),  # leap day: two years end 2026-02-27
        ("2024-02-29", "2026-02-28", Horizon.mid),
        ("2026-01-01", "2040-12-31", Horizon.long),
        ("9998-06-01", "9999-12-31", Horizon.short),  # the calendar ends before two years
        ("0001-01-01", "9999-12-31", Horizon.long),
    ],
)
def test_horizon(start: str, end: str, expected: Horizon) -> None:
    assert horizon(date.fromisoformat(start), date.fromisoformat(end)) is expected


def test_add_years_keeps_the_day_or_falls_back_to_28_february() -> None:
    assert add_years(date(2026, 5, 31), 2) == date(2028, 5, 31)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


P2026 = Period(date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("other_donor", "other_purposes", "other_period", "status", "shared"),
    [
        ("FR", {"anti_war", "culture"}, P2026, Status.committed, {"anti_war"}),
        (
            "FR",
            {"anti_war"},
            Period(date(2026, 12, 31), date(2027, 6, 1)),
            Status.pledged,
            {"anti_war"},
        ),
        ("FR", {"anti_war"}, Period(date(2027, 1, 1), date(2027, 6, 1)), Status.committed, set()),
        ("FR", {"anti_war"}, Period(date(2025, 1, 1), date(2025, 12, 31)), Status.committed, set()),
        ("FR", {"public_debate"}, P2026, Status.committed, set()),
        ("FR", {"anti_war"}, P2026, Status.cancelled, set()),
        ("FR", {"anti_war"}, P2026, Status.completed, {"anti_war"}),
        ("DE", {"anti_war"}, P2026, Status.committed, set()),  # the same donor never overlaps
    ],
)
def test_overlap(
    other_donor: str,
    other_purposes: set[str],
    other_period: Period,
    status: Status,
    shared: set[str],
) -> None:
    found = overlaps(
        donor="DE",
        purposes={"anti_war", "ukraine_support"},
        period=P2026,
        other_donor=other_donor,
        other_purposes=other_purposes,
        other_period=other_period,
        other_status=status,
    )
    assert found == shared


def test_lifecycle_transitions() -> None:
    assert can_move(Status.pledged, Status.committed)
    assert can_move(Status.committed, Status.disbursed)
    assert can_move(Status.disbursed, Status.completed)
    assert not can_move(Status.disbursed, Status.cancelled)
    assert not can_move(Status.cancelled, Status.committed)
    assert not can_move(Status.completed, Status.cancelled)


def test_minor_units_come_from_iso_4217() -> None:
    assert (minor_units("EUR"), minor_units("JPY"), minor_units("KWD"), minor_units("CLF")) == (
        2,
        0,
        3,
        4,
    )
    with pytest.raises(MoneyError):
        minor_units("XAU")  # gold has no minor unit
    with pytest.raises(MoneyError):
        minor_units("EUX")


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("1250.5", "EUR", 125050),
        ("1250.500", "EUR", 125050),  # trailing zeros lose nothing
        ("0.001", "KWD", 1),
        ("1500", "JPY", 1500),
        ("9999999999999.99", "EUR", 999999999999999),  # the largest: 10^15 - 1 minor units
    ],
)
def test_amounts_to_minor_units(amount: str, currency: str, minor: int) -> None:
    assert to_minor(amount, currency) == minor


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("10.005", "EUR"),
        ("0.1000000000000000055511151231257827", "EUR"),  # the float 0.1, written out
        ("1.5", "JPY"),
        ("1000000000000000", "EUR"),
        ("999999999999999.99", "EUR"),  # 10^17 - 1 minor units: past the bound
        ("0", "EUR"),
        ("-1", "EUR"),
        ("1e3", "EUR"),
        ("NaN", "EUR"),
        (".5", "EUR"),
    ],
)
def test_amounts_refused_never_rounded(amount: str, currency: str) -> None:
    with pytest.raises(MoneyError):
        to_minor(amount, currency)


def test_formatting_keeps_the_currency_decimals() -> None:
    assert format_amount(125050, 2) == "1250.50"
    assert format_amount(1500, 0) == "1500"
    assert format_amount(1, 3) == "0.001"


def test_eur_conversion_is_exact_and_rounds_half_up() -> None:
    # 100 JPY at 0.0061 = 0.61 EUR = 61 cents; 0.005 KWD at 2.985 = 0.014925 EUR → 1 cent.
    assert sqlite_eur_cents(100, 0, "0.0061") == 61
    assert sqlite_eur_cents(5, 3, "2.985") == 1
    # 12.345 → 12.35 (half up), where binary floats would give 12.34.
    assert sqlite_eur_cents(1234500, 2, "0.00001") == 12
    assert sqlite_eur_cents(1, 2, "12.345") == 12
    assert sqlite_eur_cents(10, 2, "1.2345") == 12
    assert sqlite_eur_cents(100, 2, "0.125") == 13
    assert sqlite_eur_cents(None, None, None) is None


def test_shares_round_to_four_decimals() -> None:
    assert share(10_000, 90_000) == 0.1111
    assert share(2, 3) == 0.6667
    assert share(5, 0) == 0.0


def test_the_long_term_themes_are_purposes() -> None:
    from funding.commitments.rules import Purpose

    themes = {
        "war_crimes_documentation",
        "historical_memory",
        "decentralisation",
        "minority_rights",
        "lgbtq_advocacy",
    }
    assert themes <= {p.value for p in Purpose}
    assert max(len(p.value) for p in Purpose) <= 24  # commitment_purposes.purpose is String(24)
