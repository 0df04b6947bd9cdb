"""Imports run one way: no module of lexgraph imports itself back through others (lazy imports inside
functions count), the library never imports the views, the API or the command line, and the tests
and the benches share what they share through ``graphbuild.testing``, never importing each other."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT

PACKAGES = ("graphbuild", "viz")
# What sits above the library: it may import the library, never the other way round.
ABOVE_THE_LIBRARY = ("graphbuild.cli", "graphbuild.api", "graphbuild.testing", "viz")
VIEWS_MAY_NOT_IMPORT = ("graphbuild.cli", "graphbuild.api", "graphbuild.testing")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(*roots: str) -> dict[str, Path]:
    return {module_name(path): path for root in roots for path in sorted((ROOT / root).rglob("*.py")) if "out" not in path.parts}


def imported(path: Path, known: set[str]) -> Iterator[str]:
    """The project's modules ``path`` imports, anywhere in it (``from graphbuild.reading import ocr``
    imports the module ``graphbuild.reading.ocr``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module for alias in node.names]
        else:
            continue
        yield from (name for name in names if name in known)


def import_graph(*roots: str) -> nx.DiGraph:
    found = modules(*roots)
    graph = nx.DiGraph()
    graph.add_nodes_from(found)
    for name, path in found.items():
        graph.add_edges_from((name, target) for target in imported(path, set(found)) if target != name)
    return graph


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_no_module_imports_itself_back() -> None:
    graph = import_graph(*PACKAGES)
    assert graph.number_of_edges() > 100  # the walk found the imports
    assert list(nx.simple_cycles(graph)) == []


def test_the_library_never_imports_what_sits_above_it() -> None:
    graph = import_graph(*PACKAGES)
    library = [n for n in graph if not under(n, ABOVE_THE_LIBRARY) and n != "graphbuild"]
    upward = [(a, b) for a in library for b in graph.successors(a) if under(b, ABOVE_THE_LIBRARY)]
    assert len(library) > 40
    assert upward == []


def test_the_views_never_import_the_api_or_the_command_line() -> None:
    graph = import_graph(*PACKAGES)
    upward = [(a, b) for a in graph if under(a, ("viz",)) for b in graph.successors(a) if under(b, VIEWS_MAY_NOT_IMPORT)]
    assert upward == []


def test_tests_and_benches_never_import_each_other() -> None:
    graph = import_graph(*PACKAGES, "tests", "bench")
    crossing = [(a, b) for a, b in graph.edges if (under(a, ("tests",)) and under(b, ("bench",))) or (under(a, ("bench",)) and under(b, ("tests",)))]
    assert any(under(a, ("tests",)) for a in graph)  # both were read
    assert crossing == []


def test_no_test_file_imports_another_test_file() -> None:
    graph = import_graph("tests")
    between = [(a, b) for a, b in graph.edges if a.rpartition(".")[2].startswith("test_") and b.rpartition(".")[2].startswith("test_")]
    assert between == []
