"""The graph's schema as both stores keep it: each label's key (a unique constraint and an index)
and the properties the query library filters on (an index each)."""

from __future__ import annotations

# Labels and the property that identifies their nodes: an index and a unique constraint each.
KEYS = {"Document": "uid", "Organization": "uid", "Person": "uid", "Province": "uid", "MergedProvince": "uid", "Source": "path", "BuildState": "key", "Summary": "key"}
# Properties the query library filters on.
INDEXED = {"Document": ("canonical", "status", "province", "level", "cited_by", "cited_rank", "warned", "conflicts"), "Province": ("name",)}
# Neo4j's full-text index of notices (``lexgraph search``)
NEO4J_SEARCH_INDEX = "lexgraph_document_search"


def neo4j_schema() -> list[str]:
    """The statements that give a Neo4j database lexgraph's constraints and indexes (idempotent):
    run by the Neo4j store on connecting to build, and by ``after-import.cypher``."""
    statements = [f"CREATE CONSTRAINT lexgraph_{label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE" for label, key in KEYS.items()]
    statements += [
        f"CREATE INDEX lexgraph_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, properties in INDEXED.items() for prop in properties
    ]
    statements.append(f"CREATE FULLTEXT INDEX {NEO4J_SEARCH_INDEX} IF NOT EXISTS FOR (n:Document) ON EACH [n.search_text]")
    return statements
