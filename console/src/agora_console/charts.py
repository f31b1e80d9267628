"""Charts drawn on the server as SVG (pygal), each with a text alternative and its numbers.

pygal writes a ``<style>`` element and ``style`` attributes into its SVG; the console's CSP has
no ``'unsafe-inline'``, so both are removed here and ``static/console.css`` styles the chart.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pygal
from markupsafe import Markup

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_ids = itertools.count(1)
# Suppressed categories are named in the table up to this many; beyond it they are counted.
MAX_HIDDEN_NAMED = 8


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart, what it shows in one sentence, and the rows of its table."""

    id: str
    title: str
    summary: str
    svg: Markup
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def _config(**extra: object) -> dict[str, object]:
    return {
        "js": [],  # no tooltips script: nothing runs in the page
        "disable_xml_declaration": True,
        "no_prefix": True,
        "show_legend": False,
        "width": 640,
        "height": 320,
        "margin": 12,
        "truncate_label": 40,
        "print_values": False,
        "explicit_size": False,
        **extra,
    }


def _clean(svg: str, chart_id: str, title: str, summary: str) -> Markup:
    """The SVG without inline style, labelled for assistive technology by its title and summary."""
    root = ET.fromstring(svg)  # noqa: S314 - pygal's own output, built from our numbers
    for own_title in root.findall(f"{{{SVG}}}title"):
        root.remove(own_title)  # pygal's "Pygal": the chart's title replaces it below
    for parent in root.iter():
        for child in list(parent):
            # pygal's <desc> elements feed its tooltip script, which the console does not load.
            if child.tag in (f"{{{SVG}}}style", f"{{{SVG}}}script", f"{{{SVG}}}desc"):
                parent.remove(child)
        parent.attrib.pop("style", None)
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    desc = ET.Element(f"{{{SVG}}}desc", {"id": f"{chart_id}-desc"})
    desc.text = summary
    heading = ET.Element(f"{{{SVG}}}title", {"id": f"{chart_id}-title"})
    heading.text = title
    root.insert(0, desc)
    root.insert(0, heading)
    for comment_free in root.iter():
        if comment_free.tail and not comment_free.tail.strip():
            comment_free.tail = None
    return Markup(ET.tostring(root, encoding="unicode"))  # noqa: S704 - escaped by ElementTree


def bars(
    title: str,
    counts: Mapping[str, int | float | None],
    *,
    unit: str,
    labels: Mapping[str, str] | None = None,
    hidden_note: str = "suppressed",
) -> Chart:
    """A horizontal bar per key; ``None`` values (suppressed cells) appear only in the table."""
    names = labels or {}
    shown = [(names.get(k, k), v) for k, v in counts.items() if v is not None]
    shown.sort(key=lambda item: (-float(item[1]), item[0]))
    chart_id = f"chart-{next(_ids)}"
    chart = pygal.HorizontalBar(**_config(height=max(160, 40 + 32 * len(shown))))
    chart.x_labels = [name for name, _ in shown]
    chart.add(unit, [value for _, value in shown])
    count = "1 bar" if len(shown) == 1 else f"{len(shown)} bars"
    if shown and shown[0][1]:
        top = shown[0]
        summary = f"{title}: {count}; the largest is {top[0]} with {_number(top[1])} {unit}."
    elif shown:
        summary = f"{title}: {count}, all 0 {unit}."
    else:
        summary = f"{title}: nothing to draw yet."
    hidden = [names.get(k, k) for k, v in counts.items() if v is None]
    rows = [(name, _number(value)) for name, value in shown]
    if len(hidden) <= MAX_HIDDEN_NAMED:
        rows += [(name, hidden_note) for name in hidden]
        if hidden:
            summary += f" Not drawn ({hidden_note}): {', '.join(hidden)}."
    else:
        # A cell per country would list every country on earth: one line says how many.
        rows.append((f"{len(hidden)} other categories", hidden_note))
        summary += f" {len(hidden)} other categories are not drawn ({hidden_note})."
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        svg=_clean(chart.render(is_unicode=True), chart_id, title, summary),
        columns=("", unit),
        rows=rows,
    )


def grouped(
    title: str,
    categories: list[str],
    series: Mapping[str, Sequence[int | float | None]],
    *,
    unit: str,
) -> Chart:
    """Vertical bars, one group per category and one bar per series (with a legend)."""
    chart_id = f"chart-{next(_ids)}"
    crowded = len(categories) > 6  # long date labels would overlap: slant them
    chart = pygal.Bar(
        **_config(
            show_legend=len(series) > 1,
            legend_at_bottom=True,
            height=360 if crowded else 340,
            x_label_rotation=35 if crowded else 0,
        )
    )
    chart.x_labels = categories
    for name, values in series.items():
        chart.add(name, list(values))
    summary = (
        f"{title}: {len(categories)} groups of {len(series)} bars ({', '.join(series)})."
        if categories
        else f"{title}: nothing to draw yet."
    )
    rows = [
        (category, *(_maybe(values[i]) for values in series.values()))
        for i, category in enumerate(categories)
    ]
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        svg=_clean(chart.render(is_unicode=True), chart_id, title, summary),
        columns=("", *series),
        rows=rows,
    )


def lines(
    title: str,
    categories: list[str],
    series: Mapping[str, Sequence[int | float | None]],
    *,
    unit: str,
) -> Chart:
    """One line per series over the categories (dates, in order); ``None`` is a gap."""
    chart_id = f"chart-{next(_ids)}"
    chart = pygal.Line(
        **_config(show_legend=len(series) > 1, legend_at_bottom=True, height=300, dots_size=4)
    )
    chart.x_labels = categories
    for name, values in series.items():
        chart.add(name, list(values))
    if categories:
        ends = "; ".join(
            f"{name} from {_maybe(values[0])} to {_maybe(values[-1])}"
            for name, values in series.items()
        )
        summary = f"{title}, {categories[0]} to {categories[-1]}: {ends} {unit}."
    else:
        summary = f"{title}: nothing to draw yet."
    rows = [
        (category, *(_maybe(values[i]) for values in series.values()))
        for i, category in enumerate(categories)
    ]
    return Chart(
        id=chart_id,
        title=title,
        summary=summary,
        svg=_clean(chart.render(is_unicode=True), chart_id, title, summary),
        columns=("", *series),
        rows=rows,
    )


def _maybe(value: int | float | None) -> str:
    return "not available" if value is None else _number(value)


def _number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"
