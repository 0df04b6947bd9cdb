"""Reconcile cited documents after a load: one fact per document, disagreements kept as data.

A document known only from citations takes its date and issuer from the verified reference
table when it is there, else from what most citing notices write (ties: the earliest date;
the disagreement is flagged). A document in the corpus keeps its own facts. Every citation
whose written date, issuer or type disagrees with the document's resolved facts is marked on
its ``CITES`` relationship (``date_conflict``, ``issuer_conflict``, ``type_conflict`` and a
``conflict`` note) for the ``conflicts`` query; nothing written is overwritten.

The result depends only on what the graph holds, never on the order files were loaded in.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import Any

from graphbuild.bodies import issuer_kind
from graphbuild.dates import day_number
from graphbuild.model import (
    UNCITED,
    node_cypher,
    organization_uid,
    province_uid,
    reference_for,
    relationship_cypher,
    remove_property_cypher,
)
from graphbuild.stores.base import GraphStore, reads_at_once, write_properties, write_rows
from graphbuild.tables import fold, issuer_by_name, province_by_name

READ_DOCUMENTS = """
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
OPTIONAL MATCH (d)-[:ISSUED_BY {source: 'reconcile'}]->(o:Organization)
WITH d, o.uid AS issuer_org
OPTIONAL MATCH (n:Document)-[c:CITES]->(d)
RETURN d.uid AS uid, d.status AS status, d.canonical AS canonical, d.symbol AS symbol, d.level AS level, d.kind AS kind, d.type AS type,
       d.date AS date, d.issuer AS issuer, d.province AS province, issuer_org,
       d.day AS day, d.year AS year, d.subject AS subject, d.date_basis AS date_basis, d.issuer_basis AS issuer_basis,
       d.in_reference AS in_reference, d.cited_by AS cited_by, d.citing_provinces AS citing_provinces,
       d.mentions_total AS mentions_total, d.conflicts AS conflicts, d.spellings AS spellings,
       collect([n.uid, c.source, c.date_written, c.issuer_written, c.type_written, n.province, c.mentions, c.conflict, c.symbol_written,
                c.confidence_read, c.doubt_read, CASE WHEN d.status <> 'corpus' THEN c.as_written END]) AS citations
