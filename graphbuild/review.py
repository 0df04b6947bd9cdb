"""The review queue: the doubtful facts of the graph, most consequential first.

A fact is doubtful by the rules of :mod:`graphbuild.confidence`. What a wrong fact costs decides
the order: a notice without a date or a province drops out of every diffusion view; a cited
document whose citers write two dates is split in two; an OCR-corrected number may point at the
wrong document; a doubtful issuer, type or signer misplaces one notice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from graphbuild.confidence import OWN_FIELDS
from graphbuild.stores.base import GraphStore
from graphbuild.texts import text_of

OWN_DOUBTS = """
MATCH (d:Document {status: 'corpus'})
WHERE d.confidence = 'doubtful' AND ($province IS NULL OR d.province = $province)
RETURN d.uid AS uid, d.source AS source, d.label AS label, d.content_hash AS content_hash, d.province AS province,
       d.date AS date, d.type AS type, d.issuer AS issuer, d.symbol AS symbol, d.signers AS signers,
       d.date_basis AS date_basis, d.province_basis AS province_basis, d.issuer_basis AS issuer_basis, d.type_basis AS type_basis,
       d.date_confidence AS date_confidence, d.province_confidence AS province_confidence, d.issuer_confidence AS issuer_confidence,
       d.type_confidence AS type_confidence, d.symbol_confidence AS symbol_confidence, d.signer_confidence AS signer_confidence,
       d.date_doubt AS date_doubt, d.province_doubt AS province_doubt, d.issuer_doubt AS issuer_doubt,
       d.type_doubt AS type_doubt, d.symbol_doubt AS symbol_doubt, d.signer_doubt AS signer_doubt,
       d.date_span AS date_span, d.province_span AS province_span, d.issuer_span AS issuer_span,
       d.type_span AS type_span, d.symbol_span AS symbol_span, d.signer_span AS signer_span
"""
CITATION_DOUBTS = """
MATCH (d:Document {status: 'corpus'})-[c:CITES]->(t:Document)
WHERE c.confidence = 'doubtful' AND ($province IS NULL OR d.province = $province)
RETURN d.uid AS uid, d.source AS source, d.label AS label, d.content_hash AS content_hash, d.province AS province,
       t.uid AS cited_uid, t.label AS cited, c.as_written AS as_written, c.sentence AS sentence, c.doubt AS doubt,
       c.date_conflict AS date_conflict, c.spans AS spans, t.cited_by AS cited_by
"""

# What a wrong fact costs, most first: (rank, what it costs, in Vietnamese).
COSTS = {
    ("date", "missing"): (100, "thiếu ngày: văn bản rơi khỏi mọi biểu đồ lan tỏa (drops out of every diffusion view)"),
    ("province", "missing"): (95, "thiếu tỉnh: văn bản rơi khỏi mọi bản đồ tỉnh (drops out of every province view)"),
    ("citation", "two dates"): (80, "văn bản được trích dẫn mang hai ngày: bị tách làm hai (a cited document split in two)"),
    ("citation", "ocr"): (70, "số hiệu sửa từ OCR: có thể trỏ nhầm văn bản (may point at the wrong document)"),
    ("province", "doubtful"): (60, "tỉnh suy ra từ tên huyện: có thể nhầm tỉnh (may be the wrong province)"),
    ("citation", "doubtful"): (55, "trích dẫn không khớp văn bản được trích (disagrees with the cited document)"),
    ("date", "doubtful"): (50, "ngày đáng ngờ (a doubtful date)"),
    ("issuer", "missing"): (45, "thiếu cơ quan ban hành (no issuer)"),
    ("issuer", "doubtful"): (40, "cơ quan ban hành đáng ngờ (a doubtful issuer)"),
    ("type", "missing"): (35, "thiếu loại văn bản (no type)"),
    ("type", "doubtful"): (30, "loại văn bản đáng ngờ (a doubtful type)"),
    ("symbol", "doubtful"): (25, "số hiệu đáng ngờ (a doubtful symbol)"),
    ("signer", "missing"): (20, "thiếu người ký (no signer)"),
    ("signer", "doubtful"): (15, "người ký đáng ngờ (a doubtful signer)"),
}


@dataclass
class ReviewRow:
    rank: int
    file: str
    uid: str
    document: str
    field: str
    read: str | None  # what lexgraph read ("" where it read nothing)
    line: str | None  # the line as written
    why: str
    cost: str
    content_hash: str | None
    span: list[int] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def review_rows(store: GraphStore, *, home: Path, province: str | None = None, limit: int | None = None) -> list[ReviewRow]:
    """The doubtful facts, most consequential first (ties: by file, then field)."""
    rows: list[ReviewRow] = []
    texts: dict[str, str | None] = {}

    def line_at(content_hash: str | None, source: str | None, span: list[int] | None) -> str | None:
        if not content_hash or not span:
            return None
        if content_hash not in texts:
            kept = text_of(home, content_hash, source)
            texts[content_hash] = kept["text"] if kept else None
        text = texts[content_hash]
        if text is None:
            return None
        start = text.rfind("\n", 0, span[0]) + 1
        end = text.find("\n", span[1])
        return " ".join(text[start : end if end >= 0 else len(text)].split())

    for doc in store.read(OWN_DOUBTS, {"province": province}):
        for name in OWN_FIELDS:
            if doc.get(f"{name}_confidence") != "doubtful":
                continue
            value = (doc["signers"] or [None])[0] if name == "signer" else doc.get(name)
            state = "missing" if value in (None, "") else "doubtful"
            rank, cost = COSTS.get((name, state), (10, "đáng ngờ (doubtful)"))
            span = doc.get(f"{name}_span")
            basis = doc.get(f"{name}_basis") or ""
            rows.append(
                ReviewRow(
                    rank, shown_path(doc["source"]), doc["uid"], doc["label"], name, value or "",
                    line_at(doc["content_hash"], doc["source"], span) or _quoted(basis), doc.get(f"{name}_doubt") or "", cost, doc["content_hash"], span,
                )
            )
    for cite in store.read(CITATION_DOUBTS, {"province": province}):
        doubt = cite["doubt"] or ""
        state = "two dates" if cite["date_conflict"] else ("ocr" if "OCR" in doubt else "doubtful")
        rank, cost = COSTS[("citation", state)]
        spans = cite["spans"] or []
        span = [spans[0], spans[1]] if len(spans) >= 2 else None
        rows.append(
            ReviewRow(
                rank + min(9, cite["cited_by"] or 0) // 3, shown_path(cite["source"]), cite["uid"], cite["label"], "citation",
                cite["cited"] or cite["as_written"], line_at(cite["content_hash"], cite["source"], span) or cite["sentence"], doubt, cost, cite["content_hash"], span,
            )
        )
    rows.sort(key=lambda r: (-r.rank, r.file, r.field, r.read or ""))
    return rows[:limit] if limit else rows


def _quoted(basis: str) -> str | None:
    start = basis.find("'")
    end = basis.rfind("'")
    return basis[start + 1 : end] if 0 <= start < end else None


def shown_path(source: str | None) -> str:
    """The file as the analyst named it: relative to the working folder where it is under it."""
    if not source:
        return ""
    try:
        return str(Path(source).relative_to(Path.cwd()))
    except ValueError:
        return source
