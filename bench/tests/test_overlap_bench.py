"""Smoke test of ``python -m bench overlap`` on a tiny SQLite dataset (never of its speed)."""

from __future__ import annotations

import json

import pytest

from bench import overlap


def test_overlap_bench_runs_and_reports_each_figure(capsys: pytest.CaptureFixture[str]) -> None:
    overlap.main(
        [
            "--backend",
            "sqlite",
            "--commitments",
            "300",
            "--actors",
            "60",
            "--probes",
            "5",
            "--report-runs",
            "2",
            "--posts",
            "5",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert result["commitments"] == 300
    assert result["commitment_post_ms"]["runs"] == 5
    reports = result["concentration_ms"]
    today, past = reports["today_computed"], reports["2025-06-30_computed"]
    assert today["runs"] == past["runs"] == 2
    assert past["commitments"] > 0  # the dataset's periods cover mid-2025
    # A kept report is the one computed: nothing changed in between.
    for day in ("today", "2025-06-30"):
        kept, computed = reports[f"{day}_kept"], reports[f"{day}_computed"]
        assert kept["runs"] == 2
        assert {k: kept[k] for k in ("commitments", "total_committed_eur", "hhi")} == {
            k: computed[k] for k in ("commitments", "total_committed_eur", "hhi")
        }
    # The commitments made in between can only add to today's report (none is cancelled).
    after = result["concentration_ms_after_posts"]["today_kept"]
    assert after["commitments"] >= today["commitments"]
