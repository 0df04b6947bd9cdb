"""FalkorDB's bulk insert path (``GRAPH.BULK``, what ``falkordb-bulk-loader`` sends), measured on
lexgraph's own graph: how fast the embedded store can take a whole graph when no Cypher runs.

Input: a folder ``lexgraph export --format neo4j-import`` wrote (the whole graph of a build, typed
CSV). Each label and relationship type is encoded in the bulk protocol's binary form (a header of
property names, then every entity's typed values; a relationship's ends as the nodes' sequence
numbers), sent in buffers of ``--buffer-mb`` to a new graph key of a scratch embedded store, then the
store's key indexes are created. Prints the time to encode (this process, Python), the store's time
for the bulk commands and for the indexes, entities a second, and the counts read back from the
graph, checked against the files'.

    python -m bench.bench_falkor_bulk --folder EXPORT [--buffer-mb 32]

Only a new graph can be made this way (``GRAPH.BULK`` refuses an existing key): this measures what
a first build could gain in its load, not an incremental build.
"""

from __future__ import annotations

import argparse
import csv
import re
import struct
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graphbuild.stores import falkor_server
from graphbuild.stores.schema import INDEXED, KEYS

NULL, BOOL, DOUBLE, STRING, LONG, ARRAY = 0, 1, 2, 3, 4, 5
SCALAR = {"long": LONG, "int": LONG, "boolean": BOOL, "double": DOUBLE, "float": DOUBLE, "string": STRING}
ARRAY_DELIMITER = "|"
GRAPH = "bulk_probe"


def _column(field: str) -> tuple[str | None, str]:
    """``uid:ID(Document)`` → ('uid', 'id'); ``:ID`` → (None, 'id'); ``:LABEL`` → (None, 'skip');
    ``day:long`` → ('day', 'long')."""
    name, _, kind = field.partition(":")
    if kind == "ID" or kind.startswith("ID("):
        return name or None, "id"
    if kind in ("START_ID", "END_ID") or kind.startswith(("START_ID(", "END_ID(")):
        return None, kind.split("(")[0].lower()
    if kind in ("LABEL", "TYPE"):
        return None, "skip"
    return name, kind or "string"


def _group(fields: list[str], kind: str) -> str:
    """The ID space a file's ``kind`` column names (``:ID(Document)``), or ``""`` when the nodes are
    numbered across the whole import (``:ID``, ``--id-type=actual``)."""
    for field in fields:
        found = field.partition(":")[2]
        if found.startswith(f"{kind}("):
            return found[len(kind) + 1 : -1]
    return ""


def _value(text: str, kind: str) -> bytes:
    if text == "":
        return struct.pack("=B", NULL)
    if kind.endswith("[]"):
        element = SCALAR[kind[:-2]]
        items = text.split(ARRAY_DELIMITER)
        return struct.pack("=Bq", ARRAY, len(items)) + b"".join(_scalar(item, element) for item in items)
    return _scalar(text, SCALAR.get(kind, STRING) if kind != "id" else STRING)


def _scalar(text: str, kind: int) -> bytes:
    if kind == LONG:
        return struct.pack("=Bq", LONG, int(text))
    if kind == DOUBLE:
        return struct.pack("=Bd", DOUBLE, float(text))
    if kind == BOOL:
        return struct.pack("=B?", BOOL, text.lower() == "true")
    encoded = text.encode()
    return struct.pack(f"=B{len(encoded) + 1}s", STRING, encoded)


def _header(name: str, properties: list[str]) -> bytes:
    parts = [struct.pack(f"={len(name.encode()) + 1}sI", name.encode(), len(properties))]
    parts += [struct.pack(f"={len(p.encode()) + 1}s", p.encode()) for p in properties]
    return b"".join(parts)


