"""The whole graph as the store holds it, as a networkx graph, for the Neo4j-native exports.

A selection (maps, GraphML …) draws documents and their context; a Cypher script or a bulk import
meant to recreate lexgraph's graph in Neo4j needs every node kind the questions read: merged
provinces and the summaries the build keeps, too. The build's own journal (``:Source``,
``:BuildState``) is left out of a selection and of the Cypher script; the bulk import's files carry
it (:data:`JOURNAL_LABELS`): the graph they load goes on being built from the same files.

Each node carries ``_label`` and ``_key`` (the property that identifies it: ``uid``, ``key``);
node ids are ``Label:key``. Relationships carry ``type``. The same elements are also read a page
at a time (:func:`node_pages`, :func:`relationship_pages`), for the bulk import's files of a large
corpus (a networkx graph of 100k notices holds 7 GB).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from graphbuild.exports.cypher_script import IDENTIFIER_OK
from graphbuild.stores.base import GraphStore
from graphbuild.stores.schema import KEYS

DUMPED_LABELS = ("Document", "Organization", "Person", "Province", "MergedProvince", "Summary")
# The build's journal: the files loaded (their hash, size and time, the documents each holds) and
# the graph's version (and what a build left owing). The bulk import carries it, so that the first
# build through the driver after an import reads only the files that changed.
JOURNAL_LABELS = ("Source", "BuildState")


def node_id(label: str, key: object) -> str:
    return f"{label}:{key}"


def whole_graph(store: GraphStore) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for label in DUMPED_LABELS:
        key = KEYS[label]
        for row in store.read(f"MATCH (n:{label}) RETURN properties(n) AS properties"):
            properties = dict(row["properties"])
            graph.add_node(node_id(label, properties[key]), _label=label, _key=key, **properties)
    relationships = store.read(
        "MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels) "
        "RETURN labels(a)[0] AS start_label, coalesce(a.uid, a.key) AS start, labels(b)[0] AS end_label, "
        "coalesce(b.uid, b.key) AS end, type(r) AS type, properties(r) AS properties",
        {"labels": list(DUMPED_LABELS)},
    )
    for row in relationships:
        start, end = node_id(row["start_label"], row["start"]), node_id(row["end_label"], row["end"])
        graph.add_edge(start, end, type=row["type"], **dict(row["properties"] or {}))
    return graph


# Elements read a page at a time by the streaming exports: what is held is a page of elements and
# the keys of one label (a few MB for 100k notices), not the corpus.
PAGE = 1000
RELATIONSHIP_KINDS = """
MATCH (a)-[r]->(b)
WITH labels(a)[0] AS start_label, type(r) AS type, labels(b)[0] AS end_label
WHERE start_label IN $labels AND end_label IN $labels
RETURN DISTINCT start_label, type, end_label
ORDER BY type, start_label, end_label
"""


def _identifier(name: str) -> str:
    if not name or not set(name) <= IDENTIFIER_OK or name[0].isdigit():
        raise ValueError(f"'{name}' is not a name lexgraph writes into Cypher")
    return name


def node_keys(store: GraphStore, label: str) -> list[str]:
    """The keys of every node of ``label``, in order (the pages of :func:`node_pages`)."""
    key = KEYS[label]
    return [row["key"] for row in store.read(f"MATCH (n:{label}) RETURN n.{key} AS key ORDER BY key")]


def node_pages(store: GraphStore, label: str, keys: list[str]) -> Iterator[list[dict[str, Any]]]:
    """The nodes of ``label`` (their key, and their other properties), a page at a time."""
    key = KEYS[label]
    cypher = f"UNWIND $keys AS key MATCH (n:{label} {{{key}: key}}) RETURN n.{key} AS key, properties(n) AS properties"
    for start in range(0, len(keys), PAGE):
        page = store.read(cypher, {"keys": keys[start : start + PAGE]})
        for row in page:
            row["properties"] = {k: v for k, v in row["properties"].items() if k != key}
        yield page


def relationship_kinds(store: GraphStore) -> list[tuple[str, str, str]]:
    """Each relationship type with the labels of its ends, between the labels exported."""
    rows = store.read(RELATIONSHIP_KINDS, {"labels": list(DUMPED_LABELS)})
    return [(_identifier(r["type"]), r["start_label"], r["end_label"]) for r in rows]


def relationship_pages(store: GraphStore, kind: tuple[str, str, str], start_keys: list[str]) -> Iterator[list[dict[str, Any]]]:
    """The relationships of one kind (start key, end key, properties), a page of start nodes at a time."""
    rel, start_label, end_label = kind
    cypher = (
        f"UNWIND $keys AS key MATCH (a:{start_label} {{{KEYS[start_label]}: key}})-[r:{rel}]->(b:{end_label}) "
        f"RETURN a.{KEYS[start_label]} AS start, b.{KEYS[end_label]} AS end, properties(r) AS properties"
    )
    for start in range(0, len(start_keys), PAGE):
        yield store.read(cypher, {"keys": start_keys[start : start + PAGE]})
