"""CSV files for ``neo4j-admin database import full``: bulk loading of 100k+ notices into Neo4j.

One file of nodes per label (``nodes-Document.csv`` …) and one file of relationships per type and
pair of labels (``relationships-CITES-Document-Document.csv`` …), with the importer's headers:

    uid:ID(Document),canonical,day:long,spellings:string[],:LABEL
    :START_ID(Document),:END_ID(Province),:TYPE,basis,source

Each label is its own ID space (a uid is unique within its label). The whole store's files
(:func:`write_store_import`, a first load of a large corpus) number the nodes instead, for the
importer's fastest path (``--id-type=actual``: no map from keys to nodes), and keep each node's key
as a property:

    :ID,uid,:LABEL,canonical,day:long,spellings:string[]
    :START_ID,:END_ID,:TYPE,basis,source

``--multiline-fields=true`` (which slows the importer) is passed only when a value spans lines.
Columns are typed from the values (``long``, ``double``, ``boolean``, ``string``, and arrays of
those); arrays are joined by :data:`ARRAY_DELIMITER` (pass ``--array-delimiter='|'``). ``import.sh``
beside the files holds the command. What the format cannot carry: maps (written as JSON text); an
array element containing the delimiter has it replaced by ``¦``; and an empty list, which the
importer reads as no value. ``after-import.cypher`` puts the empty lists back, so that the imported
graph is the graph a build through the driver makes: where every node of a label (or relationship of
a type) has the list, an empty one is set where it is missing; where some have no list at all, a
boolean column ``lexgraph_empty__<property>`` marks the empty ones, and the script sets them and
removes the mark.
"""

from __future__ import annotations

import csv
import io
import json
import marshal
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graphbuild.exports.cypher_script import cypher_name, node_key, node_label, rel_type
from graphbuild.exports.store_graph import DUMPED_LABELS, JOURNAL_LABELS, node_keys, node_pages, relationship_kinds, relationship_pages
from graphbuild.stores.base import GraphStore
from graphbuild.stores.schema import KEYS, neo4j_schema

ARRAY_DELIMITER = "|"
HIDDEN = {"_label", "_key", "node_kind", "category"}
EMPTY_MARK = "lexgraph_empty__"


@dataclass
class Column:
    """What a property's values are, seen one at a time: the importer's type for its column, and
    whether some are empty lists (which the importer cannot carry)."""

    present: int = 0
    lists: int = 0
    booleans: int = 0
    integers: int = 0
    numbers: int = 0
    empty: bool = False
    lines: bool = False
    items: Column | None = None

    def see(self, value: Any) -> None:
        if value is None:
            return
        self.present += 1
        if isinstance(value, list):
            self.lists += 1
            self.empty = self.empty or not value
            self.items = self.items or Column()
            for item in value:
                if item is not None:
                    self.items.see(item)
        elif isinstance(value, bool):
            self.booleans += 1
        elif isinstance(value, int):
            self.integers += 1
            self.numbers += 1
        elif isinstance(value, float):
            self.numbers += 1
        elif value.__class__ is str and ("\n" in value or "\r" in value):
            self.lines = True

    @property
    def multiline(self) -> bool:
        """Whether a value (or a list's item) spans lines: only then is the importer told
        ``--multiline-fields=true``, which slows it (100k notices: 21.2 s against 16.5 s)."""
        return self.lines or bool(self.items and self.items.multiline)

    @property
    def type(self) -> str:
        """The importer's type, from the values seen.

        >>> column = Column()
        >>> for value in ([1, 2], [], None): column.see(value)
        >>> column.type, column.empty, column.present
        ('long[]', True, 2)
        """
        if self.present and self.lists == self.present:
            return (self.items.type if self.items and self.items.present else "string") + "[]"
        if self.present and self.booleans == self.present:
            return "boolean"
        if self.present and self.integers == self.present:
            return "long"
        if self.present and self.numbers == self.present:
            return "double"
        return "string"


