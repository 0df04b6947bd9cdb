"""How far to trust each extracted fact: ``certain``, ``likely`` or ``doubtful``, with the reason.

The level follows from what lexgraph already knows about how a fact was found, by these rules
(the first that applies decides):

Own facts of a document (type, date, issuer, province, signer; symbol where it has one)
  1. reviewed by an analyst (``corrections.csv``)                        → certain
  2. not found, where the document needs it (a date, a province for a
     local document, an issuer, a type, a signer)                        → doubtful
  3. a province inferred from a district's name                           → doubtful
  4. an issuer whose letterhead and signature name different bodies      → doubtful
  5. a type whose heading says more than the type (``BÁO CÁO ĐỀ XUẤT``)   → doubtful
  6. read by OCR (a digit or a diacritic may be misread)                  → likely
  7. inferred from other words (``evidence`` names them)                  → likely
  8. stated by the words themselves                                       → certain

Citations
  1. added or kept by an analyst                                          → certain
  2. an OCR symbol with more than one letter read as a digit (uncertain) → doubtful
  3. an OCR symbol with a letter read as a digit (corrected)             → doubtful
  4. its written date, issuer or type disagrees with the cited document's
     (the reference table's, or what other notices write: set by reconcile) → doubtful
  5. a document that cannot be identified soundly (no year, no province) → likely
  6. read by OCR                                                          → likely
  7. otherwise                                                            → certain

A doubtful fact is what ``lexgraph review`` lists. The rules are deliberately few and readable:
each level says *why* (``<field>_doubt`` on the node, ``doubt`` on ``CITES``).
"""

from __future__ import annotations

import re
from typing import Any

from graphbuild.records import Citation, DocumentRecord
from graphbuild.tables import fold

CERTAIN, LIKELY, DOUBTFUL = "certain", "likely", "doubtful"
LEVELS = (CERTAIN, LIKELY, DOUBTFUL)
# The own facts judged, in the order cards and the review list them.
OWN_FIELDS = ("date", "province", "issuer", "type", "symbol", "signer")

# "TM." (thay mặt): signed on behalf of a collective body (KT., TL., TUQ. name a person's title)
_SIGNED_FOR = re.compile(r"signed 'T/?M\.?\s*(?P<body>[^',]+)")
_QUOTED = re.compile(r"'(?P<words>[^']+)'")


def own_levels(record: DocumentRecord) -> dict[str, tuple[str, str]]:
    """Each own fact's level and reason (a field with no level does not apply: a central
    document's province, a notice's symbol where none is written)."""
    levels: dict[str, tuple[str, str]] = {}
    ocr = record.read_by in ("ocr", "pdf-text+ocr")
    for name in OWN_FIELDS:
        judged = _own_level(record, name, ocr)
        if judged is not None:
            levels[name] = judged
    return levels


def _own_level(record: DocumentRecord, name: str, ocr: bool) -> tuple[str, str] | None:
    fact = record.facts.get(name)
    basis = fact.basis if fact else None
    evidence = (fact.evidence if fact else None) or ""
    if basis == "reviewed":
        return CERTAIN, f"reviewed: {evidence}" if evidence else "reviewed"
    if name == "signer":
        if record.signers:
            return (LIKELY, "read by OCR") if ocr else (CERTAIN, "stated")
        if record.copy_of:
            return None  # a certified copy is signed by whoever certified it
        return DOUBTFUL, "no signer read: a name under a seal or a signature image?"
    if name == "symbol":
        if not record.symbol:
            return None
        return (LIKELY, "read by OCR") if ocr else (CERTAIN, "stated")
    value = getattr(record, name)
    if name == "province" and value is None and (record.level == "central" or evidence.startswith("a central document")):
        return None
    if name == "date" and value is None and record.meeting_date:
        return LIKELY, "no date of issue; the meeting's date stands in"
    if value is None:
        why = {
            "date": "no date read: the notice drops out of every diffusion view",
            "province": "no province read: the notice drops out of every province view",
            "issuer": "no issuer read",
            "type": "no type read",
        }[name]
        return DOUBTFUL, f"{why} ({evidence})" if evidence else why
    if name == "province" and "(districts of 2021)" in evidence:
        return DOUBTFUL, f"inferred from a district's name: {evidence}"
    if name == "issuer" and _signed_for_another_body(value, evidence):
        return DOUBTFUL, f"the letterhead and the signature name different bodies: {evidence}"
    if name == "type" and _heading_says_more(value, evidence):
        return DOUBTFUL, f"the heading says more than the type: {evidence}"
    if ocr:
        return LIKELY, "read by OCR: a digit or a diacritic may be misread"
    if basis == "inferred":
        return LIKELY, f"inferred: {evidence}"
    return CERTAIN, "stated"


