"""GraphML, for yEd and Gephi.

GraphML attributes are scalars: lists (recipients, spans, warnings) are written as JSON text.
Missing values are left out rather than written empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import networkx as nx

from graphbuild.exports.flat import flat_graph


def generate_graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    yield from nx.generate_graphml(flat_graph(graph), encoding="utf-8", prettyprint=True)


def write_graphml(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    _write_lines(generate_graphml(graph), path_or_file)


def _write_lines(lines: Iterator[str], path_or_file: str | Path | IO[str]) -> None:
    if hasattr(path_or_file, "write"):
        for line in lines:
            path_or_file.write(line + "\n")  # type: ignore[union-attr]
        return
    with Path(path_or_file).open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