"""
# Each citation comes as a list (a map's keys cost the embedded store's reply a third more to read
# at 100k notices); its names, in that order:
CITATION_FIELDS = (
    "citing", "source", "date", "issuer", "type", "province", "mentions", "conflict", "symbol", "confidence_read", "doubt_read", "written",
)
# Every document a reconcile of the whole graph can change: all but the notices of the corpus that
# nothing cites and that hold what reconcile would give them (model.UNCITED, written when they are
# loaded; no issuer it resolved). A first build of 100k notices reconciles only those cited.
RECONCILABLE = (
    "MATCH (d:Document) WHERE coalesce(d.status, '') <> 'corpus' OR d.in_reference IS NULL OR "
    + " OR ".join(f"coalesce(d.{name}, -1) <> {value}" for name, value in UNCITED.items())
    + " OR d.conflicts IS NOT NULL OR ()-[:CITES]->(d) OR (d)-[:ISSUED_BY {source: 'reconcile'}]->() RETURN d.uid AS uid"
)
CITED_COUNTS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) RETURN d.uid AS uid, size([(n:Document)-[:CITES]->(d) | n.uid]) AS cited"
DELETE_ORPHANS = """
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
WHERE d.status <> 'corpus' AND NOT ()-[:CITES]->(d) AND NOT ()-[:COPY_OF]->(d)
DETACH DELETE d
RETURN count(d) AS removed
"""
UPDATE_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) SET d += row.props"
UPDATE_CITATIONS = (
    "UNWIND $rows AS row MATCH (a:Document {uid: row.from})-[c:CITES {source: row.source}]->(d:Document {uid: row.to}) SET c += row.props"
)
REMOVE_CITATION_PROPERTY = (
    "UNWIND $rows AS row MATCH (a:Document {uid: row.from})-[c:CITES {source: row.source}]->(d:Document {uid: row.to}) "
    "WHERE c.`{key}` IS NOT NULL SET c.`{key}` = null"
)
DROP_RESOLVED_ISSUERS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid})-[r:ISSUED_BY {source: 'reconcile'}]->() DELETE r"
SWEEP_ORGANIZATIONS = (
    "MATCH (o:Organization) WHERE NOT (o)<-[:ISSUED_BY]-() AND NOT (o)<-[:SENT_TO]-() AND NOT (o)<-[:PART_OF]-() DETACH DELETE o"
)
SWEEP_PERSONS = "MATCH (p:Person) WHERE NOT (p)-[:SIGNED]->() AND NOT (p)<-[:MENTIONS]-() DETACH DELETE p"
CHUNK = 5000
# Citations read at most per chunk (one document cited more often is a chunk of its own): what a
# reconcile holds in memory does not grow with the corpus, however many notices cite 16/CT-TTg.
CITATIONS_PER_CHUNK = 20_000
# Chunks read at once, on connections of their own, while the build resolves and writes another.
READERS = 2


def _same_issuer(written: str, resolved: str) -> bool:
    """One body, however the province is written: "Ủy ban nhân dân tỉnh" in a citation and "Ủy ban nhân
    dân tỉnh Ninh Bình" from the notice's own letterhead are the same issuer.

    >>> _same_issuer("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Ninh Bình"), _same_issuer("Bộ Y tế", "Bộ Tài chính")
    (True, False)
    """
    return _without_province(fold(written)) == _without_province(fold(resolved))


@cache
def _folded_province_names() -> tuple[str, ...]:
    return tuple(sorted({fold(name) for name in province_by_name()}, key=len, reverse=True))


@lru_cache(maxsize=8192)  # (a corpus writes a few hundred issuers: 70k calls at 10k notices)
def _without_province(folded: str) -> str:
    for name in _folded_province_names():
        if folded.endswith(" " + name):
            return folded[: -len(name) - 1]
    return folded


def _majority(values: Iterable[str]) -> tuple[str | None, bool]:
    """The most common value (ties: the smallest), and whether the values disagree."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None, False
    best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return best, len(counts) > 1


def _chunks(store: GraphStore, uids: list[str]) -> Iterable[list[str]]:
    """``uids`` in chunks of at most CHUNK documents and CITATIONS_PER_CHUNK citations."""
    for start in range(0, len(uids), CHUNK):
        counts = {row["uid"]: row["cited"] for row in store.read(CITED_COUNTS, {"uids": uids[start : start + CHUNK]})}
        chunk: list[str] = []
        held = 0
        for uid in uids[start : start + CHUNK]:
            cited = counts.get(uid, 0)
            if chunk and held + cited > CITATIONS_PER_CHUNK:
                yield chunk
                chunk, held = [], 0
            chunk.append(uid)
            held += cited
        if chunk:
            yield chunk


def _read_ahead(store: GraphStore, uids: list[str]) -> Iterator[list[dict[str, Any]]]:
    """Each chunk's documents and citations (:data:`READ_DOCUMENTS`), in order, the next
    :data:`READERS` chunks read at once on connections of their own while the caller resolves and
    writes this one (a chunk's writes touch only its own documents, their citations and issuers,
    never what another chunk reads). At most ``READERS + 1`` chunks are held."""

    def read(reader: GraphStore, chunk: list[str]) -> list[dict[str, Any]]:
        rows = reader.read(READ_DOCUMENTS, {"uids": chunk})
        for row in rows:  # (a document nothing cites has one citation of nulls: left out)
            row["citations"] = [dict(zip(CITATION_FIELDS, c)) for c in row["citations"] if c[0] is not None]
        return rows

    with reads_at_once(store, READERS) as submit:
        chunks = iter(_chunks(store, uids))  # (their sizes read on the caller's connection, between its writes)
        coming = deque(submit(read, chunk) for chunk in islice(chunks, READERS))
        while coming:
            rows = coming.popleft().result()
            following = next(chunks, None)
            if following is not None:
                coming.append(submit(read, following))
            yield rows


