"""The registry's pure rules: merge patch, cross-field checks, small-cell suppression."""

from datetime import date

import pytest
from actors.permits.service import period_errors
from actors.registry import rules
from actors.registry.schemas import ActorDocument
from actors.statistics import rules as statistics

BASE = {
    "kind": "organisation",
    "public_name": "X",
    "sectors": ["research"],
    "host_country": "DE",
}


@pytest.mark.parametrize(
    ("target", "patch", "expected"),
    [
        # The examples of RFC 7396, appendix A.
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
        ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
        (["a", "b"], ["c", "d"], ["c", "d"]),
        ({"a": "b"}, ["c"], ["c"]),
        ({"a": "foo"}, None, None),
        ({"a": "foo"}, "bar", "bar"),
        ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ],
)
def test_merge_patch_follows_rfc_7396(target: object, patch: object, expected: object) -> None:
    assert rules.merge_patch(target, patch) == expected


def test_merge_patch_leaves_its_inputs_alone() -> None:
    target = {"a": {"b": 1}}
    rules.merge_patch(target, {"a": {"b": None}})
    assert target == {"a": {"b": 1}}


def test_representation_needs_consent() -> None:
    without = ActorDocument.model_validate({**BASE, "representation": {"gender": "male"}})
    assert [e["loc"] for e in rules.document_errors(without)] == [["body", "representation"]]
    with_consent = ActorDocument.model_validate(
        {
            **BASE,
            "representation": {"gender": "male"},
            "consent": {"given_on": "2024-01-01", "scope": "statistics"},
        }
    )
    assert rules.document_errors(with_consent) == []


def test_a_permit_ends_after_it_starts() -> None:
    assert period_errors(date(2025, 1, 1), date(2025, 1, 2)) == []
    assert period_errors(date(2025, 1, 1), date(2025, 1, 1))
    assert period_errors(date(2025, 1, 2), date(2025, 1, 1))


def test_small_totals_are_suppressed() -> None:
    assert statistics.suppress_total(4) is None
    assert statistics.suppress_total(5) == 5
    assert statistics.suppress_partition({"a": 4}, None, keys=["a", "b"]) == {"a": None, "b": None}


def test_small_cells_are_null_and_zero_is_small() -> None:
    cells = statistics.suppress_partition(
        {"a": 10, "b": 10, "c": 4}, 24 + 5, keys=["a", "b", "c", "d"]
    )
    # c (4) and d (0) are small; they and the 5 actors without a value leave 9 unaccounted.
    assert cells == {"a": 10, "b": 10, "c": None, "d": None}


def test_a_lone_small_cell_cannot_be_recovered_from_the_total() -> None:
    # 6 + 6 + 2: the 2 would be total minus the others, so the next smallest cell goes too.
    cells = statistics.suppress_partition(
        {"media_outlet": 6, "organisation": 6, "individual": 2},
        14,
        keys=["individual", "media_outlet", "organisation"],
    )
    assert cells == {"individual": None, "media_outlet": None, "organisation": 6}
    hidden = 14 - sum(v for v in cells.values() if v is not None)
    assert hidden >= statistics.MINIMUM_CELL


def test_everything_in_one_cell_is_published_unless_strict() -> None:
    assert statistics.suppress_partition({"a": 7}, 7, keys=["a", "b"]) == {"a": 7, "b": None}
    assert statistics.suppress_partition({"a": 7}, 7, keys=["a", "b"], strict=True) == {
        "a": None,
        "b": None,
    }


def test_overlapping_cells_hide_small_complements() -> None:
    # 98 of 100 in civil society would say that exactly 2 are not.
    cells = statistics.suppress_overlapping(
        {"civil_society": 98, "research": 50, "culture": 3},
        100,
        keys=["civil_society", "research", "culture"],
    )
    assert cells == {"civil_society": None, "research": 50, "culture": None}
    assert statistics.suppress_overlapping({"civil_society": 100}, 100, keys=["civil_society"]) == {
        "civil_society": 100
    }


@pytest.mark.parametrize(
    ("count", "population", "expected"),
    [
        (5, 10, 0.5),
        (4, 10, None),  # fewer than 5 people
        (6, 10, None),  # the other 4 would be revealed
        (10, 10, None),  # "all of them" tells each one's attribute
        (0, 10, None),
        (5, None, None),
        # From the counts themselves (they carry noise already), to 2 decimals.
        (7, 21, 0.33),
        (8, 13, 0.62),
    ],
)
def test_shares(count: int, population: int | None, expected: float | None) -> None:
    assert statistics.share(count, population) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(None, None), (0, 0), (2, 0), (3, 5), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15)],
)
def test_counts_are_rounded_to_multiples_of_5(count: int | None, expected: int | None) -> None:
    assert statistics.rounded(count) == expected


def test_patch_nesting_depth_is_counted_without_recursion() -> None:
    assert rules.nesting_depth(1, limit=8) == 0
    assert rules.nesting_depth({"a": [1, {"b": {}}]}, limit=8) == 4
    deep: dict = {}
    for _ in range(100_000):  # far beyond Python's recursion limit
        deep = {"x": deep}
    assert rules.nesting_depth(deep, limit=8) == 9
