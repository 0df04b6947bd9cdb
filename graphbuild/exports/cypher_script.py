"""A Cypher script that recreates the graph in Neo4j: constraints first, then batched loads.

Run it as it is in ``cypher-shell -f script.cypher`` or paste it into Neo4j Browser; the embedded
store runs it with ``lexgraph cypher --write --file script.cypher``. The script is idempotent:
nodes are merged on their key (``uid``, or ``key`` for summaries), relationships on their
endpoints and, where they have one, their ``source`` (one relationship per citing file), so
running it twice changes nothing.

Statements: one ``CREATE CONSTRAINT … IF NOT EXISTS`` per label; then, per label, ``UNWIND`` over
a literal list of up to :data:`BATCH` rows, ``MERGE`` on the key and ``SET n += row.properties``;
then the same per relationship type and endpoint labels. Every value is a Cypher literal (strings
quoted and escaped), never code. What the format cannot carry: maps inside lists (written as
JSON text), and NaN or infinite numbers (written as null).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graphbuild.exports.graphml import _write_lines

LABELS = {"document": "Document", "organization": "Organization", "province": "Province", "person": "Person", "summary": "Document"}
IDENTIFIER_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
BATCH = 1000  # rows a statement: a few thousand are loaded by one statement without straining the server
HIDDEN = {"_label", "_key", "node_kind", "category", "type_of_edge"}


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


def cypher_name(name: str) -> str:
    """A property or label name as Cypher takes it: back-quoted unless it is a plain identifier."""
    return name if name and set(name) <= IDENTIFIER_OK and not name[0].isdigit() else "`" + name.replace("`", "``") + "`"


def _map(data: dict[str, Any], skip: set[str]) -> str:
    items = [f"{cypher_name(k)}: {literal(v)}" for k, v in sorted(data.items()) if v is not None and k not in skip]
    return "{" + ", ".join(items) + "}"


def node_label(data: dict[str, Any]) -> str:
    return str(data.get("_label") or LABELS.get(data.get("node_kind", "document"), "Document"))


def node_key(node: Any, data: dict[str, Any]) -> tuple[str, Any]:
    """The property that identifies a node and its value (selections key nodes by uid)."""
    key = str(data.get("_key") or "uid")
    return key, data.get(key, node)


def rel_type(name: str) -> str:
    return name if name and set(name) <= IDENTIFIER_OK else "RELATED"


def _batches(rows: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def generate_cypher(graph: nx.MultiDiGraph) -> Iterator[str]:
    yield "// lexgraph export: constraints, then nodes and relationships in batches (cypher-shell -f, Neo4j Browser)"
    by_label: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        label = node_label(data)
        key, value = node_key(node, data)
        by_label[(label, key)].append(f"{{key: {literal(value)}, properties: {_map(data, HIDDEN | {key})}}}")
    for label, key in sorted(by_label):
        yield f"CREATE CONSTRAINT lexgraph_{label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE;"
    for (label, key), rows in sorted(by_label.items()):
        for batch in _batches(rows):
            yield f"UNWIND [{', '.join(batch)}] AS row MERGE (n:{label} {{{key}: row.key}}) SET n += row.properties;"
    by_type: dict[tuple[str, str, str, str, str, bool], list[str]] = defaultdict(list)
    for start, end, name, data in graph.edges(keys=True, data=True):
        start_data, end_data = graph.nodes[start], graph.nodes[end]
        start_key, start_value = node_key(start, start_data)
        end_key, end_value = node_key(end, end_data)
        kind = rel_type(str(data.get("type") or name))
        sourced = data.get("source") is not None
        group = (kind, node_label(start_data), start_key, node_label(end_data), end_key, sourced)
        by_type[group].append(
            f"{{start: {literal(start_value)}, end: {literal(end_value)}, source: {literal(data.get('source'))}, "
            f"properties: {_map(data, {'type'})}}}"
            if sourced
            else f"{{start: {literal(start_value)}, end: {literal(end_value)}, properties: {_map(data, {'type'})}}}"
        )
    for (kind, start_label, start_key, end_label, end_key, sourced), rows in sorted(by_type.items()):
        merge = f"MERGE (a)-[r:{kind} {{source: row.source}}]->(b)" if sourced else f"MERGE (a)-[r:{kind}]->(b)"
        for batch in _batches(rows):
            yield (
                f"UNWIND [{', '.join(batch)}] AS row MATCH (a:{start_label} {{{start_key}: row.start}}) "
                f"MATCH (b:{end_label} {{{end_key}: row.end}}) {merge} SET r += row.properties;"
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
