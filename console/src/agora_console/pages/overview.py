"""The overview: the coordination snapshot as charts, each with its numbers beside it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from agora_console import charts
from agora_console.vocabulary import INSTRUMENTS, KINDS, SECTORS
from agora_console.web import CurrentSession, GatewayDep, allow, render

router = APIRouter(prefix="/console")

PERMIT_BUCKETS = ("0–30 days", "31–60 days", "61–90 days")


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
    return render(
        request,
        "overview.html",
        session,
        title="Overview",
        area="overview",
        sections=_sections(parts),
    )


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
    buckets = dict.fromkeys(PERMIT_BUCKETS, 0)
    items = data.get("items") or []
    for permit in items:
        try:
            days = (date.fromisoformat(str(permit.get("valid_until"))) - today).days
        except ValueError:
            continue
        buckets[PERMIT_BUCKETS[min(max(days, 0) // 31, 2)]] += 1
    more = " or more" if data.get("next_cursor") else ""
    figures = [("Permits ending within 90 days", f"{len(items)}{more}")]
    return figures, [charts.bars("Permits by time left", dict(buckets), unit="permits")]


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


def _decimal(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else "—"


def _share(value: Any) -> str:
    return f"{value * 100:.1f} %" if isinstance(value, int | float) else "—"
