"""Exports of a selected subgraph (a networkx graph): one module per format, each a pure
``generate_*`` that makes text with no I/O and a thin ``write_*`` that takes a path or a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.exports.csv_tables import write_csv
from graphbuild.exports.cypher_script import write_cypher
from graphbuild.exports.gexf import write_gexf
from graphbuild.exports.graphml import write_graphml
from graphbuild.exports.json_graph import write_json
from graphbuild.exports.markdown import write_markdown
from graphbuild.exports.neo4j_import import write_neo4j_import
from graphbuild.exports.picture import write_picture

WRITERS: dict[str, Callable[[nx.MultiDiGraph, Any], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
    "cypher": write_cypher,
    "neo4j-import": write_neo4j_import,
    "md": write_markdown,
    "png": lambda graph, out: write_picture(graph, out, fmt="png"),
    "svg": lambda graph, out: write_picture(graph, out, fmt="svg"),
}
FORMATS = tuple(WRITERS)
# Formats that recreate lexgraph's graph in Neo4j: without a selection they carry the whole store
# (merged provinces and summaries too), not the drawing of it.
NEO4J_FORMATS = ("cypher", "neo4j-import")


def export(graph: nx.MultiDiGraph, fmt: str, out: str | Path) -> None:
    WRITERS[fmt](graph, out)
