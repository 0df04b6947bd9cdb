"""One behaviour, two stores: every question of the library returns the same rows on the embedded
FalkorDB and on Neo4j, for the seeds and for a 2,000-notice synthetic corpus (row sets compared,
not counts). Where the stores differ by nature (string sorting, number types, collect order) the
difference is handled in the store or the query runner, never in a question."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphbuild.build import build
from graphbuild.querylib import library, run_query
from graphbuild.stores import falkor_server as embedded_server
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate
from tests.agreement import canonical_rows, question_examples
from tests.conftest import SEEDS, open_neo4j


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory: pytest.TempPathFactory, neo4j_uri: str | None) -> Iterator[tuple[GraphStore, GraphStore, Path]]:
    neo4j = open_neo4j(neo4j_uri)
    home = tmp_path_factory.mktemp("agree-home")
    embedded = open_store(home=home)
    yield embedded, neo4j, home
    embedded.close()
    neo4j.close()
    embedded_server.stop(home)


def _built(stores: tuple[GraphStore, GraphStore, Path], corpus: Path) -> tuple[GraphStore, GraphStore]:
    embedded, neo4j, home = stores
    for index, store in enumerate((embedded, neo4j)):
        store.clear()
        build(store, [corpus], home=home / f"{corpus.name}-{index}")
    return embedded, neo4j


@pytest.mark.neo4j
@pytest.mark.parametrize("corpus_name", ["seeds", "synthetic-2000"])
def test_every_question_returns_the_same_rows_on_both_stores(
    two_stores: tuple[GraphStore, GraphStore, Path], tmp_path_factory: pytest.TempPathFactory, corpus_name: str
) -> None:
    corpus = SEEDS if corpus_name == "seeds" else generate(2000, tmp_path_factory.mktemp("agree") / "synthetic-2000", seed=3)
    embedded, neo4j = _built(two_stores, corpus)
    assert neo4j.read("MATCH (d:Document) RETURN count(d) AS n") == embedded.read("MATCH (d:Document) RETURN count(d) AS n")
    compared = 0
    for name, params in question_examples():
        on_embedded = run_query(embedded, name, params)
        on_neo4j = run_query(neo4j, name, params)
        assert canonical_rows(on_embedded) == canonical_rows(on_neo4j), f"{name} {params}"
        compared += bool(on_embedded)
    assert compared >= len(library()), "every question returned rows for at least one of its parameter sets"
