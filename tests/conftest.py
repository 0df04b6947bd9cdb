"""Shared fixtures: a real embedded FalkorDB and a real Neo4j 5 server for the session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphbuild.stores import falkor_server as embedded
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from graphbuild.testing import neo4j_server
from graphbuild.testing.crash import dump  # noqa: F401  (the tests compare graphs with it)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data"


@pytest.fixture(scope="session")
def embedded_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("lexgraph-home")
    yield home
    embedded.stop(home)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str | None]:
    """NEO4J_URI when set (that database is cleared by the tests); else the test server in
    tests/neo4j/ (Neo4j Community 5, built by `mvn -f tests/neo4j/pom.xml package`), started once
    for the session on a free port with a temporary store; else None, and the Neo4j tests skip."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    server = neo4j_server.start()
    if server is None:
        yield None
        return
    process, uri = server
    os.environ["LEXGRAPH_TEST_NEO4J_URI"] = uri
    try:
        yield uri
    finally:
        neo4j_server.stop(process)


def _neo4j_why_not() -> str:
    if shutil.which("java") is None:
        return "Neo4j tests skipped: no Java here and NEO4J_URI is not set"
    return "Neo4j tests skipped: NEO4J_URI is not set and the test server is not built (mvn -f tests/neo4j/pom.xml package)"


def open_neo4j(uri: str | None) -> GraphStore:
    """The Neo4j server of ``neo4j_uri`` (the session's one), or the test skips, saying why."""
    if not uri:
        pytest.skip(_neo4j_why_not())
    return open_store(
        neo4j_uri=uri,
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD"),
        neo4j_database=os.environ.get("NEO4J_DATABASE"),
    )


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, embedded_home: Path) -> Iterator[GraphStore]:
    """An empty graph in each available store."""
    graph = open_store(home=embedded_home) if request.param == "embedded" else open_neo4j(request.getfixturevalue("neo4j_uri"))
    graph.clear()
    yield graph
    graph.close()


@pytest.fixture
def neo4j_store(neo4j_uri: str | None) -> Iterator[GraphStore]:
    """An empty graph in the Neo4j server, cleared again afterwards; the test skips without one."""
    graph = open_neo4j(neo4j_uri)
    graph.clear()
    yield graph
    graph.clear()
    graph.close()


@pytest.fixture
def embedded_store(embedded_home: Path) -> Iterator[GraphStore]:
    graph = open_store(home=embedded_home)
    graph.clear()
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A real headless Chromium (Debian ``chromium``), shared by the tests that open pages."""
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium): page tests need a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the seed notices in data/, for tests that change, correct or add files."""
    folder = tmp_path / "data"
    shutil.copytree(SEEDS, folder)
    return folder
