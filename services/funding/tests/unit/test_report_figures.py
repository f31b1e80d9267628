"""The concentration report's arithmetic against direct per-commitment conversion."""

from decimal import ROUND_HALF_UP, Decimal

from funding.reports.concentration import thin_cutoffs, to_eur_cents
from hypothesis import given
from hypothesis import strategies as st

# Rates as operators may set them: up to 12 digits before and 12 after the point.
RATES = st.decimals(
    min_value=Decimal("0.000000000001"), max_value=Decimal("999999999999"), places=12
).filter(lambda r: r > 0)
CURRENCIES = st.sampled_from(["USD", "JPY", "KWD", "CLF"])  # 2, 0, 3 and 4 decimals


def direct_cents(amount_minor: int, exponent: int, rate: Decimal) -> int:
    value = Decimal(amount_minor) * rate * Decimal(10) ** (2 - exponent)
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


EXPONENTS = {"USD": 2, "JPY": 0, "KWD": 3, "CLF": 4}


@given(st.integers(0, 10**15), CURRENCIES, RATES)
def test_conversion_is_exact_and_rounds_half_up(amount: int, currency: str, rate: Decimal) -> None:
    assert to_eur_cents(amount, currency, rate) == direct_cents(amount, EXPONENTS[currency], rate)


@given(st.integers(0, 10**15), CURRENCIES, RATES, st.integers(0, 10**10))
def test_thin_cutoff_splits_amounts_exactly(
    amount: int, currency: str, rate: Decimal, threshold: int
) -> None:
    cutoff = thin_cutoffs({currency: rate}, threshold)[currency]
    assert (amount < cutoff) == (to_eur_cents(amount, currency, rate) < threshold)
    # and right at the cut-off, on both sides
    if cutoff > 0:
        assert to_eur_cents(cutoff - 1, currency, rate) < threshold
    assert to_eur_cents(cutoff, currency, rate) >= threshold


def test_eur_cut_off_is_the_threshold() -> None:
    assert thin_cutoffs({}, 500_000) == {"EUR": 500_000}
