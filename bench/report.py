"""Ratios, targets and the printed table of one run."""

from __future__ import annotations

import math
from typing import Any


def _get(document: dict[str, Any], *path: str) -> Any:
    node: Any = document
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


# Seeding rates of the full SQLite run before issue 13 (docs/benchmarks.md): the reference of the
# "≥ 4×" target, per stage of the dataset.
SEEDING_BEFORE = {"actors": 89.9, "commitments": 124.6}

READS = {
    "read": "custodian reads (personal data, audited)",
    "read_public": "another state's reads (public fields, not audited)",
}


def ratios(document: dict[str, Any]) -> dict[str, Any]:
    """Gateway against bare and direct, for each kind of read measured."""
    return {key: _read_ratios(document, key) for key in READS if key in document}


def _read_ratios(document: dict[str, Any], key: str) -> dict[str, Any]:
    rps = {n: _get(document, key, "throughput", n, "rps") for n in ("bare", "direct", "gateway")}
    p99 = {n: _get(document, key, "latency", n, "p99_ms") for n in ("bare", "direct", "gateway")}
    p50 = {n: _get(document, key, "latency", n, "p50_ms") for n in ("bare", "direct", "gateway")}
    cpu = {
        n: _get(document, key, "throughput", n, "cpu_ms_per_request") or {}
        for n in ("bare", "direct", "gateway")
    }
    bare_cpu = cpu["bare"].get("bare")
    return {
        # CPU per request of one process against the bare app's: what the machine's load does
        # not distort (the "gateway ÷ bare" and "actors service ÷ bare").
        "cpu_gateway_over_bare": _ratio(cpu["gateway"].get("gateway"), bare_cpu),
        "cpu_actors_over_bare": _ratio(cpu["direct"].get("actors"), bare_cpu),
        "throughput_gateway_over_bare": _ratio(rps["gateway"], rps["bare"]),
        "throughput_gateway_over_direct": _ratio(rps["gateway"], rps["direct"]),
        "throughput_direct_over_bare": _ratio(rps["direct"], rps["bare"]),
        "p99_gateway_over_direct": _ratio(p99["gateway"], p99["direct"]),
        "p99_gateway_minus_direct_ms": (
            round(p99["gateway"] - p99["direct"], 2)
            if None not in (p99["gateway"], p99["direct"])
            else None
        ),
        "p50_gateway_minus_direct_ms": (
            round(p50["gateway"] - p50["direct"], 2)
            if None not in (p50["gateway"], p50["direct"])
            else None
        ),
    }


def growth(document: dict[str, Any], report: str) -> dict[str, Any] | None:
    """How a report's (or, for ``commitment_post``, the POST's) median time grows with the
    commitments: t ∝ n^exponent."""
    path = ("commitment_post",) if report == "commitment_post" else ("reports", report)
    points = [
        (cp["commitments"], _get(cp, *path, "p50_ms")) for cp in document.get("checkpoints", [])
    ]
    points = [(n, t) for n, t in points if n and t]
    if len(points) < 2:
        return None
    (n0, t0), (n1, t1) = points[0], points[-1]
    exponent = math.log(t1 / t0) / math.log(n1 / n0) if n1 != n0 else None
    return {
        "from": {"commitments": n0, "p50_ms": t0},
        "to": {"commitments": n1, "p50_ms": t1},
        "time_ratio": round(t1 / t0, 2),
        "data_ratio": round(n1 / n0, 2),
        "exponent": round(exponent, 2) if exponent is not None else None,
    }


