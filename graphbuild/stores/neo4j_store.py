"""Neo4j through the official driver: batched writes in write transactions, reads in read transactions.

- Transactions are managed (``execute_read``/``execute_write``, retried by the driver on transient
  errors); a timeout is given through ``neo4j.unit_of_work`` on the transaction function, which the
  driver accepts there (a ``neo4j.Query`` is only for ``session.run``).
- The database is named on every session (``neo4j`` unless told otherwise), which saves the
  driver a round trip to resolve the home database.
- One bookmark manager for the store's life: a build's sessions each see the writes of the ones
  before, on a cluster or Aura too.
- Read-only is enforced, not hinted: a query is ``EXPLAIN``ed first and refused unless the plan says
  it only reads (``CALL`` of a writing procedure and ``LOAD CSV`` included), then run in a read
  transaction.
- Driver errors become named :class:`StoreError`/:class:`QueryError` messages that say what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from graphbuild.collector import collector_paused
from graphbuild.errors import QueryError, StoreError, StoreUnavailable, WriteRefused
from graphbuild.stores.base import SEARCH_FILTER, SEARCH_SCAN, clean, search_params
from graphbuild.stores.schema import KEYS, NEO4J_SEARCH_INDEX, neo4j_schema

DEFAULT_DATABASE = "neo4j"
# Labels lexgraph owns (each has its key): --rebuild removes these and nothing else in the database.
OWN_LABELS = tuple(KEYS)



# What the driver gives as Python's own values: returned as they are, without a call each (an
# answer of 1,000 rows of lists is some 100,000 values; the import and type checks below cost
# 1.5 µs a value, the whole of `signers` at 100k notices).
PLAIN = frozenset({str, int, float, bool, type(None)})


class _Unspelled(list):  # type: ignore[type-arg]
    """A list parameter as the driver packs it, but not spelled out for its debug log: the driver
    (6.4.1) formats every RUN's parameters with ``repr`` before its logger decides whether to
    write the line, which cost twice the packing (6.4 ms against 2.9 ms for a batch of 400
    notices' documents) and some 9 cpu-seconds of a 100k build. Packed byte for byte as a list.

    >>> repr(_Unspelled([1, 2, 3])), _Unspelled([1, 2, 3]) == [1, 2, 3]
    ('<3 values>', True)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} values>"


def _unspelled(parameters: dict[str, Any]) -> dict[str, Any]:
    """``parameters`` with each list among them made :class:`_Unspelled`."""
    return {key: _Unspelled(value) if value.__class__ is list else value for key, value in parameters.items()}


def _value(value: Any) -> Any:
    """A value of the driver as lexgraph's rows hold it (nodes and relationships as dicts, dates as text).

    >>> _value(["a", 1, None, [2.5, True]])
    ['a', 1, None, [2.5, True]]
    """
    kind = value.__class__
    if kind in PLAIN:
        return value
    if kind is list:
        return [item if item.__class__ in PLAIN else _value(item) for item in value]
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: _value(v) for k, v in dict(value).items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **{k: _value(v) for k, v in dict(value).items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_value(n) for n in value.nodes], "relationships": [_value(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime)):
        return value.iso_format()
    return value


