"""A graph built by an earlier lexgraph gets what the questions now read at its next build, even
when no file changed; a new graph is recorded at the current version without running the steps."""

from __future__ import annotations

from pathlib import Path

from graphbuild.build import build
from graphbuild.migrations import GRAPH_VERSION, READ_VERSION, migrate
from graphbuild.querylib import run_query
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate
from graphbuild.testing.crash import dump

AS_BEFORE_VERSION_2 = [
    "MATCH (d:Document) WHERE d.warned IS NOT NULL REMOVE d.warned",
    "MATCH (d:Document) WHERE d.cited_rank IS NOT NULL REMOVE d.cited_rank",
    "MATCH (s:BuildState {key: 'graph'}) DELETE s",
]


def test_an_older_graph_gets_warned_counts_and_ranks_at_its_next_build(store: GraphStore, tmp_path: Path) -> None:
    corpus = generate(160, tmp_path / "corpus", seed=9)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "home")
    assert store.read(READ_VERSION) == [{"version": GRAPH_VERSION}]
    answers = {name: run_query(store, name, {}) for name in ("warnings", "most-cited")}
    assert all(answers.values())
    for statement in AS_BEFORE_VERSION_2:
        store.write(statement)
    assert not run_query(store, "warnings", {}) and not run_query(store, "most-cited", {})  # what an old graph answered

    report = build(store, [corpus], home=tmp_path / "home")
    assert report.loaded == 0  # no file changed: the step ran all the same
    assert {name: run_query(store, name, {}) for name in answers} == answers
    assert store.read(READ_VERSION) == [{"version": GRAPH_VERSION}]
    assert migrate(store) == []  # once


def test_a_new_graph_is_recorded_at_the_current_version(store: GraphStore) -> None:
    assert migrate(store) == []
    assert store.read(READ_VERSION) == [{"version": GRAPH_VERSION}]


def test_an_older_graph_keeps_counts_of_conflicts_only_where_there_are_some(store: GraphStore, tmp_path: Path) -> None:
    """Version 3: a document without conflicting citations holds no count (version 2 wrote 0 on
    every document); the graph then equals a clean build's."""
    corpus = generate(160, tmp_path / "corpus", seed=9)
    (corpus / "truth.jsonl").unlink()
    build(store, [corpus], home=tmp_path / "home", rebuild=True)
    clean = dump(store)
    assert store.read("MATCH (d:Document) WHERE d.conflicts = 0 RETURN count(d) AS n") == [{"n": 0}]
    store.write("MATCH (d:Document) WHERE d.conflicts IS NULL SET d.conflicts = 0")  # as version 2 left it
    store.write("MATCH (s:BuildState {key: 'graph'}) SET s.version = 2")

    report = build(store, [corpus], home=tmp_path / "home")
    assert report.loaded == 0
    assert dump(store) == clean
    assert migrate(store) == []
