"""Whether a document is still in force: one that a later document in the corpus replaces or repeals
(``thay thế``, ``bãi bỏ``: a citation whose relation is ``replaces`` or ``repeals``) is not.

It gets ``in_force: false``, ``replaced_by`` (the uid of the first document that replaced or
repealed it, by date) and ``replaced_on`` (that document's date); ``status`` keeps its meaning
(corpus, cited, unresolved). A document nothing replaces has none of the three. Recomputed in full
at the end of every build that changed something, as the summaries are, and only what changed is
written: an incremental build leaves what a clean one does. The ``stale-citations`` question lists
the notices that cite a document already replaced on their own date.
"""

from __future__ import annotations

from typing import Any

from graphbuild.stores.base import GraphStore, write_rows

REPLACEMENTS = """
MATCH (d:Document {status: 'corpus'})-[c:CITES]->(x:Document)
WHERE c.relation IN ['replaces', 'repeals'] AND d.uid <> x.uid
RETURN x.uid AS uid, d.uid AS by, d.date AS on
"""
REPLACED_NOW = "MATCH (x:Document) WHERE x.in_force = false RETURN x.uid AS uid, x.replaced_by AS by, x.replaced_on AS on"
MARK_REPLACED = "UNWIND $rows AS row MATCH (x:Document {uid: row.uid}) SET x.in_force = false, x.replaced_by = row.by, x.replaced_on = row.on"
UNMARK_REPLACED = "UNWIND $rows AS row MATCH (x:Document {uid: row.uid}) REMOVE x.in_force, x.replaced_by, x.replaced_on"


def replaced(rows: list[dict[str, Any]]) -> dict[str, tuple[str, str | None]]:
    """Each replaced document's first replacement: the earliest dated (undated last), then by uid.

    >>> replaced([{"uid": "a", "by": "c", "on": "2021-05-01"}, {"uid": "a", "by": "b", "on": None}, {"uid": "a", "by": "d", "on": "2021-03-01"}])
    {'a': ('d', '2021-03-01')}
    """
    first: dict[str, tuple[str, str | None]] = {}
    for row in sorted(rows, key=lambda r: (r["on"] is None, r["on"] or "", r["by"])):
        first.setdefault(row["uid"], (row["by"], row["on"]))
    return first


def refresh_in_force(store: GraphStore) -> int:
    """Mark what is replaced, unmark what no longer is; the number of documents changed."""
    wanted = replaced(store.read(REPLACEMENTS))
    now = {row["uid"]: (row["by"], row["on"]) for row in store.read(REPLACED_NOW)}
    marks = [{"uid": uid, "by": by, "on": on} for uid, (by, on) in sorted(wanted.items()) if now.get(uid) != (by, on)]
    gone = [{"uid": uid} for uid in sorted(set(now) - set(wanted))]
    write_rows(store, MARK_REPLACED, marks)
    write_rows(store, UNMARK_REPLACED, gone)
    return len(marks) + len(gone)
