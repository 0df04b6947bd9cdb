"""GEXF 1.2, for Gephi, with time: Gephi's timeline plays the graph as it grew.

Each dated document has ``start`` = its date of issue (a meeting's date when that is all it has;
a province's summarised notices, the first of them); each relationship starts with the document
it comes from (a citation on the citing notice's date); bodies, provinces and people start with
the first dated document linked to them. Undated things have no ``start`` and are always shown.
The graph is then written in GEXF's dynamic mode with ``timeformat="date"``.

Attributes are scalars (lists become JSON text). GEXF reserves some attribute names on edges
(``type`` means directed or undirected there), so the relationship type is written as
``relationship``. GEXF cannot carry two relationships of one type between the same nodes
with different sources: the exported multigraph keeps them as parallel edges.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graphbuild.exports.flat import flat_graph
from graphbuild.exports.graphml import _write_lines

RESERVED_EDGE = {"type": "relationship", "id": "edge_id", "label": "edge_label", "weight": "edge_weight", "start": "edge_start", "end": "edge_end"}
RESERVED_NODE = {"id": "node_id", "start": "node_start", "end": "node_end", "pid": "node_pid"}


def issued_on(data: dict[str, Any]) -> str | None:
    """A document's date for the timeline: issued, else met, as ``YYYY-MM-DD``."""
    date = data.get("date") or data.get("meeting_date")
    return date if isinstance(date, str) and len(date) == 10 else None


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
    documents = {n: issued_on(d) for n, d in graph.nodes(data=True) if d.get("node_kind", "document") == "document"}
    for node, date in documents.items():
        if date:
            flat.nodes[node]["start"] = date
    for node, data in flat.nodes(data=True):
        if node not in documents:
            linked = [documents[m] for m in nx.all_neighbors(graph, node) if documents.get(m)]
            if linked:
                data["start"] = min(linked)  # type: ignore[type-var]
    for start, end, data in flat.edges(data=True):
        date = documents.get(start) or documents.get(end)
        if date:
            data["start"] = date
    return flat


def generate_gexf(graph: nx.MultiDiGraph) -> Iterator[str]:
    yield from nx.generate_gexf(gexf_ready(graph), encoding="utf-8", prettyprint=True, version="1.2draft")


def write_gexf(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    _write_lines(generate_gexf(graph), path_or_file)
