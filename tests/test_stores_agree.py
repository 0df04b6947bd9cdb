"""One behaviour, two stores: every question of the library returns the same rows on the embedded
FalkorDB and on Neo4j, for the seeds and for a 2,000-notice synthetic corpus (row sets compared,
not counts). Where the stores differ by nature (string sorting, number types, collect order) the
difference is handled in the store or the query runner, never in a question."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from graphbuild.build import build
from graphbuild.querylib import library, run_query
from graphbuild.stores import embedded as embedded_server
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from tests.conftest import SEEDS

# Parameters that select something in each corpus: the examples of the headers, and more.
EXTRA = {
    "citing-notices": [{"symbol": "128/NQ-CP"}, {"symbol": "10-TB/VPTW"}],
    "adoption-lag": [{"symbol": "16/CT-TTg"}, {"symbol": "10-TB/VPTW"}],
    "policy-flow": [{"symbol": "128/NQ-CP", "depth": 3}],
    "province-profile": [{"province": "Điện Biên"}, {"province": "Hà Nội"}],
    "most-cited": [{}, {"level": "central"}],
    "co-citation": [{}, {"symbol": "128/NQ-CP"}],
    "issuers": [{}],
    "signers": [{}],
    "timeline": [{}, {"period": "week"}],
    "unresolved": [{}],
    "conflicts": [{}],
}


def _examples() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for name, query in sorted(library().items()):
        example = {p.name: p.example for p in query.parameters if p.required}
        cases.append((name, example))
        cases.extend((name, extra) for extra in EXTRA.get(name, []))
    return cases


def _canonical(rows: list[dict[str, Any]]) -> Counter[str]:
    """A row set as a multiset of rows, each written one way (lists inside rows compared as written:
    their order is part of the answer)."""

    def value(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, list):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in sorted(v.items())}
        return v

    return Counter(repr({k: value(v) for k, v in sorted(row.items())}) for row in rows)


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory: pytest.TempPathFactory, neo4j_uri: str | None) -> Iterator[tuple[GraphStore, GraphStore, Path]]:
    if not neo4j_uri:
        pytest.skip("Neo4j tests skipped: no Neo4j server (see tests/conftest.py)")
    home = tmp_path_factory.mktemp("agree-home")
    embedded = open_store(home=home)
    neo4j = open_store(
        neo4j_uri=neo4j_uri, neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD"), neo4j_database=os.environ.get("NEO4J_DATABASE"),
    )
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
    for name, params in _examples():
        on_embedded = run_query(embedded, name, params)
        on_neo4j = run_query(neo4j, name, params)
        assert _canonical(on_embedded) == _canonical(on_neo4j), f"{name} {params}"
        compared += bool(on_embedded)
    assert compared >= len(library()), "every question returned rows for at least one of its parameter sets"