def _cell(value: Any, column_type: str) -> str:
    if value.__class__ is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return ""
    if column_type.endswith("[]"):
        return ARRAY_DELIMITER.join(_cell(item, column_type[:-2]).replace(ARRAY_DELIMITER, "¦") for item in value if item is not None)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass
class Table:
    """One file of the import: its fixed columns, then a column per property, typed, then a mark
    column for each list property whose empty lists the after-import script must find."""

    fixed: list[str]
    pattern: str  # matches the file's elements in Cypher
    element: str  # the variable of the element in ``pattern``
    columns: dict[str, Column] = field(default_factory=dict)
    rows: int = 0

    def see(self, properties: dict[str, Any]) -> None:
        """One element's properties (all of them are seen before the first row is written)."""
        self.rows += 1
        columns = self.columns
        for name, value in properties.items():
            if value is not None:
                column = columns.get(name)
                if column is None:
                    column = columns[name] = Column()
                column.see(value)

    @property
    def multiline(self) -> bool:
        return any(column.multiline for column in self.columns.values())

    @cached_property
    def names(self) -> list[str]:
        return sorted(self.columns)

    @cached_property
    def types(self) -> list[tuple[str, str]]:
        return [(name, self.columns[name].type) for name in self.names]

    @cached_property
    def marked(self) -> list[str]:
        """List properties with empty lists where other elements have no value at all."""
        return [name for name in self.names if self.columns[name].empty and self.columns[name].present < self.rows]

    def header(self) -> list[str]:
        return [*self.fixed, *(name if kind == "string" else f"{name}:{kind}" for name, kind in self.types),
                *(f"{EMPTY_MARK}{name}:boolean" for name in self.marked)]

    def cells(self, fixed: list[str], properties: dict[str, Any]) -> list[str]:
        get = properties.get
        return [*fixed, *(_cell(get(name), kind) for name, kind in self.types),
                *("true" if get(name) == [] else "" for name in self.marked)]

    def after_import(self) -> list[str]:
        """The statements that put back the empty lists the importer dropped."""
        statements = []
        for name in self.names:
            if not self.columns[name].empty:
                continue
            prop = f"{self.element}.{cypher_name(name)}"
            if name in self.marked:
                mark = f"{self.element}.{cypher_name(EMPTY_MARK + name)}"
                statements.append(f"MATCH {self.pattern} WHERE {mark} SET {prop} = [] REMOVE {mark};")
            else:
                statements.append(f"MATCH {self.pattern} WHERE {prop} IS NULL SET {prop} = [];")
        return statements


def _spans_lines(text: str) -> bool:
    return "\n" in text or "\r" in text


