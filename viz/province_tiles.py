"""Where each province's tile goes on the province map: one square per province, placed by geography.

A tile map gives every province the same area, so Bắc Ninh counts as much as Gia Lai and a small
delta province is not lost. Tiles come from the capitals' coordinates
(``graphbuild/data/province_coordinates.csv``): each capital is projected onto a grid, and the
provinces are assigned to grid cells so that the total squared distance between a province and
its cell is least (a minimum-cost flow; networkx). Crowded regions such as the Red River delta
spread into neighbouring cells, and the country keeps its shape. The 34 provinces after the 2025
merger are placed the same way, from the mean position of the provinces each was made from.
Nothing is downloaded: no map tiles, no shapes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import networkx as nx

from graphbuild.tables import province_coordinates, provinces

CELL_2021 = 0.8  # degrees of latitude per tile: 63 provinces in about 9 × 19 cells
CELL_2025 = 1.05
REACH = 3.0  # a province may move at most this many cells from where its capital falls


@dataclass(frozen=True)
class Tile:
    name: str
    row: int  # 0 is the northernmost row
    col: int  # 0 is the westernmost column
    short: str  # the label that fits in a tile
    members: tuple[str, ...]  # the provinces of 2021 it stands for (itself, or those merged into it in 2025)

    @property
    def label_lines(self) -> tuple[str, ...]:
        """The short name on at most two lines: ``('Thừa', 'Thiên Huế')``."""
        words = self.short.split(" ")
        half = (len(words) + 1) // 2
        return (" ".join(words[:half]), " ".join(words[half:])) if len(words) > 1 else (self.short,)


def short_name(name: str) -> str:
    """A province name that fits in a tile: ``Thành phố Hồ Chí Minh`` → ``TP. Hồ Chí Minh``."""
    name = name.replace("Thành phố ", "TP. ")
    return {"Bà Rịa - Vũng Tàu": "BR - Vũng Tàu", "Thừa Thiên Huế": "T.T. Huế"}.get(name, name)


def place_tiles(points: dict[str, tuple[float, float]], cell: float) -> dict[str, tuple[int, int]]:
    """``name → (row, col)`` for points given as ``(latitude, longitude)``: the least total squared move.

    >>> place_tiles({"a": (10.0, 100.0), "b": (10.0, 100.1), "c": (12.0, 100.0)}, 1.0)
    {'a': (2, 0), 'b': (2, 1), 'c': (0, 0)}
    """
    squeeze = math.cos(math.radians(16))  # a degree of longitude is shorter than one of latitude
    projected = {name: (lon * squeeze / cell, -lat / cell) for name, (lat, lon) in points.items()}
    left = min(x for x, _ in projected.values())
    top = min(y for _, y in projected.values())
    projected = {name: (x - left, y - top) for name, (x, y) in projected.items()}
    flow = nx.DiGraph()
    flow.add_node("source", demand=-len(projected))
    flow.add_node("sink", demand=len(projected))
    reach = math.ceil(REACH)
    for name, (x, y) in sorted(projected.items()):
        flow.add_edge("source", ("province", name), capacity=1, weight=0)
        for col in range(math.floor(x) - reach, math.floor(x) + reach + 1):
            for row in range(round(y) - reach, round(y) + reach + 1):
                distance = (col - x) ** 2 + (row - y) ** 2
                if distance <= REACH**2:
                    flow.add_edge(("province", name), ("cell", row, col), capacity=1, weight=round(distance * 100))
    for node in list(flow.nodes):
        if isinstance(node, tuple) and node[0] == "cell":
            flow.add_edge(node, "sink", capacity=1, weight=0)
    chosen = nx.min_cost_flow(flow)
    cells = {name: next(cell[1:] for cell, used in chosen[("province", name)].items() if used) for name in projected}
    top_row = min(row for row, _ in cells.values())
    left_col = min(col for _, col in cells.values())
    return {name: (row - top_row, col - left_col) for name, (row, col) in cells.items()}


@cache
def tiles(year: int = 2021) -> tuple[Tile, ...]:
    """The tiles of the 63 provinces of 2021, or of the 34 after the 2025 merger."""
    coordinates = province_coordinates()
    if year == 2021:
        positions = place_tiles(coordinates, CELL_2021)
        return tuple(Tile(p.name, *positions[p.name], short_name(p.name), (p.name,)) for p in provinces())
    if year != 2025:
        raise ValueError(f"province map of {year}: use 2021 (63 provinces) or 2025 (34 after the merger)")
    members: dict[str, list[str]] = defaultdict(list)
    for province in provinces():
        members[province.successor_2025].append(province.name)
    centres = {
        name: (sum(coordinates[m][0] for m in group) / len(group), sum(coordinates[m][1] for m in group) / len(group))
        for name, group in members.items()
    }
    positions = place_tiles(centres, CELL_2025)
    return tuple(Tile(name, *positions[name], short_name(name), tuple(group)) for name, group in members.items())


__all__ = ["Tile", "place_tiles", "short_name", "tiles"]
