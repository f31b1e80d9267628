"""Smoke test of ``python -m bench reports`` on a tiny SQLite dataset (never of its speed)."""

from __future__ import annotations

import json

import pytest

from bench import reports


def test_reports_bench_runs_and_reports_each_figure(capsys: pytest.CaptureFixture[str]) -> None:
    reports.main(
        [
            "--backend",
            "sqlite",
            "--actors",
            "60",
            "--commitments",
            "300",
            "--warm-reads",
            "15",
            "--cold-runs",
            "2",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    figures = {r["what"].split(":")[0]: r for r in result["results"]}
    assert figures["portfolio recomputed in full"]["runs"] == 2
    cold, warm = figures["portfolio cold"], figures["portfolio warm"]
    assert cold["runs"] == 2
    assert cold["max_ms"] >= cold["median_ms"] > 0
    assert warm["runs"] == 15
    assert warm["p99_ms"] >= warm["p50_ms"] > 0
    assert warm["actors"] > 0
    for other in ("representation report", "assessment refusal checks", "cycle progress"):
        assert figures[other]["runs"] > 0
