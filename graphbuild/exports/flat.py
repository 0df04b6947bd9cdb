"""Flattening attributes for formats that hold only scalars (GraphML, GEXF, CSV)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import networkx as nx


def flat_value(value: Any) -> Any:
    """Lists and maps become JSON text; scalars stay as they are.

    >>> flat_value(["a", "b"]), flat_value(3), flat_value("Tỉnh ủy")
    ('["a", "b"]', 3, 'Tỉnh ủy')
    """
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and no missing values."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(str(node), **{k: flat_value(v) for k, v in data.items() if v is not None})
    for start, end, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(str(start), str(end), key=key, **{k: flat_value(v) for k, v in data.items() if v is not None})
    return flat


def write_text(text: str, path_or_file: str | Path | IO[str]) -> None:
    """Write ``text`` to an open file, or to a path in UTF-8."""
    if hasattr(path_or_file, "write"):
        path_or_file.write(text)
    else:
        Path(path_or_file).write_text(text, encoding="utf-8")
