"""Exports of a selected subgraph (a networkx graph): one module per format, each a pure
``generate_*`` that makes text with no I/O and a thin ``write_*`` that takes a path or a file.

Pictures of the network (PNG, SVG) are drawn by the views (:mod:`viz.network_picture`); the API
offers them beside these formats (:data:`graphbuild.api.EXPORT_FORMATS`). A new format is a
module here and a line in ``WRITERS``.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

# Each format's module and writer, imported when the format is asked for (the command line lists
# the formats without loading networkx and every writer).
WRITERS: dict[str, tuple[str, str]] = {
    "graphml": ("graphml", "write_graphml"),
    "gexf": ("gexf", "write_gexf"),
    "json": ("json_graph", "write_json"),
    "jsonld": ("jsonld", "write_jsonld"),
    "csv": ("csv_tables", "write_csv"),
    "cypher": ("cypher_script", "write_cypher"),
    "neo4j-import": ("neo4j_import", "write_neo4j_import"),
    "md": ("markdown", "write_markdown"),
}
FORMATS = tuple(WRITERS)
# Pictures of the network, drawn by the views (viz.network_picture), offered beside them by the API
PICTURE_FORMATS = ("png", "svg")
EXPORT_FORMATS = (*FORMATS, *PICTURE_FORMATS)
# Formats that recreate lexgraph's graph in Neo4j: without a selection they carry the whole store
# (merged provinces and summaries too), not the drawing of it.
NEO4J_FORMATS = ("cypher", "neo4j-import")
# Formats written as a folder of files
FOLDER_FORMATS = ("csv", "neo4j-import")


def export(graph: Any, fmt: str, out: str | Path) -> None:
    module, writer = WRITERS[fmt]
    getattr(import_module(f"graphbuild.exports.{module}"), writer)(graph, out)