def targets(document: dict[str, Any]) -> list[dict[str, Any]]:
    all_ratios = document.get("ratios") or ratios(document)
    last = (document.get("checkpoints") or [{}])[-1]
    at = last.get("commitments")
    rows: list[dict[str, Any]] = []

    def row(name: str, target: str, measured: Any, met: bool | None, unit: str = "") -> None:
        rows.append(
            {
                "name": name,
                "target": target,
                "measured": None if measured is None else f"{measured}{unit}",
                "met": met,
            }
        )

    for key, r in all_ratios.items():
        kind = "custodian" if key == "read" else "public"
        v = r.get("cpu_gateway_over_bare")
        row(f"gateway CPU per GET / bare ({kind})", "≤ 10×", v, None if v is None else v <= 10, "×")
        v = r.get("cpu_actors_over_bare")
        row(f"actors CPU per GET / bare ({kind})", "≤ 10×", v, None if v is None else v <= 10, "×")
        v = r.get("throughput_gateway_over_direct")
        row(
            f"gateway / direct throughput ({kind})",
            "≥ 0.8",
            v,
            None if v is None else v >= 0.8,
            "×",
        )
        v = r.get("p99_gateway_minus_direct_ms")
        row(
            f"gateway p99 overhead over direct ({kind})",
            "≤ 3 ms",
            v,
            None if v is None else v <= 3,
            " ms",
        )
    v = _get(document, "propagation", "p99_ms")
    row("propagation p99 (actors → funding)", "≤ 100 ms", v, None if v is None else v <= 100, " ms")
    v = _get(last, "commitment_post", "p99_ms")
    row(f"commitment POST p99 at {at}", "≤ 15 ms", v, None if v is None else v <= 15, " ms")
    for report in ("concentration", "portfolio"):
        v = _get(last, "reports", report, "p99_ms")
        row(f"{report} report p99 at {at}", "≤ 50 ms", v, None if v is None else v <= 50, " ms")
    for report in ("concentration", "portfolio", "commitment_post"):
        g = growth(document, report)
        e = g["exponent"] if g else None
        name = "commitment POST" if report == "commitment_post" else f"{report} report"
        row(f"{name} growth exponent", "≤ 0.2", e, None if e is None else e <= 0.2)
    stages = _get(document, "dataset", "stages") or {}
    for stage, before in SEEDING_BEFORE.items():
        v = _get(stages, stage, "per_second")
        ratio = _ratio(v, before)
        row(
            f"seeding {stage} / before ({before}/s)",
            "≥ 4×",
            ratio,
            None if ratio is None else ratio >= 4,
            "×",
        )
    return rows


def _fmt(value: Any, width: int = 9) -> str:
    if value is None:
        return "—".rjust(width)
    if isinstance(value, float):
        return f"{value:,.1f}".rjust(width) if value >= 100 else f"{value:.2f}".rjust(width)
    return f"{value:,}".rjust(width) if isinstance(value, int) else str(value).rjust(width)


def checkpoint_line(point: dict[str, Any]) -> str:
    parts = [f"{point['commitments']} commitments:"]
    for name, rep in (point.get("reports") or {}).items():
        parts.append(f"{name} p50 {rep['p50_ms']} ms p99 {rep['p99_ms']} ms;")
    if "commitment_post" in point:
        c = point["commitment_post"]
        parts.append(f"commitment POST p50 {c['p50_ms']} ms p99 {c['p99_ms']} ms")
    return " ".join(parts)


def read_line(read: dict[str, Any]) -> str:
    t, lat = read["throughput"], read["latency"]
    return (
        "; ".join(
            f"{n}: {t[n]['rps']} req/s, p50 {lat[n]['p50_ms']} ms p99 {lat[n]['p99_ms']} ms"
            for n in ("bare", "direct", "gateway")
            if n in lat
        )
        + f" (latency at {read['rate']} req/s)"
    )


def propagation_line(p: dict[str, Any]) -> str:
    return f"p50 {p['p50_ms']} ms, p99 {p['p99_ms']} ms over {p['samples']} actors"


