"""CSV files for ``neo4j-admin database import full``: bulk loading of 100k+ notices into Neo4j.

One file of nodes per label (``nodes-Document.csv`` …) and one file of relationships per type and
pair of labels (``relationships-CITES-Document-Document.csv`` …), with the importer's headers:

    uid:ID(Document),canonical,day:long,spellings:string[],:LABEL
    :START_ID(Document),:END_ID(Province),:TYPE,basis,source

Each label is its own ID space (a uid is unique within its label). Columns are typed from the
values (``long``, ``double``, ``boolean``, ``string``, and arrays of those); arrays are joined by
:data:`ARRAY_DELIMITER` (pass ``--array-delimiter='|'``). ``import.sh`` beside the files holds the
command. What the format cannot carry: maps (written as JSON text); an array element containing
the delimiter has it replaced by ``¦``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.exports.cypher_script import node_key, node_label, rel_type

ARRAY_DELIMITER = "|"
HIDDEN = {"_label", "_key", "node_kind", "category"}


def _type_of(values: list[Any]) -> str:
    """The importer's type for a column, from the values it holds."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list) for v in present):
        items = [x for v in present for x in v if x is not None]
        return (_type_of(items) if items else "string") + "[]"
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _cell(value: Any, column_type: str) -> str:
    if value is None:
        return ""
    if column_type.endswith("[]"):
        return ARRAY_DELIMITER.join(_cell(item, column_type[:-2]).replace(ARRAY_DELIMITER, "¦") for item in value if item is not None)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(rows: list[dict[str, Any]], fixed: list[tuple[str, str]]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: ``fixed`` columns (header, row key) first, then the properties, typed."""
    properties = sorted({k for row in rows for k in row["properties"]})
    types = {name: _type_of([row["properties"].get(name) for row in rows]) for name in properties}
    header = [h for h, _ in fixed] + [name if types[name] == "string" else f"{name}:{types[name]}" for name in properties]
    cells = [[str(row[k]) for _, k in fixed] + [_cell(row["properties"].get(name), types[name]) for name in properties] for row in rows]
    return header, cells


def _csv(header: list[str], cells: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(cells)
    return out.getvalue()


def generate_neo4j_import(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for every file of the import, ``import.sh`` last."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    keys: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        label = node_label(data)
        key, value = node_key(node, data)
        keys[label] = key
        nodes[label].append({"id": value, "label": label, "properties": {k: v for k, v in data.items() if k not in HIDDEN | {key}}})
    for label, rows in sorted(nodes.items()):
        header, cells = _table(rows, [(f"{keys[label]}:ID({label})", "id"), (":LABEL", "label")])
        # the key is a property too: queries match on it
        yield f"nodes-{label}.csv", _csv(header, cells)
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for start, end, name, data in graph.edges(keys=True, data=True):
        start_label, end_label = node_label(graph.nodes[start]), node_label(graph.nodes[end])
        kind = rel_type(str(data.get("type") or name))
        relationships[(kind, start_label, end_label)].append(
            {
                "start": node_key(start, graph.nodes[start])[1],
                "end": node_key(end, graph.nodes[end])[1],
                "type": kind,
                "properties": {k: v for k, v in data.items() if k != "type"},
            }
        )
    for (kind, start_label, end_label), rows in sorted(relationships.items()):
        header, cells = _table(rows, [(f":START_ID({start_label})", "start"), (f":END_ID({end_label})", "end"), (":TYPE", "type")])
        yield f"relationships-{kind}-{start_label}-{end_label}.csv", _csv(header, cells)
    arguments = [f"--nodes={label}=nodes-{label}.csv" for label in sorted(nodes)]
    arguments += [f"--relationships=relationships-{kind}-{a}-{b}.csv" for kind, a, b in sorted(relationships)]
    yield "import.sh", (
        "#!/bin/sh\n# Load into an empty database (stop it first), then create lexgraph's constraints:\n"
        "#   lexgraph build --neo4j-uri … with no files, or the CREATE CONSTRAINT lines of `lexgraph export --format cypher`.\n"
        f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' --id-type=string \\\n  "
        + " \\\n  ".join(arguments)
        + " \\\n  ${1:-neo4j}\n"
    )


def write_neo4j_import(graph: nx.MultiDiGraph, folder: str | Path) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate_neo4j_import(graph):
        (folder / name).write_text(text, encoding="utf-8")
