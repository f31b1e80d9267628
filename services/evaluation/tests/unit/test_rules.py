"""The evaluation rules on their own: refusals, scorecard arithmetic, representation targets."""

import pytest
from evaluation import rules
from evaluation.rules import ParticipantTotals, Refusal, plan_assignments

ALLOWED = {
    "cycle_open": True,
    "already_assessed": False,
    "conflict_declared": False,
    "affiliated_state_funds_actor": False,
}


def test_an_eligible_evaluator_is_not_refused() -> None:
    assert rules.refusal(**ALLOWED) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"cycle_open": False}, Refusal.cycle_closed),
        ({"already_assessed": True}, Refusal.already_assessed),
        ({"conflict_declared": True}, Refusal.declared_conflict),
        ({"affiliated_state_funds_actor": True}, Refusal.state_funds_actor),
    ],
)
def test_each_refusal_rule_alone(change: dict[str, bool], reason: Refusal) -> None:
    assert rules.refusal(**{**ALLOWED, **change}) is reason


def test_a_closed_cycle_is_named_before_any_other_reason() -> None:
    everything = {
        "cycle_open": False,
        "already_assessed": True,
        "conflict_declared": True,
        "affiliated_state_funds_actor": True,
    }
    assert rules.refusal(**everything) is Refusal.cycle_closed


def test_every_refusal_has_a_detail() -> None:
    assert set(rules.REFUSAL_DETAILS) == set(Refusal)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([3], 3.0), ([1, 4], 2.5), ([4, 0, 2], 2.0), ([0, 1, 3, 4], 2.0), ([2, 2, 3, 3], 2.5)],
)
def test_median(values: list[int], expected: float) -> None:
    assert rules.median(values) == expected


def test_median_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="nothing"):
        rules.median([])


def _scores(s: int, k: int, d: int) -> dict[str, int]:
    return {"standards_and_visions": s, "knowledge_generation": k, "domestic_outreach": d}


def test_scorecard_per_criterion_median_min_max() -> None:
    card = rules.scorecard([_scores(1, 4, 2), _scores(3, 4, 2), _scores(2, 3, 2)])
    assert card.assessments == 3
    assert card.complete is True
    sv = card.criteria["standards_and_visions"]
    assert sv is not None
    assert (sv.median, sv.min, sv.max) == (2.0, 1, 3)
    kg = card.criteria["knowledge_generation"]
    assert kg is not None
    assert (kg.median, kg.min, kg.max) == (4.0, 3, 4)
    assert card.disagreement is True  # standards_and_visions spreads 1..3


def test_a_spread_of_one_is_no_disagreement() -> None:
    card = rules.scorecard([_scores(2, 3, 0), _scores(3, 4, 1)])
    assert card.disagreement is False
    assert card.complete is True


def test_one_assessment_is_incomplete_and_cannot_disagree() -> None:
    card = rules.scorecard([_scores(0, 4, 0)])
    assert (card.complete, card.disagreement, card.assessments) == (False, False, 1)


def test_no_assessments_means_no_figures() -> None:
    card = rules.scorecard([])
    assert card.assessments == 0
    assert all(summary is None for summary in card.criteria.values())
    assert (card.complete, card.disagreement) == (False, False)


def test_disagreement_on_the_last_criterion_alone() -> None:
    assert rules.scorecard([_scores(2, 2, 0), _scores(2, 2, 2)]).disagreement is True


@pytest.mark.parametrize(
    ("women", "total", "within"),
    [(45, 100, True), (44, 100, False), (55, 100, True), (56, 100, False), (9, 20, True)],
)
def test_women_share_is_met_within_45_to_55_percent(women: int, total: int, within: bool) -> None:
    assert rules.women_within_band(women, total) is within


def test_non_russian_minimum_and_aim() -> None:
    r = rules.representation(ParticipantTotals(1, 100, 50, 15))
    assert (r.non_russian_minimum_met, r.non_russian_aim_met, r.meets_targets) == (
        True,
        False,
        True,
    )
    r = rules.representation(ParticipantTotals(1, 100, 50, 14))
    assert (r.non_russian_minimum_met, r.meets_targets) == (False, False)
    r = rules.representation(ParticipantTotals(1, 100, 50, 20))
    assert r.non_russian_aim_met is True


def test_targets_need_both_women_and_non_russian_shares() -> None:
    r = rules.representation(ParticipantTotals(2, 40, 10, 20))
    assert (r.women_share, r.non_russian_share) == (0.25, 0.5)
    assert (r.women_within_band, r.non_russian_minimum_met, r.meets_targets) == (
        False,
        True,
        False,
    )


def test_fewer_than_five_participants_are_suppressed() -> None:
    small = rules.representation(ParticipantTotals(1, 4, 2, 1, 300))
    assert small.participants is None
    assert small.women_share is None
    assert small.non_russian_share is None
    assert small.meets_targets is None
    assert small.audience_inside_russia == 300  # an audience size identifies nobody
    shown = rules.representation(ParticipantTotals(1, 5, 2, 1))
    assert (shown.participants, shown.women_share, shown.non_russian_share) == (5, 0.4, 0.2)


def test_participant_totals_add_up() -> None:
    total = ParticipantTotals(1, 10, 5, 2, 7) + ParticipantTotals(2, 3, 1, 1, 0)
    assert total == ParticipantTotals(3, 13, 6, 3, 7)


def test_assignment_keeps_what_exists_and_counts_it_in_the_loads() -> None:
    eligible = {"a1": {"e1", "e2", "e3"}, "a2": {"e1", "e2", "e3"}}
    plan = plan_assignments(
        eligible=eligible, assigned={"a1": {"e1", "e2"}}, previous={}, evaluators={"e1", "e2", "e3"}
    )
    assert sorted(plan.added) == [
        ("a2", "e1"),
        ("a2", "e3"),
    ]
    assert plan.short == []
    again = plan_assignments(
        eligible=eligible,
        assigned={"a1": {"e1", "e2"}, "a2": {a for _, a in plan.added}},
        previous={},
        evaluators={"e1", "e2", "e3"},
    )
    assert again.added == []


def test_assignment_repeats_last_cycles_evaluator_only_when_no_other_is_eligible() -> None:
    plan = plan_assignments(
        eligible={"a1": {"e1", "e2", "e3"}, "a2": {"e1", "e2"}, "a3": {"e9"}},
        assigned={},
        previous={"a1": {"e1", "e2"}, "a2": {"e1", "e2"}},
        evaluators={"e1", "e2", "e3", "e9"},
    )
    chosen: dict[str, set[str]] = {}
    for actor, evaluator in plan.added:
        chosen.setdefault(actor, set()).add(evaluator)
    assert "e3" in chosen["a1"]
    assert len(chosen["a1"] & {"e1", "e2"}) == 1  # one fresh evaluator exists: one repeat
    assert chosen["a2"] == {"e1", "e2"}  # nobody else is eligible
    assert chosen["a3"] == {"e9"}
    assert plan.short == ["a3"]
