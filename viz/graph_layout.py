"""The flow layout: central documents on top, provincial below, district below that; time left to right.

So the spread of a central document through the provinces reads from left to right. Bodies,
provinces and people sit in a band beneath the documents they belong to.

- **Time with breaks.** A corpus of 2021 notices cites a law of 2007 and directives of 2020: a
  linear axis would squeeze 2021 into its last fifth. A gap of more than ``GAP_DAYS`` between two
  dated documents is drawn ``GAP_DAYS`` wide and marked with a break (``≈``) on the axis.
- **Undated documents** (an appeal cited by name, a notice whose date was not found) stand in
  their own column left of the axis, labelled "chưa rõ ngày", never at a made-up date.
- **Old cited documents gathered.** A 2021 corpus cites laws back to 2006: documents dated more
  than ``OLDER_DAYS`` before the corpus's first notice stand in one column at the start of the
  axis, labelled "trước MM/YYYY", so that twenty years of laws do not stretch the axis.
- **Labels do not overlap.** Each node takes the width of its label; within a band, a node goes
  to the first lane where it fits, and bands are as tall as their lanes.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

ROWS = {"central_party": 0, "central_state": 0, "provincial": 1, "district": 2, "unknown": 3}
CONTEXT_ROW = 4
LANE_HEIGHT = 64
BAND_GAP = 90
GAP_DAYS = 21
PIXELS_PER_DAY = 7.0
CHARACTER_WIDTH = 7.4  # DejaVu Sans at 14 px, on average
LABEL_PADDING = 14
UNDATED_GAP = 260.0
TICK_SPACING = 64.0
UNDATED_LABEL = "chưa rõ ngày"
OLDER_DAYS = 365
OLDER_GAP = 260.0
BREAK_LABEL = "≈"


class TimeAxis:
    """Day number → x, with long empty spans shortened to ``GAP_DAYS``."""

    def __init__(self, days: list[int], pixels_per_day: float = PIXELS_PER_DAY) -> None:
        self.days = sorted(set(days))
        self.xs: list[float] = []
        self.breaks: list[float] = []
        x = 0.0
        for index, day in enumerate(self.days):
            if index:
                gap = day - self.days[index - 1]
                if gap > GAP_DAYS:
                    self.breaks.append(x + GAP_DAYS * pixels_per_day / 2)
                x += min(gap, GAP_DAYS) * pixels_per_day
            self.xs.append(x)
        self.pixels_per_day = pixels_per_day

    def x(self, day: int) -> float:
        """Where ``day`` falls: exact for documents' days, interpolated between them (and shortened in breaks)."""
        if not self.days:
            return 0.0
        index = bisect_right(self.days, day) - 1
        if index < 0:
            return self.xs[0] - (self.days[0] - day) * self.pixels_per_day
        if index == len(self.days) - 1:
            return self.xs[-1] + (day - self.days[-1]) * self.pixels_per_day
        start, end = self.days[index], self.days[index + 1]
        share = (day - start) / (end - start)
        return self.xs[index] + share * (self.xs[index + 1] - self.xs[index])

    def ticks(self) -> list[tuple[float, str]]:
        """Month starts as ``(x, 'MM/YYYY')`` at least ``TICK_SPACING`` apart, and the breaks as ``(x, '≈')``."""
        if not self.days:
            return []
        ticks: list[tuple[float, str]] = []
        month = dt.date.fromordinal(self.days[0]).replace(day=1)
        end = dt.date.fromordinal(self.days[-1])
        last = -1e9
        while month <= end:
            x = self.x(month.toordinal())
            if x - last >= TICK_SPACING and x >= self.xs[0] - self.pixels_per_day * 31:
                ticks.append((x, month.strftime("%m/%Y")))
                last = x
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        ticks += [(x, BREAK_LABEL) for x in self.breaks]
        return sorted(ticks)


def node_size(data: dict[str, Any]) -> float:
    """A node's radius on the map: documents by how often they are cited, a province's notices by their number."""
    if data.get("notices"):
        return min(34.0, 12 + 2 * math.sqrt(data["notices"]))
    return min(60.0, 12 + 5 * math.sqrt(data.get("cited_by") or 0))


def label_width(data: dict[str, Any]) -> float:
    label = max(str(data.get("label") or "").split(" · "), key=len) if data.get("status") == "summary" else str(data.get("label") or "")
    return max(len(label) * CHARACTER_WIDTH, 2 * node_size(data)) + LABEL_PADDING


def node_day(data: dict[str, Any]) -> int | None:
    day = data.get("day")
    return day if isinstance(day, int) and data.get("node_kind", "document") == "document" else None