class Neo4jStore:
    name = "Neo4j"

    def __init__(self, uri: str, user: str, password: str | None, database: str | None) -> None:
        import neo4j

        self.uri = uri
        self.database = database or DEFAULT_DATABASE
        self._driver = None
        self._query_types: dict[str, tuple[str, bool]] = {}  # EXPLAIN's verdict by query text: ("r", "rw", "w" or "s"; reads files)
        try:
            # notifications off: the server's hints (an unknown property in an empty graph) are not the analyst's business
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password or ""), notifications_min_severity="OFF")
            self._driver.verify_connectivity()
            self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        except neo4j.exceptions.AuthError as err:
            self.close()
            raise StoreUnavailable(
                f"Neo4j at {uri} refused the user '{user}': {err.message}. Check --neo4j-user and --neo4j-password (NEO4J_USER, NEO4J_PASSWORD)."
            ) from err
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, ValueError, OSError) as err:
            self.close()
            raise StoreUnavailable(
                f"Cannot reach Neo4j at {uri}: {err}. Check --neo4j-uri (bolt://, neo4j://, neo4j+s:// for Aura) and that the server runs."
            ) from err

    def _session(self, *, read_only: bool) -> Any:
        import neo4j

        assert self._driver is not None
        return self._driver.session(
            database=self.database,
            default_access_mode=neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS,
            bookmark_manager=self._bookmarks,
        )

    def _run(self, cypher: str, params: dict[str, Any] | None, *, read_only: bool, timeout_ms: int | None) -> list[dict[str, Any]]:
        import neo4j

        parameters = _unspelled(clean(params or {}))

        @neo4j.unit_of_work(timeout=timeout_ms / 1000 if timeout_ms else None)
        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(cypher, parameters)
            with collector_paused():
                return [{k: _value(v) for k, v in record.items()} for record in result]

        try:
            with self._session(read_only=read_only) as session:
                if read_only:
                    self._refuse_writes(session, cypher, parameters)
                    return session.execute_read(work)
                return session.execute_write(work)
        except neo4j.exceptions.ClientError as err:
            raise self._client_error(err, timeout_ms) from err
        except neo4j.exceptions.AuthError as err:
            raise StoreUnavailable(f"Neo4j refused the credentials: {err.message}. Check --neo4j-user and --neo4j-password.") from err
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as err:
            raise StoreUnavailable(f"Neo4j at {self.uri} stopped answering ({err}). Check that the server runs, then run the command again.") from err
        except neo4j.exceptions.TransientError as err:
            if "TimedOut" in (err.code or "") or "Terminated" in (err.code or ""):
                raise QueryError(f"The query ran out of time ({timeout_ms} ms). Bound the pattern or pass a larger --timeout.") from err
            raise StoreError(f"Neo4j could not finish the transaction after retries ({err.message}). Run the command again.") from err
        except neo4j.exceptions.DatabaseError as err:
            raise StoreError(f"Neo4j failed inside the database ({err.message}). See the server's log; run the command again.") from err

    def _refuse_writes(self, session: Any, cypher: str, parameters: dict[str, Any]) -> None:
        """Refuse a query whose plan may write (query type other than read-only)."""
        verdict = self._query_types.get(cypher)
        if verdict is None:
            # (the verdict depends on the text alone: the library's questions are planned once)
            summary = session.run(f"EXPLAIN {cypher}", parameters).consume()
            verdict = (summary.query_type, _reads_files(summary.plan))
            if len(self._query_types) > 512:
                self._query_types.clear()
            self._query_types[cypher] = verdict
        query_type, reads_files = verdict
        if reads_files:
            # a LoadCSV step, however the query spells it (comments, case, line breaks): the plan decides
            raise WriteRefused("LOAD CSV reads files or URLs from the server; it runs only with --write (write=True in Python).")
        if query_type not in ("r", None):
            raise WriteRefused(
                f"This query may write to the graph (Neo4j plans it as '{query_type}'); nothing was run. "
                "Pass --write (write=True in Python) to allow writes."
            )

    def _client_error(self, err: Any, timeout_ms: int | None) -> QueryError:
        code = err.code or ""
        if "ForbiddenDueToTransactionType" in code or "AccessMode" in code or "WriteOnReadOnlyAccess" in code:
            return WriteRefused("This query writes to the graph; Neo4j refused it in a read transaction. Pass --write (write=True in Python) to allow writes.")
        if "TimedOut" in code or "Timeout" in code or "Terminated" in code:
            return QueryError(f"The query ran out of time ({timeout_ms} ms). Bound the pattern or pass a larger --timeout.")
        return QueryError(f"Neo4j rejected the query: {err.message}")

    def read(self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=True, timeout_ms=timeout_ms)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=False, timeout_ms=None)

    def ensure_schema(self) -> None:
        for statement in neo4j_schema():
            self.write(statement)

    def search(self, text: str, **filters: Any) -> list[dict[str, Any]]:
        """Notices holding ``text``, through Lucene's full-text index (:func:`search_words`)."""
        params, words = search_params(text, **filters)
        if not words:
            return self.read(SEARCH_SCAN, params)
        params["query"] = " AND ".join(words)
        return self.read(f"CALL db.index.fulltext.queryNodes('{NEO4J_SEARCH_INDEX}', $query) YIELD node WITH node AS d " + SEARCH_FILTER, params)

    def clear(self) -> None:
        """Remove lexgraph's own nodes (its labels) and its constraints and indexes; nothing else in the database."""
        for label in OWN_LABELS:
            while self.write(f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS removed")[0]["removed"]:
                pass
        for row in self.read("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'lexgraph_' RETURN name"):
            self.write(f"DROP CONSTRAINT `{row['name']}` IF EXISTS")
        for row in self.read("SHOW INDEXES YIELD name, owningConstraint WHERE name STARTS WITH 'lexgraph_' AND owningConstraint IS NULL RETURN name"):
            self.write(f"DROP INDEX `{row['name']}` IF EXISTS")

    def plan(self, cypher: str, params: dict[str, Any] | None = None) -> list[str]:
        with self._session(read_only=True) as session:
            summary = session.run(f"EXPLAIN {cypher}", clean(params or {})).consume()
        steps: list[str] = []

        def walk(step: Any, depth: int) -> None:
            if step:
                details = step.get("args", {}).get("Details", "")
                steps.append("    " * depth + str(step.get("operatorType", "")).split("@")[0] + (f" | {details}" if details else ""))
                for child in step.get("children", ()):
                    walk(child, depth + 1)

        walk(summary.plan, 0)
        return steps

    def settle(self, *, always: bool = False) -> None:
        """Nothing to do: Neo4j's transaction log replays deletes faithfully."""

    @contextmanager
    def reader(self) -> Iterator[Neo4jStore]:
        """This store: the driver is shared between threads, and every call opens a session of its own."""
        yield self

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None


def _reads_files(plan: Any) -> bool:
    """Whether an EXPLAIN plan (nested dicts of ``operatorType`` and ``children``) has a LoadCSV step."""
    if not plan:
        return False
    operator = str(plan.get("operatorType", ""))
    return operator.split("@")[0] == "LoadCSV" or any(_reads_files(child) for child in plan.get("children", ()))
