"""What extraction produces: documents, their citations, signers — each fact with provenance.

Spans are ``[start, end)`` offsets into the *original* text of the source file, so a finding
can always be shown where it was written. ``basis`` says how a fact was found: ``stated``
(the words say it) or ``inferred`` (it follows from other words, named in ``evidence``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Signer:
    name: str
    role: str | None
    capacity: str | None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "capacity": self.capacity}


@dataclass
class Person:
    name: str
    title: str | None
    span: Span | None = None


@dataclass
class Citation:
    """One cited document, with every place the text mentions it."""

    as_written: str
    symbol: str | None
    canonical: str | None
    type: str | None
    number: int | None
    year: int | None
    date: str | None
    issuer: str | None
    level: str | None
    province: str | None
    relation: str
    mentions: int
    spans: list[Span]
    sentence: str
    issuer_basis: str | None = None
    kind: str | None = None  # "party", "state" or "mass" numbering
    uid: str | None = None
    warnings: list[str] = field(default_factory=list)
    from_ocr: bool = False  # read from OCR text: a digit or a diacritic may be misread
    corrected: bool = False  # OCR put letters for digits in its symbol or date; read as digits
    uncertain: bool = False  # more than one such letter: check against the page

    def to_json(self) -> dict[str, Any]:
        """Every field, spans as ``[start, end]`` pairs (``dataclasses.asdict`` deep-copies
        field by field and costs three times more)."""
        data = {name: getattr(self, name) for name in _CITATION_FIELDS}
        data["spans"] = [[s.start, s.end] for s in self.spans]
        data["warnings"] = list(self.warnings)
        return data


_CITATION_FIELDS = tuple(f.name for f in fields(Citation))


@dataclass
class DocumentRecord:
    source: str
    uid: str | None = None
    type: str | None = None
    type_basis: str | None = None
    symbol: str | None = None
    canonical: str | None = None
    number: int | None = None
    year: int | None = None
    date: str | None = None
    date_basis: str | None = None  # where the date was read: the place-date line, or a resolution's closing formula
    meeting_date: str | None = None
    subject: str | None = None
    issuer: str | None = None
    issuer_basis: str | None = None
    level: str | None = None
    kind: str | None = None
    province: str | None = None
    province_basis: str | None = None
    # The province among the 63 of 2021 and among the 34 after the 2025 reform (None where it cannot be told)
    province_2021: str | None = None
    province_2025: str | None = None
    place: str | None = None
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    copy_of: str | None = None
    persons: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    span: Span | None = None
    content_hash: str | None = None
    # How the words were read: "text", "docx", "html", "pdf-text", "ocr" or "pdf-text+ocr"
    read_by: str = "text"

    def to_json(self) -> dict[str, Any]:
        """The ``lexgraph extract --format jsonl`` object for this document."""
        return {
            "source": self.source,
            "uid": self.uid,
            "type": self.type,
            "type_basis": self.type_basis,
            "symbol": self.symbol,
            "canonical": self.canonical,
            "number": self.number,
            "year": self.year,
            "date": self.date,
            "date_basis": self.date_basis,
            "meeting_date": self.meeting_date,
            "subject": self.subject,
            "issuer": self.issuer,
            "issuer_basis": self.issuer_basis,
            "level": self.level,
            "province": self.province,
            "province_basis": self.province_basis,
            "province_2021": self.province_2021,
            "province_2025": self.province_2025,
            "place": self.place,
            "signers": [s.to_json() for s in self.signers],
            "recipients": self.recipients,
            "copy_of": self.copy_of,
            "persons": [p.name for p in self.persons],
            "person_titles": {p.name: p.title for p in self.persons},
            "warnings": self.warnings,
            "citations": [c.to_json() for c in self.citations],
            "span": [self.span.start, self.span.end] if self.span else None,
            "content_hash": self.content_hash,
            "read_by": self.read_by,
        }
