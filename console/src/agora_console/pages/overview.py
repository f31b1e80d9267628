"""The overview: the coordination snapshot as charts, each with its numbers beside it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from agora_console import charts
from agora_console.vocabulary import INSTRUMENTS, KINDS, OVERLAP_STATUSES, SECTORS
from agora_console.web import CurrentSession, GatewayDep, allow, render

router = APIRouter(prefix="/console")

PERMIT_WEEKS = 13  # the 90 days of the overview's permit horizon, week by week
DONORS_NAMED = 7  # in the chart of EUR by donor; the others are one series
TREND_POINTS = 6  # today and the last day of each of the 5 months before
TARGETS = {"women": (45.0, 55.0), "non_russian": (15.0, 20.0)}


@router.get("/overview", response_class=HTMLResponse)
async def overview(request: Request, session: CurrentSession, gateway: GatewayDep) -> HTMLResponse:
    """Agencies read one coordination snapshot; operators the parts their role may read."""
    allow(session, "overview")
    parts: dict[str, dict[str, Any]] = {}
    if session.role == "agency":
        answer = await gateway.call(session, "GET", "/v1/coordination/overview")
        snapshot = answer.body if answer.ok and isinstance(answer.body, dict) else {}
        parts = {
            name: snapshot.get(name) or {}
            for name in ("actors", "funding", "permits_expiring", "evaluation")
        }
        if not answer.ok:
            parts = {name: {"available": False, "detail": answer.message()} for name in parts}
    else:
        statistics, concentration, cycles = await gateway.gather(
            session,
            "/v1/actors/statistics",
            "/v1/funding/reports/concentration",
            "/v1/evaluation/cycles?limit=200",
        )
        for name, answer in (
            ("actors", statistics),
            ("funding", concentration),
            ("evaluation", cycles),
        ):
            parts[name] = (
                {"available": True, "data": answer.body}
                if answer.ok
                else {"available": False, "detail": answer.message()}
            )
    sections = _sections(parts) + await _trends(session, gateway, parts)
    return render(
        request,
        "overview.html",
        session,
        title="Overview",
        area="overview",
        sections=sections,
    )


def trend_dates(today: date, points: int = TREND_POINTS) -> list[date]:
    """The last day of each of the ``points - 1`` months before ``today``, then ``today``."""
    ends: list[date] = []
    first = today.replace(day=1)
    for _ in range(points - 1):
        end = first - timedelta(days=1)
        ends.append(end)
        first = end.replace(day=1)
    return [*reversed(ends), today]


async def _trends(session: Any, gateway: Any, parts: dict[str, dict[str, Any]]) -> list[Any]:
    """Charts over time and against targets: concentration at month ends, overlap notices,
    representation in the latest cycle. Each part the role may not read is left out."""
    dates = trend_dates(datetime.now(UTC).date())
    paths = [f"/v1/funding/reports/concentration?as_of={d.isoformat()}" for d in dates]
    latest = _latest_cycle(parts.get("evaluation") or {})
    if latest:
        paths.append(f"/v1/evaluation/reports/representation?cycle_id={latest['id']}")
    if session.role == "agency":
        paths += [f"/v1/funding/overlaps?status={s}&limit=200" for s in OVERLAP_STATUSES]
    answers = await gateway.gather(session, *paths)
    reports, rest = answers[: len(dates)], answers[len(dates) :]
    sections = [_funding_over_time(dates, reports)]
    if latest:
        sections.append(_representation(latest, rest.pop(0)))
    if session.role == "agency":
        sections.append(_overlap_counts(rest))
    return sections


def _section(heading: str, figures: list[tuple[str, str]], drawn: list[charts.Chart]) -> Any:
    return {"heading": heading, "figures": figures, "charts": drawn, "detail": ""}


def _unavailable(heading: str, detail: str) -> Any:
    return {"heading": heading, "figures": [], "charts": [], "detail": detail}


def _funding_over_time(dates: list[date], reports: list[Any]) -> Any:
    heading = "Funding over time"
    if not any(r.ok for r in reports):
        return _unavailable(heading, reports[-1].message())
    months = [f"{d:%d %b %Y}" for d in dates]
    bodies = [r.body if r.ok and isinstance(r.body, dict) else {} for r in reports]
    hhi = [_float(b.get("hhi")) for b in bodies]
    top10 = [_percent(b.get("top10_share")) for b in bodies]
    by_instrument = {
        INSTRUMENTS.get(code, code): [
            _float(((b.get("by_instrument") or {}).get(code) or {}).get("total_committed_eur"))
            or 0.0
            for b in bodies
        ]
        for code in INSTRUMENTS
        if any((b.get("by_instrument") or {}).get(code) for b in bodies)
    }
    drawn = [
        charts.grouped("Committed EUR by donor", months, _by_donor(bodies), unit="EUR"),
        charts.lines("Concentration (HHI)", months, {"HHI": hhi}, unit="of 10,000"),
        charts.lines("Top 10 actors' share", months, {"Top 10 share": top10}, unit="%"),
        charts.grouped("Committed EUR by instrument", months, by_instrument, unit="EUR"),
    ]
    missing = [m for m, r in zip(months, reports, strict=True) if not r.ok]
    figures = [("Points in time", str(len(dates)))]
    if missing:
        figures.append(("Not available", ", ".join(missing)))
    return _section(heading, figures, drawn)


def _by_donor(bodies: list[dict[str, Any]]) -> dict[str, list[float | None]]:
    """EUR per donor at each point, the largest donors (today) by name and the rest together."""
    per_point = [
        {d: _float(v.get("committed_eur")) or 0.0 for d, v in (b.get("by_donor") or {}).items()}
        for b in bodies
    ]
    latest = per_point[-1] if per_point else {}
    donors = sorted({d for p in per_point for d in p}, key=lambda d: (-latest.get(d, 0.0), d))
    named, rest = donors[:DONORS_NAMED], donors[DONORS_NAMED:]
    series: dict[str, list[float | None]] = {d: [p.get(d, 0.0) for p in per_point] for d in named}
    if rest:
        series["Other donors"] = [sum(p.get(d, 0.0) for d in rest) for p in per_point]
    return series


def _latest_cycle(part: dict[str, Any]) -> dict[str, Any] | None:
    data = part.get("data") if part.get("available") else None
    cycles = [c for c in (data or {}).get("items") or [] if isinstance(c, dict) and c.get("id")]
    return max(cycles, key=lambda c: str((c.get("period") or {}).get("start"))) if cycles else None


def _representation(cycle: dict[str, Any], answer: Any) -> Any:
    heading = f"Representation in {cycle.get('name')} against the targets"
    if not answer.ok or not isinstance(answer.body, dict):
        return _unavailable(heading, answer.message())
    body = answer.body
    women, others = _percent(body.get("women_share")), _percent(body.get("non_russian_share"))
    series: dict[str, list[float | None]] = {
        "This cycle": [women, others],
        "Target minimum": [TARGETS["women"][0], TARGETS["non_russian"][0]],
        "Target maximum or aim": [TARGETS["women"][1], TARGETS["non_russian"][1]],
    }
    meets = body.get("meets_targets")
    figures = [
        (
            "Participants",
            "fewer than 5 (suppressed)"
            if body.get("participants") is None
            else f"{body['participants']:,}",
        ),
        ("Meets the targets", "not known" if meets is None else ("yes" if meets else "no")),
    ]
    categories = ["Women (45–55 %)", "Non-Russian origin (at least 15 %, aim 20 %)"]
    return _section(
        heading, figures, [charts.grouped("Shares against targets", categories, series, unit="%")]
    )


def _overlap_counts(answers: list[Any]) -> Any:
    heading = "Overlap notices on your commitments"
    if not all(a.ok for a in answers):
        return _unavailable(heading, next(a for a in answers if not a.ok).message())
    counts = {
        OVERLAP_STATUSES[status]: len(a.items)
        for status, a in zip(OVERLAP_STATUSES, answers, strict=True)
    }
    capped = [
        OVERLAP_STATUSES[s] for s, a in zip(OVERLAP_STATUSES, answers, strict=True) if a.next_cursor
    ]
    figures = [(name, f"{n}{' or more' if name in capped else ''}") for name, n in counts.items()]
    return _section(heading, figures, [charts.bars("Overlap notices", counts, unit="notices")])


def _sections(parts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    sections = []
    for name, heading, build in (
        ("actors", "Actors in the registry", _actor_charts),
        ("funding", "Funding concentration", _funding_charts),
        ("permits_expiring", "Permits ending within 90 days", _permit_charts),
        ("evaluation", "Evaluation cycles", _cycle_charts),
    ):
        if name not in parts:
            continue
        part = parts[name]
        data = part.get("data") if part.get("available") else None
        if isinstance(data, dict):
            figures, drawn = build(data)
            sections.append({"heading": heading, "figures": figures, "charts": drawn, "detail": ""})
        else:
            detail = str(part.get("detail") or "This part is not available right now.")
            sections.append({"heading": heading, "figures": [], "charts": [], "detail": detail})
    return sections


def _counts(value: Any) -> dict[str, int | float | None]:
    if not isinstance(value, dict):
        return {}
    return {str(k): (v if isinstance(v, int | float) else None) for k, v in value.items()}


def _actor_charts(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[charts.Chart]]:
    total = data.get("total")
    figures = [("Actors", "fewer than 5 (suppressed)" if total is None else f"{total:,}")]
    note = "suppressed: fewer than 5"
    drawn = [
        charts.bars(
            "Actors by sector",
            _counts(data.get("by_sector")),
            unit="actors",
            labels=SECTORS,
            hidden_note=note,
        ),
        charts.bars(
            "Actors by kind",
            _counts(data.get("by_kind")),
            unit="actors",
            labels=KINDS,
            hidden_note=note,
        ),
        charts.bars(
            "Actors by host country",
            _counts(data.get("by_host_country")),
            unit="actors",
            hidden_note=note,
        ),
    ]
    return figures, drawn


def _funding_charts(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[charts.Chart]]:
    thin = data.get("thin_grants") or {}
    figures = [
        ("Committed (EUR)", _money(data.get("total_committed_eur"))),
        ("Actors funded", str(data.get("actors_funded", "—"))),
        ("Concentration (HHI, 0–10,000)", _decimal(data.get("hhi"))),
        ("Top 10 actors' share", _share(data.get("top10_share"))),
        ("Share to new actors", _share(data.get("new_actor_share"))),
        ("Thin grants", f"{thin.get('count', '—')} ({_share(thin.get('share'))})"),
    ]
    by_instrument = {
        k: float(v.get("total_committed_eur") or 0)
        for k, v in (data.get("by_instrument") or {}).items()
        if isinstance(v, dict)
    }
    distribution = {
        f"{row.get('donors')} donor(s)": row.get("actors")
        for row in (data.get("donors_per_actor") or {}).get("distribution", [])
        if isinstance(row, dict)
    }
    drawn = [
        charts.bars("Committed EUR by instrument", by_instrument, unit="EUR", labels=INSTRUMENTS),
        charts.bars("Actors by number of donors", distribution, unit="actors"),
    ]
    return figures, drawn


def _permit_charts(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[charts.Chart]]:
    today = datetime.now(UTC).date()
    weeks = [today + timedelta(weeks=n) for n in range(PERMIT_WEEKS)]
    counts = [0] * PERMIT_WEEKS
    items = data.get("items") or []
    for permit in items:
        try:
            days = (date.fromisoformat(str(permit.get("valid_until"))) - today).days
        except ValueError:
            continue
        counts[min(max(days, 0) // 7, PERMIT_WEEKS - 1)] += 1
    more = " or more" if data.get("next_cursor") else ""
    figures = [("Permits ending within 90 days", f"{len(items)}{more}")]
    labels = [f"from {week:%d %b}" for week in weeks]
    drawn = [charts.grouped("Permits ending, by week", labels, {"permits": counts}, unit="permits")]
    return figures, drawn


def _cycle_charts(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[charts.Chart]]:
    cycles = [c for c in data.get("items") or [] if isinstance(c, dict)]
    names = [str(c.get("name")) for c in cycles]
    progress = [c.get("progress") or {} for c in cycles]
    series = {
        "Actors assessed": [int(p.get("actors_assessed") or 0) for p in progress],
        "Assessments": [int(p.get("assessments") or 0) for p in progress],
        "Complete scorecards": [int(p.get("complete_scorecards") or 0) for p in progress],
    }
    figures = [
        ("Cycles", str(len(cycles))),
        ("Open", str(sum(c.get("status") == "open" for c in cycles))),
    ]
    return figures, [charts.grouped("Progress per cycle", names, series, unit="count")]


def _money(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return "—"


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _percent(value: Any) -> float | None:
    share = _float(value)
    return None if share is None else round(share * 100, 1)


def _decimal(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else "—"


def _share(value: Any) -> str:
    return f"{value * 100:.1f} %" if isinstance(value, int | float) else "—"
