"""The diffusion chart of one or more central documents, drawn with plotly (interactive, offline).

Two panels share the time axis:

- above, the cumulative share of the 63 provinces that have cited the document by each date (one
  step line per document, so 15/CT-TTg, 16/CT-TTg and 19/CT-TTg compare on one chart);
- below, one row per province, ordered by its first citation: the first citing notice as a large
  dot, later notices as small rings. One document: coloured by the relation the notice states
  (thực hiện, căn cứ, theo …); several: coloured by document.

A dashed line marks each document's own date, a dotted one the median lag. Text from documents
reaches plotly HTML-escaped (plotly reads a few tags in its labels), and the figure's data is
embedded by plotly as JSON with ``<`` escaped.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from graphbuild import vocabulary
from graphbuild.dates import vn_date
from graphbuild.diffusion import Diffusion
from graphbuild.vocabulary import relation_name

DOCUMENT_COLOURS = ("#c0392b", "#2471a3", "#229954", "#8e44ad", "#d68910", "#17a589", "#5d6d7e")
FONT = "DejaVu Sans, Arial, sans-serif"


def title_of(items: list[Diffusion]) -> str:
    if len(items) == 1:
        item = items[0]
        kind = f"{item.type} " if item.type else ""
        return f"Lan tỏa của {kind}{item.label} ({vn_date(item.date)}) đến các tỉnh"
    return "So sánh lan tỏa đến các tỉnh: " + ", ".join(i.label for i in items)


def province_order(items: list[Diffusion]) -> list[str]:
    """Provinces by their first citation of the first document, then of the others."""
    order: list[str] = []
    for item in items:
        for adoption in item.adoptions:
            if adoption.province not in order:
                order.append(adoption.province)
    return order


def _hover(item: Diffusion, province: str, notice: Any, first: bool) -> str:
    lag = f"{notice.lag_days} ngày" if notice.lag_days is not None else "không rõ"
    lines = [
        f"<b>{escape(province)}</b>", f"{'Văn bản đầu tiên' if first else 'Văn bản'}: {escape(notice.label)}",
        f"Ngày: {vn_date(notice.date)}", f"Độ trễ so với {escape(item.label)}: {lag}", f"Quan hệ: {escape(relation_name(notice.relation))}",
    ]
    return "<br>".join(lines)


def diffusion_figure(items: list[Diffusion]) -> Any:
    """The plotly Figure for ``items`` (one or several central documents)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    order = province_order(items)
    rows = max(len(order), 1)
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.25, 0.75], vertical_spacing=0.05)
    several = len(items) > 1
    shown_relations: set[str] = set()
    for index, item in enumerate(items):
        colour = DOCUMENT_COLOURS[index % len(DOCUMENT_COLOURS)]
        curve = item.adoption_curve()
        x = ([item.date] if item.date else []) + [date for date, _, _ in curve]
        y = ([0.0] if item.date else []) + [round(share * 100, 1) for _, _, share in curve]
        counts = ([0] if item.date else []) + [count for _, count, _ in curve]
        figure.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", line={"shape": "hv", "color": colour, "width": 2.5}, marker={"size": 4},
            name=f"{escape(item.label)}: % tỉnh đã trích dẫn", legendgroup=item.uid,
            customdata=counts, hovertemplate="%{x|%d/%m/%Y}: %{customdata}/" + str(item.province_count) + " tỉnh (%{y}%)<extra></extra>",
        ), row=1, col=1)
        firsts: dict[str, list[Any]] = {}
        for adoption in item.adoptions:
            key = item.uid if several else (adoption.first.relation or "refers")
            firsts.setdefault(key, []).append(adoption)
        for key, adoptions in firsts.items():
            trace_colour = colour if several else vocabulary.colour("relation", key)
            label = f"{escape(item.label)}: văn bản đầu tiên" if several else f"Văn bản đầu tiên — {relation_name(key)}"
            figure.add_trace(go.Scatter(
                x=[a.first.date for a in adoptions], y=[a.province for a in adoptions], mode="markers",
                marker={"size": 11, "color": trace_colour, "line": {"width": 1, "color": "white"}},
                name=label, legendgroup=item.uid if several else key, showlegend=several or key not in shown_relations,
                hovertext=[_hover(item, a.province, a.first, True) for a in adoptions], hoverinfo="text",
            ), row=2, col=1)
            shown_relations.add(key)
        later = [(a.province, n) for a in item.adoptions for n in a.notices[1:]]
        if later:
            figure.add_trace(go.Scatter(
                x=[n.date for _, n in later], y=[p for p, _ in later], mode="markers",
                marker={"size": 7, "symbol": "circle-open", "color": colour if several else "#566573"},
                name=f"{escape(item.label)}: văn bản tiếp theo" if several else "Văn bản tiếp theo",
                legendgroup=item.uid, hovertext=[_hover(item, p, n, False) for p, n in later], hoverinfo="text",
            ), row=2, col=1)
        if item.date:
            figure.add_vline(x=_ms(item.date), line={"dash": "dash", "color": colour, "width": 1.5})
            figure.add_annotation(
                x=item.date, y=1, yref="y domain", yanchor="top", yshift=-16 * index, xanchor="left", showarrow=False, font={"size": 11, "color": colour},
                text=f"{escape(item.label)} ban hành {vn_date(item.date)}",
            )
        quartiles, median_day = item.quartiles, item.median_date
        if quartiles and median_day:
            figure.add_vline(x=_ms(median_day), line={"dash": "dot", "color": colour, "width": 1.2}, row=2, col=1)
            figure.add_annotation(
                x=median_day, y=1, yref="y2 domain", yanchor="top", yshift=-15 * index, xanchor="left", showarrow=False, font={"size": 10, "color": colour},
                text=f"trung vị +{quartiles[1]:g} ngày",
            )
    subtitle = "<br>".join(escape(f"{item.label}: {item.summary()}") for item in items)
    figure.update_layout(
        title={"text": f"{escape(title_of(items))}<br><sup>{subtitle}</sup>", "x": 0.01, "font": {"size": 17}},
        font={"family": FONT, "size": 12}, template="plotly_white", hovermode="closest",
        height=int(260 + 20 * rows + 180 + 18 * len(items)), margin={"l": 150, "r": 30, "t": 92 + 18 * len(items), "b": 60},
        legend={"orientation": "h", "yanchor": "top", "y": -0.06 * 900 / (260 + 20 * rows + 180), "x": 0},
    )
    figure.update_yaxes(title_text="% số tỉnh (63 tỉnh năm 2021)", range=[0, 105], ticksuffix="%", row=1, col=1)
    figure.update_yaxes(
        categoryorder="array", categoryarray=list(reversed(order)) or ["—"], type="category", title_text="Tỉnh (theo thứ tự trích dẫn đầu tiên)",
        tickfont={"size": 11}, row=2, col=1,
    )
    figure.update_xaxes(type="date", tickformat="%d/%m/%Y", hoverformat="%d/%m/%Y", showticklabels=True, row=1, col=1)
    figure.update_xaxes(type="date", tickformat="%d/%m/%Y", title_text="Ngày ban hành văn bản của tỉnh", row=2, col=1)
    return figure


def _ms(iso: str) -> float:
    """A date as plotly's vertical lines want it on a date axis: milliseconds since 1970."""
    day = dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC)
    return day.timestamp() * 1000


__all__ = ["diffusion_figure", "province_order", "title_of"]
