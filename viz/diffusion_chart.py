"""The diffusion chart of one or more central documents, drawn with plotly (interactive, offline).

Two panels share the time axis:

- above, the cumulative share of the 63 provinces that have cited the document by each date (one
  step line per document, so 15/CT-TTg, 16/CT-TTg and 19/CT-TTg compare on one chart), with the
  weekly hazard beneath it as bars (of the provinces that had not cited it yet, the share that did);
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

from graphbuild.dates import vn_date
from graphbuild.diffusion import Diffusion
from graphbuild.vocabulary import relation_name
from viz.chart_data import chart_series, province_order, title_of

FONT = "DejaVu Sans, Arial, sans-serif"


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
    for index, series in enumerate(chart_series(items)):
        item, colour = series.item, series.colour
        figure.add_trace(go.Scatter(
            x=[date for date, _, _ in series.curve], y=[round(share * 100, 1) for _, _, share in series.curve], mode="lines+markers",
            line={"shape": "hv", "color": colour, "width": 2.5}, marker={"size": 4},
            name=f"{escape(item.label)}: % tỉnh đã trích dẫn", legendgroup=item.uid, customdata=[count for _, count, _ in series.curve],
            hovertemplate="%{x|%d/%m/%Y}: %{customdata}/" + str(item.province_count) + " tỉnh (%{y}%)<extra></extra>",
        ), row=1, col=1)
        if series.hazard:
            figure.add_trace(go.Bar(
                x=[w.start for w in series.hazard], y=[round((w.hazard or 0) * 100, 1) for w in series.hazard], marker={"color": colour},
                opacity=0.35, name=f"{escape(item.label)}: hazard theo tuần (% tỉnh chưa trích dẫn)", legendgroup=item.uid,
                customdata=[[w.period, w.acted, w.at_risk] for w in series.hazard], xperiod=7 * 86400000, xperiodalignment="start",
                hovertemplate="Tuần %{customdata[0]}: %{customdata[1]}/%{customdata[2]} tỉnh còn lại đã trích dẫn (%{y}%)<extra></extra>",
            ), row=1, col=1)
        for marks in series.firsts:
            figure.add_trace(go.Scatter(
                x=[n.date for _, n in marks.notices], y=[p for p, _ in marks.notices], mode="markers",
                marker={"size": 11, "color": marks.colour, "line": {"width": 1, "color": "white"}},
                name=escape(marks.label), legendgroup=item.uid if several else marks.key,
                hovertext=[_hover(item, p, n, True) for p, n in marks.notices], hoverinfo="text",
            ), row=2, col=1)
        if series.later:
            later = series.later
            figure.add_trace(go.Scatter(
                x=[n.date for _, n in later.notices], y=[p for p, _ in later.notices], mode="markers",
                marker={"size": 7, "symbol": "circle-open", "color": later.colour},
                name=escape(later.label), legendgroup=item.uid, hovertext=[_hover(item, p, n, False) for p, n in later.notices], hoverinfo="text",
            ), row=2, col=1)
        if item.date and series.issued_label:
            figure.add_vline(x=_ms(item.date), line={"dash": "dash", "color": colour, "width": 1.5})
            figure.add_annotation(
                x=item.date, y=1, yref="y domain", yanchor="top", yshift=-16 * index, xanchor="left", showarrow=False, font={"size": 11, "color": colour},
                text=escape(series.issued_label),
            )
        if item.median_date and series.median_label:
            figure.add_vline(x=_ms(item.median_date), line={"dash": "dot", "color": colour, "width": 1.2}, row=2, col=1)
            figure.add_annotation(
                x=item.median_date, y=1, yref="y2 domain", yanchor="top", yshift=-15 * index, xanchor="left", showarrow=False, font={"size": 10, "color": colour},
                text=series.median_label,
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


__all__ = ["diffusion_figure"]