def encode(folder: Path, buffer_bytes: int) -> tuple[list[list[Any]], int, int]:
    """The bulk commands' arguments for every file of ``folder``: nodes first (their sequence
    numbers, in the order sent, are what relationships name), then relationships."""
    ids: dict[tuple[str, str], int] = {}
    commands: list[list[Any]] = []
    nodes = relationships = 0
    files = sorted(folder.glob("nodes-*.csv")) + sorted(folder.glob("relationships-*.csv"))
    for path in files:
        is_node = path.name.startswith("nodes-")
        label = re.match(r"(?:nodes|relationships)-([A-Za-z_]+)", path.name).group(1)  # type: ignore[union-attr]
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            fields = next(reader)
            columns = [_column(field) for field in fields]
            namespace = _group(fields, "ID")
            ends = [_group(fields, "START_ID"), _group(fields, "END_ID")]
            kept = [(index, name, kind) for index, (name, kind) in enumerate(columns) if name is not None]
            id_index = next((i for i, (_, kind) in enumerate(columns) if kind == "id"), None)
            start = next((i for i, (_, kind) in enumerate(columns) if kind == "start_id"), None)
            end = next((i for i, (_, kind) in enumerate(columns) if kind == "end_id"), None)
            head = _header(label, [name for _, name, _ in kept])  # type: ignore[misc]
            entities: list[bytes] = []
            for row in reader:
                values = b"".join(_value(row[index], kind) for index, _, kind in kept)
                if is_node:
                    ids[(namespace, row[id_index])] = nodes  # type: ignore[index]
                    nodes += 1
                    entities.append(values)
                else:
                    entities.append(struct.pack("=QQ", ids[(ends[0], row[start])], ids[(ends[1], row[end])]) + values)  # type: ignore[index]
                    relationships += 1
        commands += [[len(part) if is_node else 0, 0 if is_node else len(part), head + b"".join(part), is_node] for part in _buffers(entities, buffer_bytes)]
    return commands, nodes, relationships


def _buffers(entities: list[bytes], limit: int) -> list[list[bytes]]:
    """The entities in runs of about ``limit`` bytes: one bulk command each."""
    parts: list[list[bytes]] = [[]]
    size = 0
    for entity in entities:
        if size >= limit:
            parts.append([])
            size = 0
        parts[-1].append(entity)
        size += len(entity)
    return [part for part in parts if part]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", required=True, type=Path, help="a folder of `lexgraph export --format neo4j-import`")
    parser.add_argument("--buffer-mb", type=int, default=32)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    commands, nodes, relationships = encode(args.folder, args.buffer_mb * 1024 * 1024)
    encoded = time.perf_counter() - started
    size = sum(len(c[2]) for c in commands)
    import redis

    with tempfile.TemporaryDirectory(prefix="lexgraph-bulk-") as scratch:
        home = Path(scratch)
        paths = falkor_server.start(home)
        try:
            client = redis.Redis(unix_socket_path=str(paths.socket))
            started = time.perf_counter()
            for number, (node_count, relationship_count, blob, is_node) in enumerate(commands):
                head = ["BEGIN"] if number == 0 else []
                labels, types = ([blob], []) if is_node else ([], [blob])
                client.execute_command("GRAPH.BULK", GRAPH, *head, node_count, relationship_count, len(labels), len(types), *labels, *types)
            loaded = time.perf_counter() - started
            started = time.perf_counter()
            for label, key in KEYS.items():
                client.execute_command("GRAPH.QUERY", GRAPH, f"CREATE INDEX FOR (n:{label}) ON (n.{key})")
            for label, properties in INDEXED.items():
                for prop in properties:
                    client.execute_command("GRAPH.QUERY", GRAPH, f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
            indexed = time.perf_counter() - started
            counted = client.execute_command("GRAPH.QUERY", GRAPH, "MATCH (n) RETURN count(n)")[1][0][0]
            related = client.execute_command("GRAPH.QUERY", GRAPH, "MATCH ()-[r]->() RETURN count(r)")[1][0][0]
        finally:
            falkor_server.stop(home)
    entities = nodes + relationships
    print(f"files: {nodes:,} nodes + {relationships:,} relationships; {size / 1e6:,.0f} MB in {len(commands)} GRAPH.BULK commands")
    print(f"encode (Python, this process): {encoded:.1f} s = {entities / encoded:,.0f} entities/s")
    print(f"GRAPH.BULK (the store): {loaded:.1f} s = {entities / loaded:,.0f} entities/s; indexes {indexed:.1f} s")
    print(f"read back: {counted:,} nodes, {related:,} relationships")
    if (counted, related) != (nodes, relationships):
        sys.exit("the graph's counts differ from the files'")


if __name__ == "__main__":
    main()
