"""Money parsing: bounded, exact, never rounded."""

import pytest
from funding.money import MAX_AMOUNT_MINOR, MoneyError, format_amount, to_minor


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("99999999999.9999", "CLF", MAX_AMOUNT_MINOR - 1),
        ("9999999999999.99", "EUR", MAX_AMOUNT_MINOR - 1),
        ("999999999999999", "JPY", MAX_AMOUNT_MINOR - 1),
        ("1.000000000000000000000000000000000000", "EUR", 100),
        ("0.001", "KWD", 1),
    ],
)
def test_accepted_exactly(amount: str, currency: str, minor: int) -> None:
    assert to_minor(amount, currency) == minor


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("999999999999999.9999", "CLF"),
        ("100000000000", "CLF"),
        ("10000000000000", "EUR"),
        ("1000000000000000", "JPY"),
        ("1.00000000000000000000000000000001", "EUR"),
        ("0.00000000000000000000000000000000000001", "UYW"),
        ("1" * 41, "JPY"),
    ],
)
def test_refused_never_rounded(amount: str, currency: str) -> None:
    with pytest.raises(MoneyError):
        to_minor(amount, currency)


def test_format_keeps_every_digit() -> None:
    assert format_amount(MAX_AMOUNT_MINOR - 1, 4) == "99999999999.9999"
    assert format_amount(10**40 + 1, 2) == "100000000000000000000000000000000000000.01"
