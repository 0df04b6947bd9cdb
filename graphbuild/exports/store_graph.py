"""The whole graph as the store holds it, as a networkx graph, for the Neo4j-native exports.

A selection (maps, GraphML …) draws documents and their context; a Cypher script or a bulk import
meant to recreate lexgraph's graph in Neo4j needs every node kind the questions read: merged
provinces and the summaries the build keeps, too. The build's own journal (``:Source``,
``:BuildState``) is left out: it describes files on this machine.

Each node carries ``_label`` and ``_key`` (the property that identifies it: ``uid``, ``key``);
node ids are ``Label:key``. Relationships carry ``type``.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.stores.base import GraphStore
from graphbuild.stores.schema import KEYS

DUMPED_LABELS = ("Document", "Organization", "Person", "Province", "MergedProvince", "Summary")


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