def reconcile(store: GraphStore, uids: Iterable[str] | None = None) -> dict[str, int]:
    """Reconcile the documents ``uids`` (when ``None``, every document a reconcile can change:
    :data:`RECONCILABLE`); return counts for the report."""
    all_uids = sorted(set(uids)) if uids is not None else [row["uid"] for row in store.read(RECONCILABLE)]
    stats = Counter({"documents": 0, "conflicts": 0, "removed": 0})
    # Orphans first: what a chunk writes neither makes nor takes citations, so the rest can be read
    # ahead of the writes.
    for start in range(0, len(all_uids), CHUNK):
        stats["removed"] += store.write(DELETE_ORPHANS, {"uids": all_uids[start : start + CHUNK]})[0]["removed"]
    for rows in _read_ahead(store, all_uids):
        # Only what changes is written: a build that changes nothing writes nothing here.
        documents: list[dict[str, Any]] = []
        citations: list[dict[str, Any]] = []
        issuers: list[dict[str, Any]] = []
        stale_issuers: list[str] = []
        for row in rows:
            resolved = _resolve(row)
            cites, issuer = resolved.citations, resolved.issuer
            changed = {k: v for k, v in resolved.properties.items() if row.get(k) != v}
            if changed:
                documents.append({"uid": row["uid"], "props": changed})
            current = {(c["citing"], c["source"]): c.get("conflict") for c in row["citations"]}
            citations.extend(c for c in cites if current.get((c["from"], c["source"])) != c["props"]["conflict"])
            wanted = issuer["org"]["uid"] if issuer else None
            if wanted != row["issuer_org"]:  # the resolved issuer changed, appeared or went
                if row["issuer_org"]:
                    stale_issuers.append(row["uid"])
                if issuer:
                    issuers.append(issuer)
            stats["documents"] += 1
            stats["conflicts"] += sum(1 for c in cites if c["props"]["conflict"])
        write_properties(store, UPDATE_DOCUMENTS, documents, remove_cypher=remove_property_cypher("Document"))
        write_properties(store, UPDATE_CITATIONS, citations, remove_cypher=REMOVE_CITATION_PROPERTY)
        if stale_issuers:
            store.write(DROP_RESOLVED_ISSUERS, {"uids": stale_issuers})
        if issuers:
            organizations = {i["org"]["uid"]: i["org"] for i in issuers}
            write_properties(store, node_cypher("Organization"), list(organizations.values()), remove_cypher=remove_property_cypher("Organization"))
            # A body of a province is in it however it came to the graph (a file's letterhead or
            # this resolution): the same relationship either way, so a file's removal cannot
            # leave a difference between an incremental build and a clean one.
            located = [
                {"from": uid, "to": province_uid(org["props"]["province_code"]), "source": "model", "props": {}}
                for uid, org in organizations.items() if org["props"].get("province_code")
            ]
            write_rows(store, relationship_cypher("IN_PROVINCE", "Organization", "Province"), located)
            write_rows(store, relationship_cypher("ISSUED_BY"), [i["rel"] for i in issuers])
    return dict(stats)


def sweep(store: GraphStore) -> None:
    """Remove organisations and people no document refers to any more."""
    for _ in range(3):  # a removed body can leave its parent unused
        store.write(SWEEP_ORGANIZATIONS)
    store.write(SWEEP_PERSONS)


@dataclass
class Resolved:
    """One document reconciled: its properties as they should be, its incoming citations with their
    conflict flags, and the issuer a cited document is resolved to (a body node and the link to it)."""

    properties: dict[str, Any]
    citations: list[dict[str, Any]]
    issuer: dict[str, Any] | None