def table(document: dict[str, Any]) -> str:
    run, m, ds = document["run"], document["machine"], document.get("dataset", {})
    lines = [
        f"Agora benchmark — `{run.get('command')}` on {run['database']} at {run.get('commit') or '?'}, "
        f"{run['started_at']}, "
        f"{run['duration_s']} s{'' if run.get('complete', True) else ' (INCOMPLETE)'}",
        f"machine: {m['cores']} cores ({m['cpu']}), Python {m['python']}, {m['database']}; "
        f"load average {m.get('load_average_at_start')} at start, {m.get('load_average_at_end')} at end",
        f"dataset: {ds.get('actors')} actors, {ds.get('commitments_including_measured')} commitments "
        f"from {ds.get('donors')} donors, {ds.get('activities')} activities, "
        f"{ds.get('assessments')} assessments in {ds.get('cycles')} cycles",
    ]
    stages = ds.get("stages") or {}
    if stages:
        lines.append(
            "seeding: "
            + ", ".join(
                f"{name} {s['count']} in {s['seconds']} s ({s['per_second']}/s)"
                for name, s in stages.items()
                if name != "setup"
            )
        )
    if ds.get("operations_missing"):
        lines.append(
            "not offered by the platform (skipped): " + ", ".join(ds["operations_missing"])
        )
    if ds.get("fields_the_services_refused"):
        lines.append(f"fields the services refused (dropped): {ds['fields_the_services_refused']}")
    for key, title in READS.items():
        read = document.get(key)
        if not read:
            continue
        lines += [
            "",
            f"GET one actor, {title}: {read['concurrency']} connections for throughput, "
            f"open loop at {read['rate']} req/s for latency",
            f"{'':24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}",
        ]
        label = {
            "bare": "bare FastAPI (reference)",
            "direct": "actors service, direct",
            "gateway": "through the gateway",
        }
        for name in ("bare", "direct", "gateway"):
            t, lat = read["throughput"][name], read["latency"].get(name) or {}
            lines.append(
                f"{label[name]:24}{_fmt(t['rps'])}{_fmt(lat.get('p50_ms'))}{_fmt(lat.get('p99_ms'))}{_fmt(lat.get('max_ms'))}"
            )
        for name in ("bare", "direct", "gateway"):
            for phase in ("throughput", "latency"):
                statuses = (read[phase].get(name) or {}).get("statuses") or {}
                refused = {s: c for s, c in statuses.items() if not s.startswith("2")}
                if refused:
                    # Fast refusals would flatter the figures: say so beside them.
                    lines.append(f"WARNING: {label[name]} {phase} answers not 2xx: {refused}")
        cpu = {n: read["throughput"][n].get("cpu_ms_per_request") or {} for n in read["throughput"]}
        if any(cpu.values()):
            lines.append(
                "CPU ms per request (whatever else runs on the machine): "
                + "; ".join(
                    f"{n}: " + " + ".join(f"{proc} {v}" for proc, v in cpu[n].items() if v >= 0.05)
                    for n in ("bare", "direct", "gateway")
                    if cpu.get(n)
                )
            )
        r = document.get("ratios", {}).get(key, {})
        lines.append(
            f"ratios: CPU per GET gateway/bare {r.get('cpu_gateway_over_bare')}, "
            f"actors/bare {r.get('cpu_actors_over_bare')}; "
            f"gateway/bare throughput {r.get('throughput_gateway_over_bare')}, "
            f"gateway/direct throughput {r.get('throughput_gateway_over_direct')}, "
            f"gateway/direct p99 {r.get('p99_gateway_over_direct')} "
            f"(+{r.get('p99_gateway_minus_direct_ms')} ms)"
        )
    p = document.get("propagation")
    if p:
        lines += [
            "",
            f"event propagation actors → funding: p50 {p['p50_ms']} ms, p99 {p['p99_ms']} ms, max {p['max_ms']} ms ({p['samples']} actors)",
        ]
    cps = document.get("checkpoints") or []
    if cps:
        lines += [
            "",
            "as the data grows (p50 / p99 ms)",
            f"{'commitments':>12}{'concentration':>18}{'portfolio':>18}{'commitment POST':>20}",
        ]
        for cp in cps:
            cells = []
            for key in ("concentration", "portfolio"):
                rep = _get(cp, "reports", key)
                cells.append(f"{rep['p50_ms']} / {rep['p99_ms']}" if rep else "—")
            c = cp.get("commitment_post")
            cells.append(f"{c['p50_ms']} / {c['p99_ms']}" if c else "—")
            lines.append(f"{cp['commitments']:>12,}{cells[0]:>18}{cells[1]:>18}{cells[2]:>20}")
        last = cps[-1]
        measured: list[tuple[str, Any]] = [
            *(last.get("reports") or {}).items(),
            ("commitment POST", last.get("commitment_post")),
        ]
        for key, rep in (last.get("reports") or {}).items():
            first = (rep or {}).get("first") or {}
            if first:
                lines.append(
                    f"first {key} after the writes (computes anew, then kept): {first['ms']} ms, CPU ms "
                    + ", ".join(f"{proc} {v}" for proc, v in first["cpu_ms"].items() if v >= 0.05)
                )
        for key, rep in measured:
            used: dict[str, float] = (rep or {}).get("cpu_ms_per_request") or {}
            if used:
                lines.append(
                    f"CPU ms per {key} at {last['commitments']:,}: "
                    + ", ".join(f"{proc} {v}" for proc, v in used.items() if v >= 0.05)
                )
    lines += ["", "targets"]
    for t in document.get("targets", []):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        lines.append(f"  {t['name']:42} {t['target']:>14} {t['measured'] or '—'!s:>12}  {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m bench.report results.json: print a run's table again
    import sys
    from pathlib import Path

    import orjson

    print(table(orjson.loads(Path(sys.argv[1]).read_bytes())))
