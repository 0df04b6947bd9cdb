"""The flow layout: central documents on top, provincial below, district below that; time left to right.

So the spread of a central document through the provinces reads from left to right. Bodies,
provinces and people sit in a band beneath the documents they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import networkx as nx

ROWS = {"central_party": 0, "central_state": 0, "provincial": 1, "district": 2, "unknown": 3}
CONTEXT_ROW = 4
ROW_HEIGHT = 300
LANE_HEIGHT = 40
MIN_GAP = 70


def flow_positions(graph: nx.MultiDiGraph, *, width: float | None = None) -> tuple[dict[Any, tuple[float, float]], list[tuple[float, str]]]:
    """Positions for every node, and the month ticks of the time axis as ``(x, 'YYYY-MM')``."""
    days = [d["day"] for _, d in graph.nodes(data=True) if d.get("node_kind") == "document" and isinstance(d.get("day"), int)]
    first, last = (min(days), max(days)) if days else (0, 1)
    span = max(last - first, 1)
    width = width or max(1400.0, 28.0 * graph.number_of_nodes())
    scale = width / span
    undated_x = -160.0

    def x_of(data: dict[str, Any]) -> float:
        day = data.get("day")
        return (day - first) * scale if isinstance(day, int) else undated_x

    positions: dict[Any, tuple[float, float]] = {}
    lanes: dict[int, list[float]] = defaultdict(list)  # per row: the last x used in each lane

    def place(node: Any, x: float, row: int) -> None:
        row_lanes = lanes[row]
        for lane, last_x in enumerate(row_lanes):
            if x - last_x >= MIN_GAP:
                row_lanes[lane] = x
                break
        else:
            lane = len(row_lanes)
            row_lanes.append(x)
        positions[node] = (x, row * ROW_HEIGHT + lane * LANE_HEIGHT)

    documents = sorted((n for n, d in graph.nodes(data=True) if d.get("node_kind") == "document"), key=lambda n: (x_of(graph.nodes[n]), str(n)))
    for node in documents:
        data = graph.nodes[node]
        place(node, x_of(data), ROWS.get(data.get("category", "unknown"), ROWS["unknown"]))
    others = [n for n in graph.nodes if n not in positions]
    for node in sorted(others, key=str):
        linked = [positions[m][0] for m in nx.all_neighbors(graph, node) if m in positions]
        place(node, sum(linked) / len(linked) if linked else undated_x, CONTEXT_ROW)
    ticks: list[tuple[float, str]] = []
    if days:
        month = dt.date.fromordinal(first).replace(day=1)
        end = dt.date.fromordinal(last)
        while month <= end:
            ticks.append(((month.toordinal() - first) * scale, month.strftime("%Y-%m")))
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return positions, ticks