def _resolve(row: dict[str, Any]) -> Resolved:
    citations = row["citations"]  # (a citation of nulls already left out: _read_ahead)
    reference = reference_for(row["canonical"], row["uid"], row["level"])
    in_corpus = row["status"] == "corpus"
    written_dates = [c["date"] for c in citations]
    written_issuers = [c["issuer"] for c in citations]
    date: str | None
    issuer: str | None
    date_basis: str | None
    issuer_basis: str | None
    if in_corpus:
        date, date_basis = row["date"], "corpus"
        issuer, issuer_basis = row["issuer"], "corpus"
    elif reference:
        date, date_basis = reference.date, "reference"
        issuer, issuer_basis = reference.issuer, "reference"
    else:
        date, disputed = _majority(written_dates)
        date_basis = ("citations, disputed" if disputed else "citations") if date else None
        issuer, disputed_issuer = _majority(written_issuers)
        issuer_basis = ("citations, disputed" if disputed_issuer else "citations") if issuer else None
    doc_type = row["type"] or (reference.type if reference else None)
    # Counts the library reads instead of aggregating every citation at query time.
    update: dict[str, Any] = {
        "in_reference": reference is not None,
        "cited_by": len({c["citing"] for c in citations}),
        "citing_provinces": len({c["province"] for c in citations if c.get("province")}),
        "mentions_total": sum(c.get("mentions") or 0 for c in citations),
    }
    if not in_corpus:
        update["spellings"] = sorted({c["written"] for c in citations if c.get("written")})[:3]
        symbol, _ = _majority(c.get("symbol") for c in citations)
        if symbol:  # as most citations write it, not as the first file loaded did
            update["symbol"] = symbol
        update.update(
            {
                "date": date, "day": day_number(date), "date_basis": date_basis,
                "issuer": issuer, "issuer_basis": issuer_basis, "type": doc_type,
                "subject": reference.subject if reference else None,
                "year": int(date[:4]) if date else None,
            }
        )
    cites: list[dict[str, Any]] = []
    conflicts = 0
    for citation in citations:
        notes = []
        date_conflict = bool(citation["date"] and date and citation["date"] != date)
        issuer_conflict = bool(citation["issuer"] and issuer and not _same_issuer(citation["issuer"], issuer))
        type_conflict = bool(citation["type"] and doc_type and citation["type"] != doc_type)
        if date_conflict:
            notes.append(f"date written {citation['date']}, {date_basis} says {date}")
        if issuer_conflict:
            notes.append(f"issuer written '{citation['issuer']}', {issuer_basis} says '{issuer}'")
        if type_conflict:
            notes.append(f"type written '{citation['type']}', the document is a {doc_type}")
        conflicts += bool(notes)
        cites.append(
            {
                "from": citation["citing"], "to": row["uid"], "source": citation["source"],
                "props": {  # kept only where they hold, so that an unflagged citation carries nothing
                    "date_conflict": date_conflict or None, "issuer_conflict": issuer_conflict or None,
                    "type_conflict": type_conflict or None, "conflict": "; ".join(notes) or None,
                    # a disagreement makes the citation doubtful (graphbuild/confidence.py, rule 4)
                    "confidence": "doubtful" if notes else citation.get("confidence_read"),
                    "doubt": "; ".join(notes) if notes else citation.get("doubt_read"),
                },
            }
        )
    update["conflicts"] = conflicts or None  # (kept only where there are some: see model.UNCITED)
    issuer_link = None
    if issuer and not in_corpus:
        known = issuer_by_name().get(fold(issuer))
        level = known.level if known else row["level"]
        province = province_by_name().get(row["province"]) if row["province"] else None
        code = province.code if province and level != "central" else None
        uid = organization_uid(issuer, code, level)
        issuer_link = {
            "org": {"uid": uid, "props": {"name": issuer, "level": level, "kind": known.kind if known else (row.get("kind") or issuer_kind(issuer)), "province": row["province"] if code else None, "province_code": code}},
            "rel": {"from": row["uid"], "to": uid, "source": "reconcile", "props": {"basis": issuer_basis, "name": issuer}},
        }
    return Resolved(update, cites, issuer_link)
