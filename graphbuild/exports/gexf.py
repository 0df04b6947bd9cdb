"""GEXF 1.2, for Gephi.

Attributes are scalars (lists become JSON text). GEXF reserves some attribute names on edges
(``type`` means directed or undirected there), so the relationship type is written as
``relationship``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import networkx as nx

from graphbuild.exports.flat import flat_graph
from graphbuild.exports.graphml import _write_lines

RESERVED_EDGE = {"type": "relationship", "id": "edge_id", "label": "edge_label", "weight": "edge_weight", "start": "edge_start", "end": "edge_end"}
RESERVED_NODE = {"id": "node_id", "start": "node_start", "end": "node_end", "pid": "node_pid"}


def gexf_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = flat_graph(graph)
    for _, data in flat.nodes(data=True):
        for name, replacement in RESERVED_NODE.items():
            if name in data:
                data[replacement] = data.pop(name)
    for _, _, data in flat.edges(data=True):
        for name, replacement in RESERVED_EDGE.items():
            if name in data:
                data[replacement] = data.pop(name)
    return flat


def generate_gexf(graph: nx.MultiDiGraph) -> Iterator[str]:
    yield from nx.generate_gexf(gexf_ready(graph), encoding="utf-8", prettyprint=True, version="1.2draft")


def write_gexf(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    _write_lines(generate_gexf(graph), path_or_file)
