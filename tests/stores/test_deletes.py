"""A node deleted after the graph has grown is gone from its label's scan, on both stores, and
stays gone when the embedded store's server starts again.

FalkorDB 4.16 kept such a node in the scan of a label nothing had scanned since the graph outgrew
its matrices (some 16,000 nodes): the scan then failed, or stopped the server. A build deletes its
journal's node (``:BuildState {key: 'reconcile'}``) after creating every document, so every
embedded graph of 10k notices and more had it, and exporting it for Neo4j failed. The server logs
writes as their effects, and replaying the delete at its next start made the same node again,
however the delete had been sent: the append-only file is rewritten as a snapshot after deletes.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
import redis

from graphbuild.errors import QueryError
from graphbuild.stores import falkor_server
from graphbuild.stores.base import GraphStore
from graphbuild.stores.falkor import GRAPH_NAME, FalkorStore
from graphbuild.stores.paths import server_paths

GROWN = 20_000


def _journal_then_grow(store: GraphStore, *also: str) -> None:
    """A build's shape: the journal's two nodes first (and the statements ``also``), then the graph
    grows past the store's matrices."""
    store.clear()
    store.ensure_schema()
    store.write("MERGE (b:BuildState {key: 'graph'}) SET b.version = 2")
    store.write("MERGE (b:BuildState {key: 'reconcile'}) SET b.everything = true")
    for statement in also:
        store.write(statement)
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


def _killed(home: Path) -> None:
    """The server stopped as a crash stops it: nothing written at exit."""
    pid = int(server_paths(home).pidfile.read_text())
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def _read_again(home: Path) -> list[dict[str, object]]:
    again = FalkorStore(home)
    try:
        return again.read("MATCH (b:BuildState) RETURN b.key AS key") + again.read("MATCH (d:Document) RETURN count(d.uid) AS documents")
    finally:
        again.close()
        falkor_server.stop(home)


def test_a_settled_delete_survives_a_crash_of_the_server(tmp_path: Path) -> None:
    """What a build does last (``settle``): after it, even a killed server starts again without the node."""
    home = tmp_path / "home"
    store = FalkorStore(home)
    _journal_then_grow(store)
    store.write("MATCH (b:BuildState {key: 'reconcile'}) DELETE b")
    store.settle()
    store.close()
    _killed(home)

    assert _read_again(home) == [{"key": "graph"}, {"documents": GROWN}]


def test_a_delete_survives_a_clean_stop_of_the_server(tmp_path: Path) -> None:
    """A delete nobody settled (a script of the analyst's own, say): ``lexgraph db stop`` and the idle
    stop rewrite the file before the server exits."""
    home = tmp_path / "home"
    store = FalkorStore(home)
    _journal_then_grow(store)
    store.write("MATCH (b:BuildState {key: 'reconcile'}) DELETE b")
    store.close()
    falkor_server.stop(home)

    assert _read_again(home) == [{"key": "graph"}, {"documents": GROWN}]
    assert "crashed" not in server_paths(home).logfile.read_text(errors="replace")


def test_a_delete_survives_the_idle_stop_of_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server a command started stops itself when unused (graphbuild/stores/idle.py): it too
    rewrites the file first."""
    monkeypatch.setenv("LEXGRAPH_IDLE_SECONDS", "2")
    home = tmp_path / "home"
    store = FalkorStore(home)
    _journal_then_grow(store)
    store.write("MATCH (b:BuildState {key: 'reconcile'}) DELETE b")
    store.close()
    pid = int(server_paths(home).pidfile.read_text())
    deadline = time.monotonic() + 60
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:  # (a ping would be a use of the store)
        time.sleep(0.5)
    assert not Path(f"/proc/{pid}").exists(), "the idle server did not stop"

    assert _read_again(home) == [{"key": "graph"}, {"documents": GROWN}]


def test_the_build_after_a_killed_one_settles_the_deletes_it_left(tmp_path: Path) -> None:
    """A build killed after its deletes and before its rewrite leaves them in the file; the next
    build (which finds the journal open) rewrites it even when it deletes nothing itself."""
    from graphbuild.build import build

    home, folder = tmp_path / "home", tmp_path / "notices"
    folder.mkdir()
    killed = FalkorStore(home)
    _journal_then_grow(killed, "CREATE (:Person {uid: 'person:gone'})")  # (a node of a quiet label, from before the growth)
    killed.write("CREATE (:Source {path: '/elsewhere/gone.txt', hash: 'x'})")  # (a graph built before)
    killed.write("MATCH (b:BuildState {key: 'graph'}) SET b.version = 3")
    killed.write("MATCH (b:BuildState {key: 'reconcile'}) SET b.everything = false, b.uids = []")  # the journal it left open
    killed.write("MATCH (p:Person {uid: 'person:gone'}) DELETE p")
    killed.close()  # (killed: never settled)

    store = FalkorStore(home)
    build(store, [folder], home=home)
    store.close()
    _killed(home)

    again = FalkorStore(home)
    try:
        assert again.read("MATCH (p:Person) RETURN count(p.uid) AS persons") == [{"persons": 0}]
        assert again.read("MATCH (b:BuildState {key: 'reconcile'}) RETURN b.open AS open") == [{"open": False}]
    finally:
        again.close()
        falkor_server.stop(home)