def flow_positions(graph: nx.MultiDiGraph, *, width: float | None = None) -> tuple[dict[Any, tuple[float, float]], list[tuple[float, str]]]:
    """Positions for every node, and the axis ticks as ``(x, label)``: months, breaks (``≈``) and the undated column."""
    cutoff = older_than(graph)
    days = [day for _, data in graph.nodes(data=True) if (day := node_day(data)) is not None and (cutoff is None or day >= cutoff)]
    axis = TimeAxis(days)
    if width and days:  # pictures ask for a fixed width
        span = max(axis.xs[-1], 1.0)
        axis = TimeAxis(days, PIXELS_PER_DAY * width / span)
    start_x = axis.xs[0] if axis.xs else 0.0
    has_older = cutoff is not None and any((day := node_day(d)) is not None and day < cutoff for _, d in graph.nodes(data=True))
    older_x = start_x - OLDER_GAP
    undated_x = (older_x if has_older else start_x) - UNDATED_GAP

    lanes: dict[int, list[float]] = defaultdict(list)  # per band: the right edge of the last label in each lane
    placed: dict[Any, tuple[float, int, int]] = {}

    def place(node: Any, x: float, band: int) -> None:
        half = label_width(graph.nodes[node]) / 2
        band_lanes = lanes[band]
        for lane, right in enumerate(band_lanes):
            if x - half >= right:
                band_lanes[lane] = x + half
                break
        else:
            lane = len(band_lanes)
            band_lanes.append(x + half)
        placed[node] = (x, band, lane)

    def x_of(node: Any) -> float:
        day = node_day(graph.nodes[node])
        if day is None:
            return undated_x
        return older_x if cutoff is not None and day < cutoff else axis.x(day)

    summaries = {n for n, d in graph.nodes(data=True) if d.get("status") == "summary"}
    documents = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("node_kind", "document") == "document" and n not in summaries), key=lambda n: (x_of(n), str(n)),
    )
    for node in documents:
        place(node, x_of(node), ROWS.get(graph.nodes[node].get("category", "unknown"), ROWS["unknown"]))
    others = [n for n in graph.nodes if n not in placed and n not in summaries]
    linked_x: dict[Any, float] = {}
    for node in others:
        linked = [placed[m][0] for m in nx.all_neighbors(graph, node) if m in placed]
        linked_x[node] = sum(linked) / len(linked) if linked else undated_x
    for node in sorted(others, key=lambda n: (linked_x[n], str(n))):
        place(node, linked_x[node], CONTEXT_ROW)

    band_top: dict[int, float] = {}
    top = 0.0
    for band in sorted(lanes):
        band_top[band] = top
        top += len(lanes[band]) * LANE_HEIGHT + BAND_GAP
    positions = {node: (x, band_top[band] + lane * LANE_HEIGHT) for node, (x, band, lane) in placed.items()}
    if summaries:  # a province's notices, summarised, have no single date: they sit beneath, placed by geography
        xs = [x for x, _ in positions.values()] or [0.0]
        positions.update(_tiles_beneath(graph, summaries, min(xs), max(max(xs) - min(xs), 1.0), top))
    ticks = axis.ticks()
    if has_older:
        ticks.insert(0, (older_x, older_label(cutoff)))  # type: ignore[arg-type]
    if any(node_day(graph.nodes[n]) is None for n in documents):
        ticks.insert(0, (undated_x, UNDATED_LABEL))
    return positions, ticks


def older_than(graph: nx.MultiDiGraph) -> int | None:
    """The day before which documents are gathered at the axis' start: ``OLDER_DAYS`` before the
    first notice of the corpus (None without dated notices)."""
    corpus = [day for _, d in graph.nodes(data=True) if d.get("status") in ("corpus", "summary") and (day := node_day(d)) is not None]
    return min(corpus) - OLDER_DAYS if corpus else None


def older_label(cutoff: int) -> str:
    """``trước 08/2020``: the column of documents older than the corpus."""
    return "trước " + dt.date.fromordinal(cutoff).strftime("%m/%Y")


def province_cells(graph: nx.MultiDiGraph, nodes: Iterable[Any]) -> tuple[dict[Any, tuple[int, int]], int, int]:
    """Each summarised province node's ``(column, row)`` on the province map (a province not known
    goes to a spare row beneath), and the map's columns and rows."""
    from viz.province_tiles import tiles

    tile_of = {tile.name: tile for tile in tiles(2021)}
    spare = max(t.row for t in tile_of.values()) + 2
    cells = {}
    for node in nodes:
        tile = tile_of.get(str(graph.nodes[node].get("province")))
        cells[node] = (tile.col, tile.row) if tile else (0, spare)
    return cells, max(t.col for t in tile_of.values()) + 1, spare


def _tiles_beneath(graph: nx.MultiDiGraph, nodes: set[Any], left: float, width: float, top: float) -> dict[Any, tuple[float, float]]:
    cells, columns, _ = province_cells(graph, nodes)
    step = max(TILE_WIDTH, width / columns)
    return {node: (left + col * step, top + row * TILE_HEIGHT) for node, (col, row) in cells.items()}


TILE_WIDTH = 150.0
TILE_HEIGHT = 78.0
COLUMN_GAP = 260.0
DOCUMENT_SPACING = 74.0
DOCUMENTS_PER_COLUMN = 20


def geographic_positions(graph: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    """The summarised (bipartite) view: each province's node where its tile is on the province map,
    and the documents they cite in columns to the right, oldest first, so the links fan out from
    the country to the documents. Nodes not tied to a province (cited-only local documents) join
    the documents' columns.
    """
    summaries = [n for n, d in graph.nodes(data=True) if d.get("status") == "summary"]
    cells, _, spare_row = province_cells(graph, summaries)
    positions = {node: (col * TILE_WIDTH, row * TILE_HEIGHT) for node, (col, row) in cells.items()}
    right = max((x for x, _ in positions.values()), default=0.0) + COLUMN_GAP
    rest = sorted((n for n in graph.nodes if n not in positions), key=lambda n: (node_day(graph.nodes[n]) is None, node_day(graph.nodes[n]) or 0, str(n)))
    height = spare_row * TILE_HEIGHT
    per_column = max(DOCUMENTS_PER_COLUMN, int(height // DOCUMENT_SPACING))
    for index, node in enumerate(rest):
        column, row = divmod(index, per_column)
        positions[node] = (right + column * COLUMN_GAP, row * DOCUMENT_SPACING)
    return positions
