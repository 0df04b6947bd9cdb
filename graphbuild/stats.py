"""What the graph holds: counts by label, relationship type, document status and province."""

from __future__ import annotations

from typing import Any

from graphbuild.stores.base import GraphStore

LABEL_COUNTS = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS count"
RELATIONSHIP_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count"
DOCUMENT_STATUS = "MATCH (d:Document) RETURN d.status AS status, count(d) AS count"
CONFLICTS = "MATCH (:Document)-[c:CITES]->(:Document) WHERE c.conflict IS NOT NULL RETURN count(c) AS count"
PROVINCES_WITH_NOTICES = "MATCH (d:Document {status: 'corpus'})-[:IN_PROVINCE]->(p:Province) RETURN count(DISTINCT p) AS count"


def graph_stats(store: GraphStore) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    rows += [{"what": f"nodes :{r['label']}", "count": r["count"]} for r in sorted(store.read(LABEL_COUNTS), key=lambda r: r["label"])]
    rows += [{"what": f"relationships :{r['type']}", "count": r["count"]} for r in sorted(store.read(RELATIONSHIP_COUNTS), key=lambda r: r["type"])]
    rows += [{"what": f"documents {r['status']}", "count": r["count"]} for r in sorted(store.read(DOCUMENT_STATUS), key=lambda r: str(r["status"]))]
    rows.append({"what": "citations in conflict", "count": store.read(CONFLICTS)[0]["count"]})
    rows.append({"what": "provinces with notices", "count": store.read(PROVINCES_WITH_NOTICES)[0]["count"]})
    return rows
