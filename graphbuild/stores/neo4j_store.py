"""Neo4j through the official driver: batched writes in write transactions, reads in read sessions."""

from __future__ import annotations

from typing import Any

from graphbuild.errors import QueryError, StoreUnavailable, WriteRefused
from graphbuild.stores.base import clean
from graphbuild.stores.falkor import INDEXED, KEYS


def _value(value: Any) -> Any:
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_value(n) for n in value.nodes], "relationships": [_value(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value


class Neo4jStore:
    name = "Neo4j"

    def __init__(self, uri: str, user: str, password: str | None, database: str | None) -> None:
        import neo4j

        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password or ""))
            self._driver.verify_connectivity()
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.AuthError, ValueError) as err:
            raise StoreUnavailable(f"Cannot reach Neo4j at {uri}: {err}. Check --neo4j-uri, NEO4J_USER and NEO4J_PASSWORD.") from err

    def _run(self, cypher: str, params: dict[str, Any] | None, *, read_only: bool, timeout_ms: int | None) -> list[dict[str, Any]]:
        import neo4j

        query = neo4j.Query(cypher, timeout=timeout_ms / 1000 if timeout_ms else None)

        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(query, clean(params or {}))
            return [{k: _value(v) for k, v in record.items()} for record in result]

        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS) as session:
                return session.execute_read(work) if read_only else session.execute_write(work)
        except neo4j.exceptions.ClientError as err:
            code = err.code or ""
            if "ForbiddenDueToTransactionType" in code or "AccessMode" in code or "WriteOnReadOnlyAccess" in code:
                raise WriteRefused("This query writes to the graph; Neo4j refused it in a read session. Add --write to allow writes.") from err
            if "TransactionTimedOut" in code or "Timeout" in code:
                raise QueryError(f"The query ran out of time ({timeout_ms} ms). Bound the pattern or pass a larger --timeout.") from err
            raise QueryError(f"Neo4j rejected the query: {err.message}") from err
        except neo4j.exceptions.ServiceUnavailable as err:
            raise StoreUnavailable(f"Neo4j stopped answering: {err}") from err

    def read(self, cypher: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=True, timeout_ms=timeout_ms)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._run(cypher, params, read_only=False, timeout_ms=None)

    def ensure_schema(self) -> None:
        for label, key in KEYS.items():
            self.write(f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE")
        for label, properties in INDEXED.items():
            for prop in properties:
                self.write(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")

    def clear(self) -> None:
        self._clear_in_batches()

    def _clear_in_batches(self) -> None:
        while self.write("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS removed")[0]["removed"]:
            pass

    def close(self) -> None:
        self._driver.close()
