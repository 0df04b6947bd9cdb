"""What a graph built by an earlier lexgraph lacks, added by the next build.

The graph records the version of its model on ``:BuildState {key: 'graph'}``. A build that finds
an older version (or none, on a graph that already has documents) runs each step since, in
order, then records the current one. Each step is idempotent, so a build killed half-way simply
runs it again. A new property that a question reads is a new version and a step here.
"""

from __future__ import annotations

from collections.abc import Callable

from graphbuild.stores.base import GraphStore
from graphbuild.summaries import refresh_most_cited

GRAPH_VERSION = 3
READ_VERSION = "MATCH (s:BuildState {key: 'graph'}) RETURN s.version AS version"
HAS_DOCUMENTS = "MATCH (d:Document) RETURN d.uid AS uid LIMIT 1"
SET_VERSION = "MERGE (s:BuildState {key: 'graph'}) SET s.version = $version"
SET_WARNED = "MATCH (d:Document {status: 'corpus'}) WHERE d.warned IS NULL AND size(d.warnings) > 0 SET d.warned = size(d.warnings)"


def _warned_and_ranks(store: GraphStore) -> None:
    """Version 2: the indexed count of each notice's warnings (``warnings``) and the ranks of the
    most cited documents (``most-cited``)."""
    store.write(SET_WARNED)
    refresh_most_cited(store)


CLEAR_NO_CONFLICTS = "MATCH (d:Document) WHERE d.conflicts = 0 SET d.conflicts = null"


def _sparse_conflicts(store: GraphStore) -> None:
    """Version 3: a document's count of conflicting citations kept only where there are some
    (``conflicts`` starts from the few documents its index then holds)."""
    store.write(CLEAR_NO_CONFLICTS)


STEPS: dict[int, Callable[[GraphStore], None]] = {2: _warned_and_ranks, 3: _sparse_conflicts}


def migrate(store: GraphStore) -> list[int]:
    """Bring the graph to :data:`GRAPH_VERSION`; the versions whose steps ran."""
    found = store.read(READ_VERSION)
    version = found[0]["version"] if found else (1 if store.read(HAS_DOCUMENTS) else GRAPH_VERSION)
    ran = []
    for step in sorted(v for v in STEPS if version < v <= GRAPH_VERSION):
        STEPS[step](store)
        ran.append(step)
    if not found or version != GRAPH_VERSION:
        store.write(SET_VERSION, {"version": GRAPH_VERSION})
    return ran