def _signed_for_another_body(issuer: str, evidence: str) -> bool:
    """``letterhead 'BCH ĐOÀN TỈNH …'; signed 'TM. Ban Thường vụ Tỉnh đoàn'``: the body signed for is
    neither the issuer nor a part of its name."""
    signed = _SIGNED_FOR.search(evidence)
    if not signed:
        return False
    body = fold(signed.group("body")).strip()
    name = fold(issuer)
    return not (body in name or name in body)


def _heading_says_more(doc_type: str, evidence: str) -> bool:
    """The type's heading goes on with a word of its own (``BÁO CÁO ĐỀ XUẤT`` read as ``Báo cáo``)."""
    if not evidence.startswith("'"):
        return False
    quoted = _QUOTED.match(evidence)
    if not quoted:
        return False
    words = fold(quoted.group("words")).split()
    type_words = fold(doc_type).split()
    return words[: len(type_words)] == type_words and 0 < len(words) - len(type_words) <= 2


def citation_level(citation: Citation) -> tuple[str, str]:
    """A citation's level and reason, from how it was read (reconcile adds disagreements)."""
    if citation.reviewed is not None:
        return CERTAIN, f"reviewed: {citation.reviewed}" if citation.reviewed else "reviewed"
    if citation.uncertain:
        return DOUBTFUL, "OCR read more than one letter of its number as digits: check against the page"
    if citation.corrected:
        return DOUBTFUL, "OCR put a letter for a digit in its number: it may point at the wrong document"
    if (citation.uid or "").startswith("unresolved:"):
        return LIKELY, "cannot be identified soundly" + (f": {citation.warnings[-1]}" if citation.warnings else "")
    if citation.from_ocr:
        return LIKELY, "read by OCR: a digit or a diacritic may be misread"
    return CERTAIN, "stated"


def judge(record: DocumentRecord) -> None:
    """Set the record's own facts' levels and each citation's (after extraction, and again after
    an analyst's corrections)."""
    record.confidence = {name: [level, why] for name, (level, why) in own_levels(record).items()}
    for citation in record.citations:
        citation.confidence, citation.doubt = citation_level(citation)


def node_properties(record: DocumentRecord) -> dict[str, Any]:
    """``<field>_confidence`` and ``<field>_doubt`` for each own fact, and the document's lowest level."""
    props: dict[str, Any] = {}
    for name in OWN_FIELDS:
        level, why = record.confidence.get(name) or (None, None)
        props[f"{name}_confidence"] = level
        props[f"{name}_doubt"] = why if level in (DOUBTFUL, LIKELY) else None
    ranks = [LEVELS.index(level) for level, _ in record.confidence.values()]
    props["confidence"] = LEVELS[max(ranks)] if ranks else None
    props["signer_basis"] = record.basis_of("signer") or ("stated" if record.signers else None)
    return props


def property_names() -> tuple[str, ...]:
    """The node properties :func:`node_properties` writes."""
    return (*(f"{name}_{part}" for name in OWN_FIELDS for part in ("confidence", "doubt")), "confidence", "signer_basis")
