"""The graph model: what the records of one file become as nodes and relationships.

    (:Person)-[:SIGNED {role, capacity}]->(:Document)-[:CITES {relation, mentions, …}]->(:Document)
    (:Document)-[:ISSUED_BY]->(:Organization)-[:PART_OF]->(:Organization)
    (:Document)-[:SENT_TO]->(:Organization)    (:Document)-[:COPY_OF]->(:Document)
    (:Document)-[:IN_PROVINCE {basis}]->(:Province)-[:MERGED_INTO]->(:MergedProvince)
    (:Organization)-[:IN_PROVINCE]->(:Province)  (:Document)-[:MENTIONS {title}]->(:Person)

Every relationship drawn from a file carries ``source`` (the file's path), so a changed or
removed file's facts can be taken out exactly. Dates are ISO strings and also ``day``, a day
number (days since 0001-01-01), so lags are plain subtraction on every store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphbuild import confidence
from graphbuild.dates import day_number
from graphbuild.identity import reference_uid
from graphbuild.records import DocumentRecord, corpus_only_properties, node_properties
from graphbuild.tables import (
    CentralDocument,
    central_documents,
    central_titles,
    fold,
    issuer_by_name,
    province_by_name,
    provinces,
    search_key,
)
from graphbuild.wording import expand_abbreviations

# Parent bodies, recognised by how a body's name ends: "Ban Thường vụ Tỉnh ủy" is part of the "Tỉnh ủy".
PARENTS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Chính phủ", "Trung ương Đảng", "Ủy ban nhân dân tỉnh", "Quốc hội")

# Properties only a document in the corpus has; a corpus document demoted to "cited" loses them:
# the record's own (declared in records.py) and those derived from its dates here.
SPANNED = ("type", "symbol", "date", "issuer", "province", "signer")
DERIVED_CORPUS_ONLY = (
    "meeting_day", "month", "week", "day_basis", "search_text", "warned", *confidence.property_names(), *(f"{name}_span" for name in SPANNED),
)
CORPUS_ONLY = (*corpus_only_properties(), *DERIVED_CORPUS_ONLY)

# Relationship types, their end labels, and the key each end is matched on.
RELATIONSHIPS: dict[str, tuple[str, str]] = {
    "CITES": ("Document", "Document"),
    "ISSUED_BY": ("Document", "Organization"),
    "SIGNED": ("Person", "Document"),
    "SENT_TO": ("Document", "Organization"),
    "COPY_OF": ("Document", "Document"),
    "IN_PROVINCE": ("Document", "Province"),
    "MENTIONS": ("Document", "Person"),
}


def node_cypher(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{uid: row.uid}}) SET n += row.props"


# Two files can claim one document (a symbol written twice in one province and term): the file
# whose path sorts first holds its properties, whatever order the files were loaded in, so an
# incremental build equals a clean one. Both files' relationships stay.
CORPUS_DOCUMENT_CYPHER = (
    "UNWIND $rows AS row MERGE (n:Document {uid: row.uid}) "
    "WITH n, row WHERE n.status IS NULL OR n.status <> 'corpus' OR n.source IS NULL OR n.source >= row.source "
    "SET n += row.props"
)
REMOVE_CORPUS_DOCUMENT_PROPERTY = (
    "UNWIND $rows AS row MATCH (n:Document {uid: row.uid}) WHERE n.source = row.source AND n.`{key}` IS NOT NULL SET n.`{key}` = null"
)


def remove_property_cypher(label: str) -> str:
    """Takes one property (``{key}``) off the nodes of ``label`` the rows name (see ``write_properties``)."""
    return f"UNWIND $rows AS row MATCH (n:{label} {{uid: row.uid}}) WHERE n.`{{key}}` IS NOT NULL SET n.`{{key}}` = null"


CITED_NODE_CYPHER = "UNWIND $rows AS row MERGE (n:Document {uid: row.uid}) ON CREATE SET n += row.props"


def relationship_cypher(rel_type: str, from_label: str | None = None, to_label: str | None = None, *, new: bool = False) -> str:
    """``UNWIND $rows`` writing one relationship per row: merged on its file (``source``), or, with
    ``new``, created, where none of that file can exist (a file's facts on its documents are taken
    out before they are written again, and rows are unique within a batch): no look-up per row."""
    start, end = RELATIONSHIPS.get(rel_type, (from_label, to_label))
    write = f"CREATE (a)-[r:{rel_type} {{source: row.source}}]->(b)" if new else f"MERGE (a)-[r:{rel_type} {{source: row.source}}]->(b)"
    return f"UNWIND $rows AS row MATCH (a:{from_label or start} {{uid: row.from}}) MATCH (b:{to_label or end} {{uid: row.to}}) {write} SET r += row.props"


def iso_week(iso: str | None) -> str | None:
    """``2021-08-04`` → ``2021-W31``: the ISO week, for grouping notices by week in any store."""
    if not iso:
        return None
    year, week, _ = dt.date.fromisoformat(iso).isocalendar()
    return f"{year}-W{week:02d}"


def document_label(symbol: str | None, doc_type: str | None, province: str | None, date: str | None, *, title: str | None = None) -> str:
    """What a reader calls a document: its symbol, else its type, province and date, else its title.

    >>> document_label(None, "Thông báo", "Cà Mau", "2021-09-01")
    'Thông báo · Cà Mau · 2021-09-01'
    """
    if symbol:
        return symbol
    if title:
        return title if len(title) <= 60 else title[:59].rstrip() + "…"
    return " · ".join(part for part in (doc_type or "Văn bản", province, date) if part)


def province_uid(code: str) -> str:
    return f"province:{code}"


def organization_uid(name: str, province_code: str | None, level: str | None) -> str:
    """One body, however written: ``UBND tỉnh`` and ``Uỷ ban nhân dân tỉnh`` of one province are one node."""
    scope = "central" if level == "central" else (province_code or "?")
    return f"org:{scope}:{fold(expand_abbreviations(name))}"


def person_uid(name: str, title: str | None, province_code: str | None) -> str:
    central = bool(title) and title.startswith(central_titles())  # type: ignore[union-attr]
    return f"person:{'central' if central else province_code or '?'}:{fold(name)}"


def without_province(name: str, province: str | None) -> str:
    """``Đảng ủy Khối các cơ quan tỉnh Bình Định`` → ``Đảng ủy Khối các cơ quan tỉnh`` (the province is its own node)."""
    if province and name.endswith(" " + province):
        return name[: -len(province) - 1]
    return name


def parent_of(name: str) -> str | None:
    for parent in PARENTS:
        if name.endswith(parent) and name != parent:
            return parent
    return None


@dataclass
class FileFacts:
    """Everything one file contributes to the graph."""

    source: str
    content_hash: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    cited: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    relationships: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    part_of: list[dict[str, Any]] = field(default_factory=list)
    organization_provinces: list[dict[str, Any]] = field(default_factory=list)

    @property
    def document_uids(self) -> list[str]:
        return [row["uid"] for row in self.documents]

    @property
    def cited_uids(self) -> list[str]:
        return [row["uid"] for row in self.cited]

    def relate(self, rel_type: str, start: str, end: str, **props: Any) -> None:
        self.relationships.setdefault(rel_type, []).append({"from": start, "to": end, "source": self.source, "props": props})


@cache
def references_by_uid() -> dict[str, CentralDocument]:
    """Reference documents by the uid a citation by name resolves to ("Luật Phòng, chống bệnh
    truyền nhiễm" → ``03/2007/QH12@2007``): such a node has no symbol to look the reference up by."""
    return {reference_uid(r): r for r in central_documents().values() if r.date}


def reference_for(canonical: str | None, uid: str | None, level: str | None) -> CentralDocument | None:
    """The verified reference row of a central document, by its symbol or by the uid of its name."""
    if level != "central":
        return None
    return central_documents().get(canonical or "") or references_by_uid().get(uid or "")


# What reconcile gives a notice of the corpus that nothing cites: written with it when it is loaded,
# so that a first build reconciles only the documents something cites (reconcile.RECONCILABLE).
# (Its count of conflicting citations is kept only where there are some: the index on it then holds
# the few documents the ``conflicts`` question starts from, and Neo4j's planner seeks it.)
UNCITED = {"cited_by": 0, "citing_provinces": 0, "mentions_total": 0}


def _document_props(record: DocumentRecord, source: str) -> dict[str, Any]:
    """The record's declared properties, and what the graph derives from them."""
    province = province_by_name().get(record.province) if record.province else None
    reference = reference_for(record.canonical, record.uid, record.level)
    dated = record.date or record.meeting_date
    return {
        **node_properties(record),
        "source": source,
        "status": "corpus",
        "label": document_label(record.canonical or record.symbol, record.type, record.province, dated),
        "meeting_day": day_number(record.meeting_date),
        "day": day_number(record.date) or day_number(record.meeting_date),
        "day_basis": "date" if record.date else ("meeting_date" if record.meeting_date else None),
        "spellings": None,  # a cited document's spellings in its citers: a document with its own file has its own
        "month": (dated or "")[:7] or None,
        "week": iso_week(dated),
        "province_code": province.code if province else None,
        "resolved": not (record.uid or "").startswith("unresolved:"),
        "in_reference": reference is not None,
        "search_text": search_text(record),
        "warned": len(record.warnings) or None,  # how many warnings, where there are any: the index finds them
        **UNCITED,  # (reconcile counts its citations, when it has any)
        **confidence.node_properties(record),
        **{f"{name}_span": record.fact_spans.get(name) for name in SPANNED},
    }


def search_text(record: DocumentRecord) -> str | None:
    """What ``lexgraph search`` finds a notice by: its subject and the sentences it cites from,
    folded (lower case, no diacritics), so that a query typed either way finds it."""
    parts = [record.subject or "", *(c.sentence or "" for c in record.citations)]
    text = " ".join(p for p in parts if p)
    return search_key(text) or None


def facts_for_file(records: Iterable[DocumentRecord], source: str, content_hash: str) -> FileFacts:
    facts = FileFacts(source, content_hash)
    organizations: dict[str, dict[str, Any]] = {}
    persons: dict[str, dict[str, Any]] = {}
    cited: dict[str, dict[str, Any]] = {}

    def organization(name: str, province: str | None, level: str | None, kind: str | None, *, issuing: bool = True) -> str:
        province_row = province_by_name().get(province) if province else None
        code = province_row.code if province_row and level != "central" else None
        name = without_province(name, province)
        uid = organization_uid(name, code, level)
        # A level or kind this file cannot tell (a recipient list) is left out, not written as
        # null: it would take off what another file's letterhead gave the body.
        known_props = {"level": level, "kind": kind}
        organizations.setdefault(
            uid, {"uid": uid, "props": {"name": name, **{k: v for k, v in known_props.items() if v}, "province": province if code else None, "province_code": code}},
        )
        parent = parent_of(name) if issuing else None  # a recipient list item is not a body's name
        if parent:
            known = issuer_by_name().get(fold(parent))
            parent_uid = organization(parent, province, known.level if known else level, known.kind if known else kind)
            facts.part_of.append({"from": uid, "to": parent_uid, "source": "model", "props": {}})
        if code:
            facts.organization_provinces.append({"from": uid, "to": province_uid(code), "source": "model", "props": {}})
        return uid

    for record in records:
        assert record.uid is not None
        facts.documents.append({"uid": record.uid, "source": source, "props": _document_props(record, source)})
        code = province_by_name()[record.province].code if record.province in province_by_name() else None
        if code:
            facts.relate("IN_PROVINCE", record.uid, province_uid(code), basis=record.basis_of("province"))
        if record.issuer:
            known = issuer_by_name().get(fold(without_province(record.issuer, record.province)))
            level, kind = record.level or (known.level if known else None), record.kind or (known.kind if known else None)
            org = organization(record.issuer, record.province, level, kind)
            facts.relate(
                "ISSUED_BY", record.uid, org, basis=record.basis_of("issuer"), name=without_province(record.issuer, record.province), level=level, kind=kind,
            )
        for position, recipient in enumerate(record.recipients):
            org = organization(recipient, record.province, None, None, issuing=False)
            facts.relate("SENT_TO", record.uid, org, position=position, as_written=recipient, name=without_province(recipient, record.province))
        if record.copy_of:
            facts.relate("COPY_OF", record.uid, record.copy_of)
        for signer in record.signers:
            uid = person_uid(signer.name, signer.role, code)
            persons.setdefault(uid, {"uid": uid, "props": {"name": signer.name, "title": signer.role, "province": record.province if not uid.startswith("person:central") else None}})
            facts.relationships.setdefault("SIGNED", []).append(
                {"from": uid, "to": record.uid, "source": source, "props": {"role": signer.role, "capacity": signer.capacity, "name": signer.name}}
            )
        for person in record.persons:
            uid = person_uid(person.name, person.title, code)
            persons.setdefault(uid, {"uid": uid, "props": {"name": person.name, "title": person.title, "province": record.province if not uid.startswith("person:central") else None}})
            facts.relate("MENTIONS", record.uid, uid, title=person.title, name=person.name)
        for citation in record.citations:
            assert citation.uid is not None
            province = province_by_name().get(citation.province) if citation.province else None
            cited.setdefault(
                citation.uid,
                {
                    "uid": citation.uid,
                    "props": {
                        "status": "unresolved" if citation.uid.startswith("unresolved:") else "cited",
                        "type": citation.type,
                        "symbol": citation.symbol,
                        "canonical": citation.canonical,
                        "number": citation.number,
                        "year": citation.year,
                        "level": citation.level,
                        "kind": citation.kind,
                        "province": citation.province,
                        "province_code": province.code if province else None,
                        "title": None if citation.symbol else citation.as_written,
                        "label": document_label(citation.canonical, citation.type, None, None, title=citation.as_written),
                        "resolved": not citation.uid.startswith("unresolved:"),
                    },
                },
            )
            if province and citation.level != "central":
                facts.relate("IN_PROVINCE", citation.uid, province_uid(province.code), basis="inferred from the citing notice")
            facts.relate(
                "CITES", record.uid, citation.uid,
                relation=citation.relation, relation_detail=citation.relation_detail, relation_cue=citation.relation_cue,
                relation_all=citation.relation_all,
                mentions=citation.mentions, as_written=citation.as_written,
                sentence=citation.sentence, spans=[p for s in citation.spans for p in (s.start, s.end)],
                date_written=citation.date, issuer_written=citation.issuer, issuer_basis=citation.issuer_basis,
                type_written=citation.type, symbol_written=citation.symbol, warnings=citation.warnings,
                confidence_read=citation.confidence, confidence=citation.confidence, doubt_read=citation.doubt, doubt=citation.doubt, reviewed=citation.reviewed,
            )
    facts.organizations = list(organizations.values())
    facts.persons = list(persons.values())
    in_file = set(facts.document_uids)
    facts.cited = [row for uid, row in cited.items() if uid not in in_file]
    return facts


def province_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The 63 provinces of 2021, their 2025 successors, and the MERGED_INTO links between them."""
    provinces_2021 = [
        {"uid": province_uid(p.code), "props": {"code": p.code, "name": p.name, "kind": p.kind, "region": p.region, "successor_2025": p.successor_2025}}
        for p in provinces()
    ]
    successors = [{"uid": f"merged:{fold(name)}", "props": {"name": name}} for name in sorted({p.successor_2025 for p in provinces()})]
    merged_into = [{"from": province_uid(p.code), "to": f"merged:{fold(p.successor_2025)}", "source": "reference", "props": {}} for p in provinces()]
    return provinces_2021, successors, merged_into