def _csv(header: list[str], cells: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(cells)
    return out.getvalue()


def _node_table(label: str, key: str, *, numbered: bool = False) -> Table:
    # the key is a property too: queries match on it (numbered: the node's number, --id-type=actual,
    # its id in the new store, then the key as a column of its own)
    fixed = [":ID", key, ":LABEL"] if numbered else [f"{key}:ID({label})", ":LABEL"]
    return Table(fixed, f"(n:{label})", "n")


def _relationship_table(kind: str, start_label: str, end_label: str, *, numbered: bool = False) -> Table:
    fixed = [":START_ID", ":END_ID", ":TYPE"] if numbered else [f":START_ID({start_label})", f":END_ID({end_label})", ":TYPE"]
    return Table(fixed, f"(:{start_label})-[r:{kind}]->(:{end_label})", "r")


def _after_import(statements: list[str]) -> str:
    return (
        "// After neo4j-admin import, with the database started: the empty lists the importer cannot carry,\n"
        "// then lexgraph's constraints and indexes.\n"
        "//   cypher-shell -f after-import.cypher, or lexgraph cypher --write --file after-import.cypher --neo4j-uri …\n"
        + "".join(f"{statement}\n" for statement in statements)
        + "".join(f"{statement};\n" for statement in neo4j_schema())
    )


def _import_script(files: list[str], *, multiline: bool, numbered: bool = False) -> str:
    arguments = importer_arguments(files, multiline=multiline, numbered=numbered)
    return (
        "#!/bin/sh\n# Load into an empty database (stop it first; NEO4J_HOME names its installation), start it, then run\n"
        "# after-import.cypher (the empty lists the importer cannot carry, lexgraph's constraints and indexes):\n"
        "#   cypher-shell -f after-import.cypher, or lexgraph cypher --write --file after-import.cypher --neo4j-uri …\n"
        "neo4j-admin database import full ${1:-neo4j} \\\n  "
        + " \\\n  ".join(f"--array-delimiter='{a.split('=', 1)[1]}'" if a.startswith("--array-delimiter=") else a for a in arguments)
        + "\n"
    )


def generate_neo4j_import(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for every file of the import of a selection, ``import.sh`` last."""
    nodes: dict[str, list[tuple[list[str], dict[str, Any]]]] = defaultdict(list)
    keys: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        label = node_label(data)
        key, value = node_key(node, data)
        keys[label] = key
        nodes[label].append(([str(value), label], {k: v for k, v in data.items() if k not in HIDDEN | {key}}))
    relationships: dict[tuple[str, str, str], list[tuple[list[str], dict[str, Any]]]] = defaultdict(list)
    for start, end, name, data in graph.edges(keys=True, data=True):
        start_label, end_label = node_label(graph.nodes[start]), node_label(graph.nodes[end])
        kind = rel_type(str(data.get("type") or name))
        fixed = [str(node_key(start, graph.nodes[start])[1]), str(node_key(end, graph.nodes[end])[1]), kind]
        relationships[(kind, start_label, end_label)].append((fixed, {k: v for k, v in data.items() if k != "type"}))
    files: list[tuple[str, Table, list[tuple[list[str], dict[str, Any]]]]] = [
        (f"nodes-{label}.csv", _node_table(label, keys[label]), rows) for label, rows in sorted(nodes.items())
    ]
    files += [
        (f"relationships-{kind}-{a}-{b}.csv", _relationship_table(kind, a, b), rows) for (kind, a, b), rows in sorted(relationships.items())
    ]
    after: list[str] = []
    multiline = any(_spans_lines(fixed[0]) for rows in nodes.values() for fixed, _ in rows)
    for name, table, rows in files:
        for _, properties in rows:
            table.see(properties)
        after += table.after_import()
        multiline |= table.multiline
        yield name, _csv(table.header(), [table.cells(fixed, properties) for fixed, properties in rows])
    yield "after-import.cypher", _after_import(after)
    yield "import.sh", _import_script([name for name, _, _ in files], multiline=multiline)


def importer_arguments(files: list[str], *, multiline: bool = False, numbered: bool = False) -> list[str]:
    """The options of ``neo4j-admin database import full DATABASE`` for the import's files (their
    names, in the folder the command runs in). The database's name goes before them: the file
    options take every word after them as files. ``multiline`` when a value spans lines;
    ``numbered`` when the files name nodes by number (``--id-type=actual``) instead of by key.

    >>> importer_arguments(["relationships-CITES-Document-Document.csv", "nodes-Document.csv"])[1:]
    ['--id-type=string', '--nodes=Document=nodes-Document.csv', '--relationships=relationships-CITES-Document-Document.csv']
    >>> importer_arguments(["nodes-Document.csv"], multiline=True, numbered=True)[1:3]
    ['--id-type=actual', '--multiline-fields=true']
    """
    nodes = sorted(name for name in files if name.startswith("nodes-"))
    relationships = sorted(name for name in files if name.startswith("relationships-"))
    return [
        f"--array-delimiter={ARRAY_DELIMITER}", f"--id-type={'actual' if numbered else 'string'}",
        *(["--multiline-fields=true"] if multiline else []),
        *(f"--nodes={name.removeprefix('nodes-').removesuffix('.csv')}={name}" for name in nodes),
        *(f"--relationships={name}" for name in relationships),
    ]


def write_neo4j_import(graph: nx.MultiDiGraph, folder: str | Path) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate_neo4j_import(graph):
        (folder / name).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Written:
    """How many nodes and relationships the files hold (named as networkx names them)."""

    nodes: int
    relationships: int

    def number_of_nodes(self) -> int:
        return self.nodes

    def number_of_edges(self) -> int:
        return self.relationships


def _spooled(spool: IO[bytes]) -> Iterator[list[dict[str, Any]]]:
    while True:
        try:
            yield marshal.load(spool)
        except EOFError:
            return


def _node_ids(label: str, numbers: dict[str, int], row: dict[str, Any]) -> list[str]:
    return [str(numbers[row["key"]]), str(row["key"]), label]


def _relationship_ends(kind: str, starts: dict[str, int], ends: dict[str, int], row: dict[str, Any]) -> list[str]:
    return [str(starts[row["start"]]), str(ends[row["end"]]), kind]


def _numbers(keys: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Every node's number in the import: the labels in order, each label's nodes in key order.

    >>> _numbers({"Province": ["a", "b"], "Document": ["x"]})
    {'Document': {'x': 0}, 'Province': {'a': 1, 'b': 2}}
    """
    numbers: dict[str, dict[str, int]] = {}
    first = 0
    for label in sorted(keys):
        numbers[label] = {key: first + index for index, key in enumerate(keys[label])}
        first += len(keys[label])
    return numbers


def write_store_import(store: GraphStore, folder: str | Path) -> Written:
    """The import's files for the whole store, read a page at a time, so that memory does not grow
    with the corpus: each page is seen for the columns' types and spooled to a temporary file, and
    the rows are written from the spool once the header is known. The build's journal
    (``:Source``, ``:BuildState``) comes too: a build through the driver after the import finds the
    files it was made from loaded, and reads only those that changed (the paths are this machine's)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    keys = {label: node_keys(store, label) for label in DUMPED_LABELS + JOURNAL_LABELS}
    numbers = _numbers(keys)
    files: list[tuple[str, Table, Callable[[], Iterator[list[dict[str, Any]]]], Callable[[dict[str, Any]], list[str]]]] = []
    for label in sorted(keys):
        if keys[label]:
            files.append((
                f"nodes-{label}.csv", _node_table(label, KEYS[label], numbered=True), partial(node_pages, store, label, keys[label]),
                partial(_node_ids, label, numbers[label]),
            ))
    for kind, start_label, end_label in relationship_kinds(store):
        files.append((
            f"relationships-{kind}-{start_label}-{end_label}.csv", _relationship_table(kind, start_label, end_label, numbered=True),
            partial(relationship_pages, store, (kind, start_label, end_label), keys[start_label]),
            partial(_relationship_ends, kind, numbers[start_label], numbers[end_label]),
        ))
    multiline = any(_spans_lines(key) for label in keys for key in keys[label])
    after: list[str] = []
    counts = {"nodes": 0, "relationships": 0}
    for name, table, pages, fixed in files:
        # Read once: each page is seen for the columns' types and kept on disk until the header is known.
        with tempfile.TemporaryFile(prefix="lexgraph-export-") as spool:
            for page in pages():
                for row in page:
                    table.see(row["properties"])
                marshal.dump(page, spool)
            after += table.after_import()
            multiline |= table.multiline
            counts["nodes" if name.startswith("nodes-") else "relationships"] += table.rows
            spool.seek(0)
            with (folder / name).open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(table.header())
                for page in _spooled(spool):
                    writer.writerows(table.cells(fixed(row), row["properties"]) for row in page)
    (folder / "after-import.cypher").write_text(_after_import(after), encoding="utf-8")
    (folder / "import.sh").write_text(_import_script([name for name, *_ in files], multiline=multiline, numbered=True), encoding="utf-8")
    return Written(counts["nodes"], counts["relationships"])
