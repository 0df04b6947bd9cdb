"""A document's card: everything the graph says about one document, each fact with the words
it rests on, and the text it was read from (for the page that highlights them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graphbuild import vocabulary
from graphbuild.confidence import OWN_FIELDS
from graphbuild.documents import find_document
from graphbuild.stores.base import GraphStore
from graphbuild.texts import text_of

DOCUMENT = "MATCH (d:Document {uid: $uid}) RETURN properties(d) AS props"
CITES = """
MATCH (d:Document {uid: $uid})-[c:CITES]->(t:Document)
RETURN t.uid AS uid, t.label AS label, t.type AS type, t.date AS date, t.issuer AS issuer, c.relation AS relation,
       c.relation_detail AS relation_detail, c.relation_cue AS relation_cue, c.as_written AS as_written, c.sentence AS sentence,
       c.spans AS spans, c.mentions AS mentions, c.confidence AS confidence, c.doubt AS doubt, c.reviewed AS reviewed,
       c.conflict AS conflict, c.warnings AS warnings
ORDER BY c.spans[0], t.uid
"""
CITED_BY = """
MATCH (n:Document)-[c:CITES]->(d:Document {uid: $uid})
RETURN n.uid AS uid, n.label AS label, n.province AS province, n.date AS date, c.relation AS relation, c.sentence AS sentence
ORDER BY n.day, n.uid
"""
SIGNERS = "MATCH (p:Person)-[s:SIGNED]->(d:Document {uid: $uid}) RETURN p.name AS name, s.role AS role, s.capacity AS capacity ORDER BY p.name"
BASIS_NAMES = {"stated": "ghi rõ (stated)", "inferred": "suy ra (inferred)", "reviewed": "đã xem lại (reviewed)", "none": "không có (none)"}
LEVEL_NAMES = {"certain": "chắc chắn (certain)", "likely": "có thể (likely)", "doubtful": "đáng ngờ (doubtful)"}
FIELD_NAMES = {
    "type": "loại", "symbol": "số, ký hiệu", "date": "ngày", "issuer": "cơ quan ban hành", "province": "tỉnh",
    "signer": "người ký", "subject": "trích yếu",
}


@dataclass
class CardFact:
    field: str
    value: Any
    basis: str | None
    confidence: str | None
    doubt: str | None
    span: list[int] | None

    @property
    def how(self) -> str:
        """``suy ra (inferred): a letter opening with 'Kính gửi:'``."""
        basis, _, evidence = (self.basis or "").partition(": ")
        named = BASIS_NAMES.get(basis, basis)
        return f"{named}: {evidence}" if evidence else named


@dataclass
class Card:
    uid: str
    label: str
    status: str | None
    source: str | None
    read_by: str | None
    facts: list[CardFact]
    citations: list[dict[str, Any]]
    cited_by: list[dict[str, Any]]
    warnings: list[str]
    text: str | None = None  # the text as read (every span points into it)
    ocr: bool = False
    block: list[int] | None = None  # where this document is in the text (a certified copy shares its file)
    subject: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    def fact_rows(self) -> list[dict[str, Any]]:
        return [
            {"field": f"{FIELD_NAMES.get(f.field, f.field)} ({f.field})", "value": f.value, "confidence": LEVEL_NAMES.get(f.confidence or "", f.confidence),
             "basis": f.how, "doubt": f.doubt}
            for f in self.facts
        ]

    def citation_rows(self) -> list[dict[str, Any]]:
        return [
            {"cited": c["label"], "relation": vocabulary.relation_name(c["relation"]), "confidence": LEVEL_NAMES.get(c.get("confidence") or "", c.get("confidence")),
             "sentence": c["sentence"] or ("đã xem lại (reviewed)" if c.get("reviewed") is not None else "")}
            for c in self.citations
        ]

    def cited_by_rows(self) -> list[dict[str, Any]]:
        return [{"notice": c["label"], "province": c["province"], "date": c["date"], "relation": vocabulary.relation_name(c["relation"])} for c in self.cited_by]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("properties")
        return data


def card(store: GraphStore, document: str, *, home: Path, with_text: bool = True) -> Card:
    """The card of the document ``document`` names (a file, a uid, or a symbol only it has)."""
    uid = find_document(store, document)["uid"]
    return card_of(store, uid, home=home, with_text=with_text)


def card_of(store: GraphStore, uid: str, *, home: Path, with_text: bool = True) -> Card:
    props = store.read(DOCUMENT, {"uid": uid})[0]["props"]
    signers = store.read(SIGNERS, {"uid": uid})
    facts = []
    for name in (*OWN_FIELDS[:5], "subject", "signer"):
        if name == "signer":
            value: Any = ", ".join(s["name"] for s in signers) or None
            basis = props.get("signer_basis")
        else:
            value = props.get(name)
            basis = props.get(f"{name}_basis") or ("stated" if value else None)
        if value is None and props.get(f"{name}_confidence") is None and name != "subject":
            continue
        facts.append(CardFact(name, value, basis, props.get(f"{name}_confidence"), props.get(f"{name}_doubt"), props.get(f"{name}_span")))
    result = Card(
        uid, props.get("label") or uid, props.get("status"), props.get("source"), None, facts,
        store.read(CITES, {"uid": uid}), store.read(CITED_BY, {"uid": uid}), list(props.get("warnings") or []),
        subject=props.get("subject"), properties=props,
    )
    if with_text and props.get("status") == "corpus":
        kept = text_of(home, props.get("content_hash"), props.get("source"))
        if kept is not None:
            result.text, result.read_by, result.ocr = kept["text"], kept["method"], bool(kept.get("ocr_pages"))
    return result

