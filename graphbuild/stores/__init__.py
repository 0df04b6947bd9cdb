"""Graph stores: the embedded FalkorDB by default, Neo4j when a URI is given."""

from __future__ import annotations

from pathlib import Path

from graphbuild.stores.base import GraphStore

# The embedded store's folder when none is given (--home, LEXGRAPH_HOME)
DEFAULT_HOME = ".lexgraph"


def open_store(
    *,
    home: str | Path = DEFAULT_HOME,
    neo4j_uri: str | None = None,
    neo4j_user: str = "neo4j",
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> GraphStore:
    """Neo4j when ``neo4j_uri`` is set, else the embedded store under ``home`` (started on demand)."""
    if neo4j_uri:
        from graphbuild.stores.neo4j_store import Neo4jStore

        return Neo4jStore(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    from graphbuild.stores.falkor import FalkorStore

    return FalkorStore(Path(home))


__all__ = ["DEFAULT_HOME", "GraphStore", "open_store"]
