"""The statistics' differential privacy: the noise OpenDP calibrates, the sensitivity it is
calibrated for, and the release policy that bounds how much privacy the releases spend."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from actors.registry.schemas import Gender
from actors.statistics import privacy
from actors.statistics.privacy import Release, ReleasePolicy
from actors.statistics.schemas import RepresentationShares

T0 = datetime(2026, 1, 1, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize("epsilon", [0.25, 0.5, 1.0, 2.0])
def test_opendp_calibrates_the_noise_to_epsilon_per_release(epsilon: float) -> None:
    policy = ReleasePolicy(epsilon=epsilon, budget=4 * epsilon)
    assert policy.scale == pytest.approx(privacy.SENSITIVITY / epsilon, rel=1e-6)
    # OpenDP's own privacy map: one actor (a change of SENSITIVITY in L1) costs at most ε.
    loss = privacy.laplace(policy.scale).map(privacy.SENSITIVITY)
    assert loss <= epsilon
    assert loss == pytest.approx(epsilon, rel=1e-6)


def test_the_noise_is_integer_and_fresh_per_draw() -> None:
    noise = ReleasePolicy().noise()
    draws = [noise([100] * len(privacy.NOISED_COUNTS)) for _ in range(50)]
    assert all(isinstance(n, int) for draw in draws for n in draw)
    assert len({tuple(d) for d in draws}) > 1
    spread = [n - 100 for draw in draws for n in draw]
    # Laplace with scale 5: a standard deviation of about 7; not a test of the sampler, only
    # that the noise is of the size calibrated (and not, say, of scale 0 or 500).
    assert 2 < math.sqrt(sum(x * x for x in spread) / len(spread)) < 20


def _records() -> list[dict[str, Any]]:
    """Every kind of personal record, as far as the statistics count it."""
    records: list[dict[str, Any]] = [{}]
    genders = [None, *(g.value for g in Gender)]
    for consent, gender, origin, minority, groups in itertools.product(
        [None, {"given_on": "2024-01-01", "scope": "s"}],
        genders,
        [None, "Russian", "Tatar"],
        [None, False, True],
        [[], ["x"]],
    ):
        representation = {
            "gender": gender,
            "ethnic_origin": origin,
            "national_minority": minority,
            "vulnerable_groups": groups,
        }
        records.append({"representation": representation, "consent": consent})
    return records


def test_one_actor_moves_the_noised_counts_by_at_most_the_sensitivity() -> None:
    """Added, removed (against the empty record) or changed into any other: L1 ≤ 5, and 5 is
    reached, so the noise is calibrated neither too low nor needlessly high."""
    vectors = [privacy.contribution(r) for r in _records()]
    distances = [
        sum(abs(a[k] - b[k]) for k in privacy.NOISED_COUNTS)
        for a, b in itertools.combinations(vectors, 2)
    ]
    assert max(distances) == privacy.SENSITIVITY


def test_the_noised_counts_are_the_published_representation() -> None:
    assert set(privacy.GENDERS) == {g.value for g in Gender}
    assert set(RepresentationShares.model_fields) == {"consented", *privacy.GENDERS, *privacy.FLAGS}


def test_a_release_is_due_after_enough_changes_time_and_within_the_budget() -> None:
    policy = ReleasePolicy()  # ε 1 per release, 4 per 30 days, 7 days apart, 5 changes
    due = privacy.release_due
    assert due(policy, ledger=[], published=False, changes_since=0, now=T0)
    ledger = [Release(T0, 1.0)]
    assert not due(policy, ledger=ledger, published=True, changes_since=4, now=T0 + 8 * DAY)
    assert not due(policy, ledger=ledger, published=True, changes_since=500, now=T0 + 6 * DAY)
    assert due(policy, ledger=ledger, published=True, changes_since=5, now=T0 + 7 * DAY)


def test_the_budget_is_spent_then_renewed_as_the_period_passes() -> None:
    policy = ReleasePolicy()
    ledger: list[Release] = []
    for week in range(4):
        now = T0 + week * 7 * DAY
        assert privacy.affordable(policy, ledger, now=now)
        ledger = privacy.recorded(policy, ledger, now=now)
    assert privacy.spent(ledger, now=T0 + 28 * DAY, period=policy.period) == 4.0
    # Week 4: time and changes would allow it, the budget does not.
    assert not privacy.release_due(
        policy, ledger=ledger, published=True, changes_since=1000, now=T0 + 28 * DAY
    )
    # 30 days after the first release it leaves the period: one release fits again.
    assert privacy.release_due(
        policy, ledger=ledger, published=True, changes_since=5, now=T0 + 30 * DAY
    )
    later = privacy.recorded(policy, ledger, now=T0 + 30 * DAY)
    assert [r.at for r in later] == [T0 + d * DAY for d in (7, 14, 21, 30)]


@pytest.mark.parametrize(
    "arguments",
    [
        {"epsilon": 0.0},
        {"epsilon": -1.0},
        {"epsilon": math.inf},
        {"epsilon": 2.0, "budget": 1.0},
        {"min_interval": timedelta(days=40)},
    ],
)
def test_a_policy_that_promises_nothing_is_refused(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"epsilon|budget|interval"):
        ReleasePolicy(**arguments)
