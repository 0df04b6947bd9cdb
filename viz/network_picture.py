"""A static picture of the selection in the flow layout, PNG or SVG, for reports.

Drawn with matplotlib in DejaVu Sans, which has every Vietnamese letter. A picture carries no
data: labels are drawn for the most cited documents only when the selection is large.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.dates import vn_date
from graphbuild.vocabulary import cites_name, terms

LABEL_ALL_BELOW = 120
# Lines as matplotlib draws them, markers by kind of node: the vocabulary's styles and shapes.
LINE_STYLES: dict[str, Any] = {"solid": "-", "dashed": ":"}
MARKERS = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D"}


def generate_picture(graph: nx.MultiDiGraph, *, fmt: str = "png", title: str | None = None) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from viz.graph_layout import flow_positions

    categories, shapes, edges = terms("category"), terms("shape"), terms("edge")
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["svg.fonttype"] = "none"  # text stays text in SVG
    positions, ticks = flow_positions(graph, width=1600)
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    width_in = min(40.0, max(10.0, (max(xs) - min(xs)) / 110))
    height_in = min(30.0, max(6.0, (max(ys) - min(ys)) / 110))
    figure, axes = plt.subplots(figsize=(width_in, height_in), dpi=110)
    for start, end, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = positions[start], positions[end]
        style = LINE_STYLES[edges.get(data.get("type", ""), edges["CITES"]).style]
        axes.annotate("", xy=(x2, -y2), xytext=(x1, -y1), arrowprops={"arrowstyle": "-|>", "color": "#95a5a6", "lw": 0.6, "linestyle": style})
    cited = sorted((d.get("cited_by") or 0 for _, d in graph.nodes(data=True)), reverse=True)
    threshold = cited[min(len(cited) - 1, 40)] if len(cited) > LABEL_ALL_BELOW else -1
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        colour = categories.get(data.get("category", "unknown"), categories["unknown"]).colour
        marker = MARKERS[shapes.get(data.get("node_kind", "document"), shapes["document"]).style]
        axes.scatter([x], [-y], s=30 + 12 * (data.get("cited_by") or data.get("notices") or 0), c=colour, marker=marker, zorder=3, edgecolors="white", linewidths=0.5)
        if (data.get("cited_by") or 0) > threshold or len(cited) <= LABEL_ALL_BELOW:
            axes.text(x, -y - 14, str(data.get("label") or node)[:40], fontsize=7, ha="center", va="top", zorder=4)
    for x, month in ticks:  # months, breaks in time (≈) and the column of undated documents
        axes.axvline(x, color="#ecf0f1", lw=0.8, zorder=0)
        axes.text(x + 3, 60, month, fontsize=7, color="#7f8c8d")
    axes.set_axis_off()
    from matplotlib.lines import Line2D

    used = {d.get("category", "unknown") for _, d in graph.nodes(data=True)}
    handles = [Line2D([], [], marker="o", linestyle="", color=t.colour, label=t.labelled) for key, t in categories.items() if key in used]
    edge_types = {d.get("type") for _, _, d in graph.edges(data=True)}
    handles += [
        Line2D([], [], color="#95a5a6", linestyle=LINE_STYLES[t.style], label=cites_name() if key == "CITES" else t.name)
        for key, t in edges.items()
        if key in edge_types
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.01), ncol=4, fontsize=7, frameon=False, title="Chú giải", title_fontsize=7)
    axes.set_title(title or "lexgraph — bản đồ trích dẫn", fontsize=12, loc="left", fontweight="bold")
    figure.text(0.99, 0.005, f"lexgraph · vẽ ngày {vn_date(dt.date.today().isoformat())} · {graph.number_of_nodes()} nút, {graph.number_of_edges()} cạnh",
                fontsize=7, ha="right", va="bottom", color="#566573")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    plt.close(figure)
    return buffer.getvalue()


def write_picture(graph: nx.MultiDiGraph, path: str | Path, *, fmt: str = "png", title: str | None = None) -> None:
    Path(path).write_bytes(generate_picture(graph, fmt=fmt, title=title))
