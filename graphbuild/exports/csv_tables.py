"""Two CSV tables, ``nodes.csv`` and ``edges.csv``: one row per node or relationship, every property a column.

UTF-8 with a byte-order mark, so that Excel shows Vietnamese correctly. Lists are JSON text.
CSV has no types: numbers come back as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.exports.flat import flat_value
from graphbuild.output import generate_csv


def node_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [{"id": node, **{k: flat_value(v) for k, v in data.items()}} for node, data in graph.nodes(data=True)]


def edge_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [
        {"source": start, "target": end, "key": key, **{k: flat_value(v) for k, v in data.items()}}
        for start, end, key, data in graph.edges(keys=True, data=True)
    ]


def generate_csv_tables(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {"nodes.csv": generate_csv(node_rows(graph)), "edges.csv": generate_csv(edge_rows(graph))}


def write_csv(graph: nx.MultiDiGraph, folder: str | Path) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` (made if missing)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate_csv_tables(graph).items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
