"""The embedded store: FalkorDB over RESP on a unix socket (never its Bolt port)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as GraphPath

from graphbuild.errors import QueryError, StoreError, StoreUnavailable, WriteRefused
from graphbuild.stores import embedded
from graphbuild.stores.base import clean

GRAPH_NAME = "lexgraph"

# Labels and the property that identifies their nodes: an index and a unique constraint each.
KEYS = {"Document": "uid", "Organization": "uid", "Person": "uid", "Province": "uid", "MergedProvince": "uid", "Source": "path", "BuildState": "key", "Summary": "key"}
# "CREATE CONSTRAINT name IF NOT EXISTS FOR (n:Label) REQUIRE n.key IS UNIQUE" (Neo4j 5)
NEO4J_UNIQUE_CONSTRAINT = re.compile(
    r"CREATE\s+CONSTRAINT\s+\w*\s*(?:IF\s+NOT\s+EXISTS\s+)?FOR\s+\(\w+:(?P<label>\w+)\)\s+REQUIRE\s+\w+\.(?P<key>\w+)\s+IS\s+UNIQUE",
    re.IGNORECASE,
)
# Properties the query library filters on.
INDEXED = {"Document": ("canonical", "status", "province", "level", "cited_by", "conflicts"), "Province": ("name",)}


def _value(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **value.properties}
    if isinstance(value, Edge):
        return {"_type": value.relation, **value.properties}
    if isinstance(value, GraphPath):
        return {"nodes": [_value(n) for n in value.nodes()], "relationships": [_value(e) for e in value.edges()]}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value


class FalkorStore:
    """The embedded FalkorDB graph under a lexgraph home folder; starts its server on demand."""

    name = "embedded FalkorDB"

    def __init__(self, home: Path) -> None:
        import redis
        from falkordb import FalkorDB

        self.home = Path(home)
        self._loads_files: dict[str, bool] = {}  # the plan's verdict by query text
        paths = embedded.start(self.home)
        try:
            self._db = FalkorDB(unix_socket_path=str(paths.socket))
            self._graph = self._db.select_graph(GRAPH_NAME)
            self._ensure_graph()
        except redis.exceptions.ConnectionError as err:
            raise StoreUnavailable(f"Cannot reach the embedded store on {paths.socket}: {err}") from err

    def _run(self, cypher: str, params: dict[str, Any] | None, *, read_only: bool, timeout_ms: int | None) -> list[dict[str, Any]]:
        import redis

        try:
            if read_only:
                self._refuse_file_reads(cypher, params)
                result = self._graph.ro_query(cypher, clean(params or {}), timeout=timeout_ms)
            else:
                result = self._graph.query(cypher, clean(params or {}), timeout=timeout_ms)
        except redis.exceptions.ResponseError as err:
            message = str(err)
            if "read-only" in message or "RO_QUERY" in message:
                raise WriteRefused("This query writes to the graph; the store refused it. Pass --write (write=True in Python) to allow writes.") from err
            if "TIMEOUT_MAX" in message:
                raise QueryError(f"--timeout {timeout_ms}: the embedded store allows at most {embedded.QUERY_TIMEOUT_MAX_MS} ms.") from err
            if "timed out" in message.lower():
                raise QueryError(f"The query ran out of time ({timeout_ms} ms). Bound the pattern (for example [*1..3]) or pass a larger --timeout.") from err
            raise QueryError(f"The store rejected the query: {message}") from err
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as err:
            raise StoreUnavailable(f"The embedded store stopped answering ({err}). Run `lexgraph db status`.") from err
        header = [column[1] if isinstance(column, (list, tuple)) else column for column in (result.header or [])]
        return [dict(zip(header, (_value(v) for v in row))) for row in result.result_set or []]

    def _refuse_file_reads(self, cypher: str, params: dict[str, Any] | None) -> None:
        """Refuse a read whose plan reads files or URLs (a ``Load CSV`` step), however the query spells
        it (comments, case, line breaks): the server's own plan decides, never a text pattern."""
        verdict = self._loads_files.get(cypher)
        if verdict is None:
            plan = self._graph.explain(cypher, clean(params or {}))
            verdict = any(step.strip().split(" | ")[0] == "Load CSV" for step in str(plan).splitlines())
            if len(self._loads_files) > 512:
                self._loads_files.clear()
            self._loads_files[cypher] = verdict
        if verdict:
            raise WriteRefused("LOAD CSV reads files or URLs; it runs only with --write (write=True in Python).")

    def _ensure_graph(self) -> None:
        """An empty graph answers queries (a count is 0) only once its key exists: make it."""
        if not self._db.connection.exists(GRAPH_NAME):
            self._graph.query("MERGE (b:BuildState {key: 'created'}) DELETE b")

    def read(self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=True, timeout_ms=timeout_ms)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        constraint = NEO4J_UNIQUE_CONSTRAINT.fullmatch(cypher.strip().rstrip(";"))
        if constraint:
            # Neo4j's constraint statement (as exported scripts start): FalkorDB makes the same
            # constraint with its own command, on an index it needs first.
            self._unique(constraint.group("label"), constraint.group("key"), {(r["label"], r["property"]) for r in self._indexes()})
            return []
        return self._run(cypher, params, read_only=False, timeout_ms=None)

    def _unique(self, label: str, key: str, existing: set[tuple[str, str]]) -> None:
        import redis

        if (label, key) not in existing:
            self._run(f"CREATE INDEX FOR (n:{label}) ON (n.{key})", None, read_only=False, timeout_ms=None)
        try:
            self._db.connection.execute_command("GRAPH.CONSTRAINT", "CREATE", GRAPH_NAME, "UNIQUE", "NODE", label, "PROPERTIES", 1, key)
        except redis.exceptions.ResponseError as err:
            if "already exists" not in str(err).lower():
                raise StoreError(f"Cannot create the unique constraint on :{label}({key}): {err}") from err

    def ensure_schema(self) -> None:
        existing = {(row["label"], row["property"]) for row in self._indexes()}
        for label, key in KEYS.items():
            self._unique(label, key, existing)
        for label, properties in INDEXED.items():
            for prop in properties:
                if (label, prop) not in existing:
                    self.write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")

    def _indexes(self) -> list[dict[str, Any]]:
        try:
            rows = self.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
        except QueryError:
            return []
        return [{"label": row["label"], "property": p} for row in rows for p in row["properties"]]

    def clear(self) -> None:
        import redis

        try:
            self._graph.delete()
        except redis.exceptions.ResponseError:
            pass  # no graph yet
        self._graph = self._db.select_graph(GRAPH_NAME)
        self._ensure_graph()

    def close(self) -> None:
        try:
            self._db.connection.close()
        except Exception:  # closing twice or after the server went away is harmless
            pass
