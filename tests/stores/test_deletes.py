"""A node deleted after the graph has grown is gone from its label's scan, on both stores.

FalkorDB 4.16 kept such a node in the scan of a label nothing had scanned since the graph outgrew
its matrices (some 16,000 nodes): the scan then failed, or stopped the server. A build deletes its
journal's node (``:BuildState {key: 'reconcile'}``) after creating every document, so every
embedded graph of 10k notices and more had it, and exporting it for Neo4j failed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import redis

from graphbuild.errors import QueryError
from graphbuild.stores.base import GraphStore
from graphbuild.stores.falkor import GRAPH_NAME
from graphbuild.stores.paths import server_paths

GROWN = 20_000


def _journal_then_grow(store: GraphStore) -> None:
    """A build's shape: the journal's two nodes first, then the graph grows past the store's matrices."""
    store.clear()
    store.ensure_schema()
    store.write("MERGE (b:BuildState {key: 'graph'}) SET b.version = 2")
    store.write("MERGE (b:BuildState {key: 'reconcile'}) SET b.everything = true")
    for start in range(0, GROWN, 5_000):
        store.write("UNWIND range($start, $start + 4999) AS i CREATE (:Document {uid: 'grown:' + toString(i)})", {"start": start})


def test_a_node_deleted_after_the_graph_grew_leaves_its_label_readable(store: GraphStore) -> None:
    _journal_then_grow(store)

    store.write("MATCH (b:BuildState {key: 'reconcile'}) DELETE b")

    assert store.read("MATCH (b:BuildState) RETURN b.key AS key, b.version AS version") == [{"key": "graph", "version": 2}]
    assert store.read("MATCH (d:Document) RETURN count(d.uid) AS documents") == [{"documents": GROWN}]
    store.clear()


def test_a_graph_left_with_such_a_node_says_how_to_mend_it(embedded_store: GraphStore, embedded_home: Path) -> None:
    """A graph built before the workaround (the delete sent without it): a named error saying what to do."""
    _journal_then_grow(embedded_store)
    raw = redis.Redis(unix_socket_path=str(server_paths(embedded_home).socket))
    raw.execute_command("GRAPH.QUERY", GRAPH_NAME, "MATCH (b:BuildState {key: 'reconcile'}) DELETE b")
    raw.close()

    try:
        with pytest.raises(QueryError, match=r"lexgraph build --rebuild"):
            embedded_store.read("MATCH (b:BuildState) RETURN b.key AS key")
    finally:
        embedded_store.clear()  # (the whole graph goes, the node with it)
