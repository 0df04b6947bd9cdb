"""A Cypher script that recreates the subgraph with ``MERGE`` statements, one per line.

Load it into Neo4j with ``cypher-shell -f script.cypher`` or into the embedded store with
``lexgraph cypher --write --file script.cypher``. Every value is written as a Cypher literal
(strings quoted and escaped), never pasted as code. Missing values are left out; maps nested
inside lists cannot be stored as properties and are written as JSON text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graphbuild.exports.graphml import _write_lines

LABELS = {"document": "Document", "organization": "Organization", "province": "Province", "person": "Person"}
IDENTIFIER_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def literal(value: Any) -> str:
    """A Cypher literal for ``value``.

    >>> literal("Tỉnh ủy 'X'\\n"), literal([1, "a"]), literal(True), literal(2.5)
    ("'Tỉnh ủy \\\\'X\\\\'\\\\n'", "[1, 'a']", 'true', '2.5')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "null" if math.isnan(value) or math.isinf(value) else repr(value)
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list, tuple)) for v in value):
            return literal(json.dumps(value, ensure_ascii=False))
        return "[" + ", ".join(literal(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return literal(json.dumps(value, ensure_ascii=False))
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{escaped}'"


def _key(name: str) -> str:
    return name if set(name) <= IDENTIFIER_OK and not name[0].isdigit() else "`" + name.replace("`", "``") + "`"


def _map(data: dict[str, Any], skip: set[str]) -> str:
    items = [f"{_key(k)}: {literal(v)}" for k, v in sorted(data.items()) if v is not None and k not in skip]
    return "{" + ", ".join(items) + "}"


def _label(data: dict[str, Any]) -> str:
    return LABELS.get(data.get("node_kind", "document"), "Document")


def _rel_type(name: str) -> str:
    return name if name and set(name) <= IDENTIFIER_OK else "RELATED"


def generate_cypher(graph: nx.MultiDiGraph) -> Iterator[str]:
    yield "// lexgraph export: MERGE statements, one per line"
    for node, data in graph.nodes(data=True):
        yield f"MERGE (n:{_label(data)} {{uid: {literal(str(node))}}}) SET n += {_map(data, {'uid', 'node_kind', 'category'})};"
    for start, end, key, data in graph.edges(keys=True, data=True):
        rel_type = _rel_type(data.get("type") or str(key))
        yield (
            f"MATCH (a:{_label(graph.nodes[start])} {{uid: {literal(str(start))}}}) "
            f"MATCH (b:{_label(graph.nodes[end])} {{uid: {literal(str(end))}}}) "
            f"MERGE (a)-[r:{rel_type}]->(b) SET r += {_map(data, {'type'})};"
        )


def statements(script: str) -> list[str]:
    """The statements of a script: one per line ending in ``;``, ``//`` comment lines skipped."""
    found: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("//")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            found.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if current and "\n".join(current).strip():
        found.append("\n".join(current).strip())
    return found


def write_cypher(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[str]) -> None:
    _write_lines(generate_cypher(graph), path_or_file)
