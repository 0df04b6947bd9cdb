"""One document, named as an analyst names it: its file, its uid, or a symbol only it has.

A local symbol repeats across provinces (``274-TB/TU``): a symbol that names several documents
is an error listing them with their uids, never a guess.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphbuild.errors import LexgraphError
from graphbuild.stores.base import GraphStore

DOCUMENT_COLUMNS = (
    "d.uid AS uid, d.status AS status, d.symbol AS symbol, d.canonical AS canonical, d.type AS type, d.date AS date, "
    "d.province AS province, d.issuer AS issuer, d.source AS source, d.content_hash AS content_hash, d.label AS label"
)
BY_UID = f"MATCH (d:Document {{uid: $name}}) RETURN {DOCUMENT_COLUMNS}"
# A file names its notice, not the certified copy it may carry (a document with COPY_OF)
BY_SOURCE = (
    "MATCH (d:Document) WHERE d.source = $name AND d.status = 'corpus' OPTIONAL MATCH (d)-[c:COPY_OF]->() "
    f"WITH d, count(c) AS copies WHERE copies = 0 RETURN {DOCUMENT_COLUMNS} ORDER BY d.uid"
)
BY_FILE_NAME = (
    "MATCH (d:Document) WHERE d.status = 'corpus' AND d.source ENDS WITH $name OPTIONAL MATCH (d)-[c:COPY_OF]->() "
    f"WITH d, count(c) AS copies WHERE copies = 0 RETURN {DOCUMENT_COLUMNS} ORDER BY d.uid"
)
BY_SYMBOL = f"MATCH (d:Document) WHERE d.canonical = $name OR d.symbol = $name RETURN {DOCUMENT_COLUMNS} ORDER BY d.uid"


class DocumentNotFound(LexgraphError):
    """No document, or more than one, goes by the name given."""


def find_document(store: GraphStore, name: str, *, corpus_only: bool = False) -> dict[str, Any]:
    """The one document ``name`` names (a file, a uid, or a symbol), as a row of its main facts."""
    name = name.strip()
    rows = store.read(BY_UID, {"name": name})
    if not rows:
        path = Path(name).expanduser()
        if path.exists():
            rows = store.read(BY_SOURCE, {"name": str(path.resolve())})
        if not rows and ("/" in name or "." in name):
            rows = store.read(BY_FILE_NAME, {"name": "/" + name.lstrip("./")})
    if not rows:
        from graphbuild.symbols import parse_symbol

        try:
            canonical = parse_symbol(name).canonical
        except ValueError:
            canonical = name
        rows = store.read(BY_SYMBOL, {"name": canonical})
    if corpus_only:
        rows = [r for r in rows if r["status"] == "corpus"] or rows
    if not rows:
        raise DocumentNotFound(f"Không tìm thấy văn bản (no document) '{name}': give its file, its uid or its number and symbol.")
    if len(rows) > 1:
        listed = "\n".join(f"  {r['uid']}  {r.get('label') or ''}  {r.get('province') or ''}  {r.get('date') or ''}  {r.get('source') or ''}" for r in rows)
        raise DocumentNotFound(f"'{name}' names {len(rows)} documents; give one of their uids:\n{listed}")
    return rows[0]
