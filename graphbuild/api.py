"""The Python API: open a graph, ask the library's questions, run your own Cypher::

    import graphbuild
    graph = graphbuild.connect()                           # the embedded store under ./.lexgraph
    graph.query("adoption-lag", symbol="128/NQ-CP")[:2]    # rows as dicts
    graph.frame("most-cited", level="central")             # a pandas DataFrame (pip install lexgraph[pandas])
    graph.cypher("MATCH (d:Document) RETURN count(d) AS n")
    graph.map(doc="128/NQ-CP", layout="flow", out="map.html")
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from graphbuild.errors import ParameterError
from graphbuild.querylib import run_query
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore

ADHOC_TIMEOUT_MS = 5_000


class Lexgraph:
    """A connection to one graph (embedded or Neo4j)."""

    def __init__(self, store: GraphStore, home: Path | None = None) -> None:
        self.store = store
        self.home = home

    def query(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a library question (``queries/NAME.cypher``) with checked parameters."""
        return run_query(self.store, name, params)

    def cypher(self, text: str, /, *, write: bool = False, timeout_ms: int = ADHOC_TIMEOUT_MS, **params: Any) -> list[dict[str, Any]]:
        """Run your own Cypher; read-only (the store refuses writes) unless ``write=True``."""
        if write:
            return self.store.write(text, params)
        return self.store.read(text, params, timeout_ms=timeout_ms)

    def frame(self, name: str, /, **params: Any) -> Any:
        """A library question's rows as a pandas DataFrame."""
        return to_frame(self.query(name, **params))

    def select(self, **selection: Any) -> Any:
        """A subgraph as a networkx graph (see :class:`graphbuild.selection.Selection`)."""
        from graphbuild.selection import Selection, select

        graph, _ = select(self.store, Selection(**selection))
        return graph

    def map(self, *, layout: str = "force", title: str = "lexgraph", notebook: bool = False, out: str | Path | None = None, **selection: Any) -> Any:
        """An interactive map of a selection: the HTML text, written to ``out`` if given; in Jupyter, ``notebook=True``."""
        from graphbuild.selection import Selection, select
        from viz.maps import generate_map, notebook_map

        graph, messages = select(self.store, Selection(**selection))
        if notebook:
            return notebook_map(graph, layout=layout, title=title, messages=messages)
        html = generate_map(graph, layout=layout, title=title, messages=messages)
        if out is not None:
            Path(out).write_text(html, encoding="utf-8")
        return html

    def diffusion(self, symbol: str, *, year: int | None = None) -> Any:
        """How a central document travelled to the provinces (:class:`graphbuild.diffusion.Diffusion`)."""
        from graphbuild.diffusion import diffusion

        return diffusion(self.store, symbol, year=year)

    def report(self, *symbols: str, out: str | Path, year: int | None = None, measure: str = "lag") -> list[Path]:
        """A brief on ``symbols``: ``out`` (HTML) and its Markdown twin with SVG pictures; the files written."""
        from viz.views import write_report

        return write_report([self.diffusion(symbol, year=year) for symbol in symbols], Path(out), measure=measure)

    def export(self, fmt: str, out: str | Path, **selection: Any) -> None:
        from graphbuild.exports import export

        export(self.select(**selection), fmt, out)

    def build(self, *paths: str | Path, **options: Any) -> Any:
        from graphbuild.build import build

        return build(self.store, list(paths) or ["data"], home=self.home or Path(".lexgraph"), **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Lexgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(
    home: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> Lexgraph:
    """Open the embedded store under ``home`` (started on demand), or Neo4j when ``neo4j_uri`` is given.

    What is not given is taken from the environment, as the command line does: ``LEXGRAPH_HOME``
    (else ``./.lexgraph``), ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.
    """
    home = home if home is not None else os.environ.get("LEXGRAPH_HOME", ".lexgraph")
    neo4j_uri = neo4j_uri or os.environ.get("NEO4J_URI")
    store = open_store(
        home=home, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user or os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=neo4j_password if neo4j_password is not None else os.environ.get("NEO4J_PASSWORD"),
        neo4j_database=neo4j_database or os.environ.get("NEO4J_DATABASE"),
    )
    return Lexgraph(store, Path(home))


def to_frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError("DataFrames need pandas: pip install 'lexgraph[pandas]'") from err
    return pd.DataFrame(rows)


def parse_params(pairs: tuple[str, ...] | list[str], *, typed: bool = False) -> dict[str, Any]:
    """``key=value`` pairs from the command line. With ``typed``, values are read as JSON when they are."""
    params: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"--param {pair}: write it as name=value.")
        key, value = pair.split("=", 1)
        key = key.strip()
        if not key.isidentifier():
            raise ParameterError(f"--param {pair}: '{key}' is not a parameter name.")
        if typed:
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                params[key] = value
        else:
            params[key] = value
    return params


__all__ = ["ADHOC_TIMEOUT_MS", "Lexgraph", "connect", "parse_params", "to_frame"]
